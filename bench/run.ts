/**
 * The benchmark runner (`npm run bench`, or `npm run bench -- complex net` for the files whose names
 * contain any of the words). Each bench/*.bench.ts runs in its own `node --import tsx` process, one
 * after another, so timings do not interfere and a crash in one does not stop the rest.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const chosen = filters.length === 0 ? all : all.filter((f) => filters.some((w) => f.includes(w)));

if (chosen.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')} (have: ${all.join(', ') || 'none'})`);
  process.exit(2);
}

const failed: string[] = [];
for (const file of chosen) {
  console.log(`\n=== ${file} ${'='.repeat(Math.max(0, 60 - file.length))}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) failed.push(file);
  console.log(`--- ${file}: ${r.status === 0 ? 'done' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds} s`);
}
console.log(`\n${chosen.length - failed.length} of ${chosen.length} benchmark files ran${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
