// A progress bar on stderr, only for a person watching a terminal: never in CI logs or piped output.
import { SingleBar } from 'cli-progress';
import { plainText } from '../core/trace/render/escape';

export interface Progress {
  update(done: number, total: number, file: string): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  let bar: SingleBar | undefined;
  return {
    update(done, total, file) {
      if (!bar) {
        bar = new SingleBar({ stream, format: 'scanning [{bar}] {value}/{total} {file}', hideCursor: false, clearOnComplete: true, barsize: 30 });
        bar.start(total, 0, { file: '' });
      }
      // A file name may hold escape sequences that would drive the terminal.
      bar.update(done, { file: plainText(file.length > 60 ? `…${file.slice(-59)}` : file) });
    },
    stop() {
      bar?.stop();
    },
  };
}
