// uniqueString() and guid() must give exactly what Azure Resource Manager gives, because resource
// names built from them are what a scan compares against. The vectors below are published outputs
// of ARM / Bicep, not values computed by this code.
import assert from 'node:assert/strict';
import { armGuid, uniqueString } from '../../src/core/arm/expression';
import { sha1 } from '../../src/core/arm/expression/hash/sha1';
import { utf8Bytes } from '../../src/core/arm/expression/hash/utf8';
import { ev } from './helpers';

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('arm-expression uniqueString and guid', () => {
  // Values checked against `bicep console` (Bicep CLI 0.48.1), published in a project's test suite;
  // they cover every tail length of the 8-byte blocks and a non-ASCII input.
  const bicepConsole: [string[], string][] = [
    [['abc'], 'cgtzqvhu4i23s'],
    [['a'], 'eveiun73364hy'],
    [['ab'], 'twldla3s3qb3q'],
    [['abcdefg'], 'logmp4qgzfm46'],
    [['abcdefgh'], 'q7ncvd5x2rx4e'],
    [['abcdefghi'], 'zignisl6otg3u'],
    [['abcdefghijklm'], 'drrqz7xt5wi54'],
    [['/subscriptions/f27c2614-6558-5b71-a7d0-35feaa9a9e01/resourceGroups/rg-invoice-ingest-prod'], 'os4tnuguwk72e'],
    [['/subscriptions/x/resourceGroups/rg-a', 'eastus2'], 'vahbmjcrjob36'],
    [['déjà vu'], 'sjpsqt4vlgjwo'],
  ];
  // Self-test vectors of an independent shell implementation "verified against Bicep uniqueString()".
  const shellVectors: [string[], string][] = [
    [['test'], 'rbgf3xv4ufgzg'],
    [['hello', 'world'], 'a7wkljktk6wne'],
    [['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg'], 'bmg7c6xu4tw46'],
    [['foo', 'bar', 'baz'], 'xzi4ioaxtmth4'],
  ];
  for (const [parts, expected] of [...bicepConsole, ...shellVectors]) {
    it(`uniqueString(${parts.map((p) => `'${p.length > 30 ? `${p.slice(0, 27)}...` : p}'`).join(', ')}) = ${expected}`, () => {
      assert.equal(uniqueString(parts), expected);
      const call = `uniqueString(${parts.map((p) => `'${p}'`).join(', ')})`;
      assert.equal(ev(call), expected);
    });
  }

  it('uniqueString is 13 characters of a-z and 2-7 and joins arguments with a hyphen', () => {
    assert.match(uniqueString(['anything']), /^[a-z2-7]{13}$/);
    assert.equal(uniqueString(['a', 'b']), uniqueString(['a-b']));
    assert.notEqual(uniqueString(['a', 'b']), uniqueString(['ab']));
  });

  // guid('test') from the arm2tf Terraform provider's tests; guid('hello'), guid('hello', 'world') and
  // guid('world', 'hello') from another project's "official UUID-v5 guid vectors". (arm2tf joins several
  // arguments without a separator, which disagrees with ARM's '-' join and is not used here.)
  const guidVectors: [string[], string][] = [
    [['test'], 'd6a5baf1-8b9b-542a-8525-2982f1f98a0c'],
    [['hello'], '520f8434-fe3a-5d99-888d-450a827486a1'],
    [['hello', 'world'], 'a5b868f8-11fe-567a-ace0-e77cc87f104e'],
    [['world', 'hello'], 'b1db13b3-4ca6-5782-bf9e-8495c3532f9d'],
  ];
  for (const [parts, expected] of guidVectors) {
    it(`guid(${parts.map((p) => `'${p}'`).join(', ')}) = ${expected}`, () => {
      assert.equal(armGuid(parts), expected);
      assert.equal(ev(`guid(${parts.map((p) => `'${p}'`).join(', ')})`), expected);
    });
  }

  it('guid is a version 5, RFC 4122 variant UUID', () => {
    assert.match(armGuid(['x', 'y']), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('uniqueString and guid take strings only', () => {
    assert.throws(() => ev("uniqueString('a', 1)"), /'uniqueString'.*argument 2 must be a String/);
    assert.throws(() => ev('guid(createArray())'), /'guid'.*argument 1 must be a String/);
  });

  it('SHA-1 matches the FIPS 180 test vectors', () => {
    assert.equal(hex(sha1(utf8Bytes(''))), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
    assert.equal(hex(sha1(utf8Bytes('abc'))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(hex(sha1(utf8Bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))), '84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    assert.equal(hex(sha1(utf8Bytes('a'.repeat(1_000_000)))), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });
});
