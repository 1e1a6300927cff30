// `controltrace` entry point. Runs on load: bin/controltrace.js requires this file (or its esbuild bundle).
import { runCli } from './program';

// `controltrace scan … | head` closes the pipe early; that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
