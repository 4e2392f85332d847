/**
 * PL and discrete Morse theory:  node --import tsx bench/morse.bench.ts
 * For random nets in 2-D and 3-D (box [−2,2]ⁿ): cells, then the time of each stage —
 * classification (incidence, slopes, lower stars, local homology), the discrete gradient, the
 * acyclicity check, the sublevel Morse-inequality checks (8 levels), the Morse complex — and the critical counts.
 * One silent warm-up pass, then one measured pass (wall clock, single thread).
 */
import { buildComplex, boxDomain } from '../src/complex/index.js';
import { createNetwork, type Network } from '../src/net/index.js';
import { normals, rng } from '../src/numeric/random.js';
import { morseContext } from '../src/morse/classify.js';
import { discreteGradient, criticalCounts } from '../src/morse/gradient.js';
import { checkAcyclic } from '../src/morse/acyclic.js';
import { morseComplex } from '../src/morse/morse-complex.js';
import { sublevelChecks, levelsBetweenCriticalValues } from '../src/morse/sublevel.js';

function randomNet(widths: number[], seed: number): Network {
  const rand = rng(seed);
  return createNetwork(widths.slice(1).map((out, l) => ({ weight: normals(rand, out * widths[l], 0, Math.sqrt(2 / widths[l])), bias: normals(rand, out, 0, 0.4), inDim: widths[l], outDim: out })));
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

const cases: [number[], number][] = [
  [[2, 16, 16, 1], 2],
  [[2, 32, 32, 1], 2],
  [[2, 64, 64, 1], 2],
  [[3, 8, 8, 1], 2],
  [[3, 16, 16, 1], 2],
];
// One silent pass first so the figures are for JIT-compiled code.
for (const pass of [0, 1]) {
if (pass === 1) console.log('architecture   cells (V/E/F/…)            total   build ms  classify ms  gradient ms  acyclic ms  sublevel ms  Morse cx ms  critical cells');
for (const [arch, R] of cases) {
  const net = randomNet(arch, 1);
  const [complex, tb] = time(() => buildComplex(net, boxDomain(arch[0], -R, R)));
  const [ctx, tc] = time(() => morseContext(complex));
  const [g, tg] = time(() => discreteGradient(ctx));
  const [, ta] = time(() => checkAcyclic(complex, g));
  const [, ts] = time(() => sublevelChecks(ctx, g, levelsBetweenCriticalValues(ctx, g, 8)));
  const [, tm] = time(() => morseComplex(complex, g));
  const cells = complex.cells.map((c) => c.count);
  const total = cells.reduce((s, c) => s + c, 0);
  if (pass === 1) console.log(
    `${arch.join('-').padEnd(14)} ${cells.join('/').padEnd(26)} ${String(total).padStart(7)} ${tb.toFixed(0).padStart(9)} ${tc.toFixed(0).padStart(12)} ${tg.toFixed(0).padStart(12)} ${ta.toFixed(0).padStart(11)} ${ts.toFixed(0).padStart(12)} ${tm.toFixed(0).padStart(12)}  [${criticalCounts(g).join(', ')}]`,
  );
}
}
