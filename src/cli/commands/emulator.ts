// `controltrace emulator`: serves the Azure DevOps REST emulator until interrupted.

import { Command, InvalidArgumentError } from 'commander';
import { InputError } from '../../core/errors';
import { startEmulator } from '../../emulator';
import { SeedName } from '../../emulator/data';

const rate = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`${name} must be a number between 0 and 1.`);
  return n;
};
const nonNegativeInt = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a non-negative integer.`);
  return Number(value);
};
const seed = (value: string): SeedName => {
  if (value === 'sample' || /^large:\d+$/.test(value)) return value as SeedName;
  throw new InvalidArgumentError('use "sample" or "large:N" (N work items).');
};

const collectPattern = (value: string, previous: string[]) => {
  try {
    new RegExp(value, 'i');
  } catch {
    throw new InvalidArgumentError(`--fail-route "${value}" is not a valid regular expression.`);
  }
  return [...previous, value];
};

export function register(program: Command): void {
  program
    .command('emulator')
    .description('Serve a local Azure DevOps REST emulator with a seeded regulated project (Ctrl+C to stop)')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 = a free port)', nonNegativeInt('--port'), 0)
    .option('--seed <seed>', 'sample | large:N', seed, 'sample' as SeedName)
    .option('--latency <ms>', 'delay added to each request', nonNegativeInt('--latency'), 0)
    .option('--fail-429 <rate>', 'fraction of requests answered 429 with Retry-After', rate('--fail-429'), 0)
    .option('--fail-503 <rate>', 'fraction of requests answered 503', rate('--fail-503'), 0)
    .option('--reset-rate <rate>', 'fraction of connections reset', rate('--reset-rate'), 0)
    .option('--page-size <n>', 'page size of every paged endpoint', nonNegativeInt('--page-size'))
    .option('--fault-seed <n>', 'seed of the fault injector', nonNegativeInt('--fault-seed'), 1)
    .option('--fail-route <regex>', 'paths matching this regular expression always get 503 (repeatable)', collectPattern, [] as string[])
    .action(async (o: { port: number; seed: SeedName; latency: number; fail429: number; fail503: number; resetRate: number; pageSize?: number; faultSeed: number; failRoute: string[] }) => {
      const emu = await startEmulator({
        port: o.port,
        seed: o.seed,
        pageSize: o.pageSize && o.pageSize > 0 ? o.pageSize : undefined,
        faults: { latencyMs: o.latency, rate429: o.fail429, rate503: o.fail503, resetRate: o.resetRate, seed: o.faultSeed, persistent: o.failRoute.map((pathPattern) => ({ pathPattern })) },
      }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
          throw new InputError(`Cannot listen on 127.0.0.1:${o.port} (${e.code}): choose another port with --port, or --port 0 for a free one.`);
        }
        throw e;
      });
      process.stdout.write(`Azure DevOps emulator: ${emu.url}  (organization ${emu.organization}, project ${emu.project}; any PAT works)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await emu.close();
    });
}
