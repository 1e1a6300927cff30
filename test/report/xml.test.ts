import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderXmlDocument, xmlSafe } from '../../src/core/util/xml';
import { childrenNamed, parseXml } from './xml';

describe('XML writer', () => {
  it('round-trips any string through attributes and text via a strict parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (attr, text) => {
        const doc = parseXml(renderXmlDocument({ name: 'r', attrs: [['a', attr]], children: [{ name: 'c', text }] }));
        assert.equal(doc.attributes.a, xmlSafe(attr));
        assert.equal(childrenNamed(doc, 'c')[0]!.text, xmlSafe(text));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps valid text unchanged and replaces what XML 1.0 cannot hold', () => {
    assert.equal(xmlSafe('a\tb\nc 😀 é'), 'a\tb\nc 😀 é');
    assert.equal(xmlSafe('a\u0000b\uFFFEc\uD800'), 'a\uFFFDb\uFFFDc\uFFFD');
  });
});
