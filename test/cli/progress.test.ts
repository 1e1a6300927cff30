import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createProgress } from '../../src/cli/progress';

/** A terminal as far as the progress bar can tell, recording what it is sent. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 200, rows: 40, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => chunks.join('') };
}

describe('scan progress bar', () => {
  it('shows the file being scanned with its escape sequences defused', () => {
    const { stream, text } = fakeTerminal();
    const progress = createProgress(stream);
    progress.update(1, 2, 'infra/a\u001b]0;owned\u0007.json');
    progress.stop();
    assert.match(text(), /1\/2 infra\/a ]0;owned \.json/);
    assert.doesNotMatch(text(), /owned\u0007/);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const { stream, text } = fakeTerminal();
    Object.assign(stream, { isTTY: false });
    const progress = createProgress(stream);
    progress.update(1, 2, 'a.json');
    progress.stop();
    assert.equal(text(), '');
  });
});
