// Types of compare.mjs for the TypeScript tests that exercise it.
export interface Cli { script: string; root: string }
export interface Case { name: string; cwd: string; args: string[] }
export interface Run { exit: number | string; stdout: Buffer; stderr: Buffer; reports: Record<string, Buffer> }
export interface Difference { what: string; at?: number; old?: unknown; new?: unknown }
export interface Outcome { name: string; old: number | string; new: number | string; diffs: Difference[] }
export function runCase(cli: Cli, c: Case, dirs: { inputsDir: string; outDir: string }): Promise<Run>;
export function hideRoot(buf: Buffer, root: string): Buffer;
export function differences(a: Run, b: Run): Difference[];
export function describe(name: string, diffs: Difference[]): string;
export function compareCases(options: {
  cases: Case[]; oldCli: Cli; newCli: Cli; inputsDir: string; workDir: string; resultsDir: string; jobs?: number; log?: (line: string) => void;
}): Promise<Outcome[]>;
