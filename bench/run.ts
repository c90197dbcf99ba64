// `npm run bench [NAME...]`: runs the benchmarks one after another (each in its own process, so
// one's memory and JIT state do not colour the next), printing their figures as they come.
// With names, only those (e.g. `npm run bench -- key-latency startup`). The fuzz campaign runs
// only when named (`npm run bench -- fuzz`, or `npm run fuzz -- FILTER`): 100,000 cases of each
// property take over an hour on two cores.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = ['startup', 'key-latency', 'step-latency', 'render-cost', 'goroutines', 'memory', 'deep-values', 'bpftrace', 'pair-latency', 'batch', 'disasm', 'finder', 'remote-source'];
const ON_REQUEST = ['fuzz'];

const dir = path.dirname(fileURLToPath(import.meta.url));
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !BENCHES.includes(a) && !ON_REQUEST.includes(a));
if (unknown.length) {
  console.error(`No benchmark named ${unknown.join(', ')}. There are: ${[...BENCHES, ...ON_REQUEST].join(', ')}.`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length ? asked : BENCHES) {
  console.log(`\n== bench/${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(dir, `${name}.js`)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${name} failed (exit ${r.status ?? r.signal}).`);
  }
}
process.exit(failed ? 1 : 0);
