// `controltrace` entry point. Runs on load: bin/controltrace.js requires this file (or its esbuild bundle).
import { runCli } from './program';

void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
