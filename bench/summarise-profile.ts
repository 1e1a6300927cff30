// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self and total time per function, top N by self
// time, so a profile can be read without DevTools.
//
//   npx tsx bench/summarise-profile.ts <file.cpuprofile> [N]

import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: summarise-profile <file.cpuprofile> [N]');
const top = Number(process.argv[3] ?? 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((s, i) => selfUs.set(s, (selfUs.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const label = (n: Node) => {
  const url = n.callFrame.url.replace(/^.*\/(src|node_modules|bench)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  self.set(label(node), (self.get(label(node)) ?? 0) + us);
  // Total: once per function on the stack, however often it recurses.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + us);
  }
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log('self ms  total ms  function');
for (const [l, us] of rows) console.log(`${(us / 1000).toFixed(0).padStart(7)}  ${((total.get(l) ?? 0) / 1000).toFixed(0).padStart(8)}  ${l}`);
