/**
 * Rank decomposition:  node --import tsx bench/rank.bench.ts
 * - numeric rank (pivoted QR) of typical layer Jacobians;
 * - ranks at data points for an MNIST-sized net (784-64-32-10), per point;
 * - exact per-cell ranks + volumes on the complex of random 2-D and 3-D nets;
 * - one Fig. 2a cell (m = n = 100, 10 nets × 100 samples) and the Dale sweep's largest case;
 * - homology through a net (circle, 200 points, H₀–H₂ at every layer).
 * One warm-up pass, then the median of a few measured passes (wall clock, single thread).
 */
import { buildComplex, boxDomain } from '../src/complex/index.js';
import { matrixRank } from '../src/numeric/linalg.js';
import { normals, rng, uniforms } from '../src/numeric/random.js';
import { randomNetwork } from '../src/rank/randomNets.js';
import { ranksAtPoints } from '../src/rank/points.js';
import { cellRanks } from '../src/rank/cells.js';
import { widthSweep, daleSweep } from '../src/rank/paperSweeps.js';
import { homologyThrough } from '../src/rank/through.js';

function median<T>(runs: number, f: () => T): [T, number] {
  let result = f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return [result, times[Math.floor(times.length / 2)]];
}

const ms = (t: number) => (t < 10 ? t.toFixed(3) : t.toFixed(1)).padStart(9) + ' ms';

console.log('numeric rank (Householder QR with column pivoting)');
for (const [rows, cols, r] of [[32, 784, 32], [64, 784, 40], [100, 100, 100], [100, 100, 50], [50, 50, 50]] as const) {
  const rand = rng(rows * cols + r);
  const a = new Float64Array(rows * cols);
  // Exact rank r: a product of rows × r and r × cols Gaussian factors.
  const u = normals(rand, rows * r);
  const v = normals(rand, r * cols);
  for (let i = 0; i < rows; i++) for (let k = 0; k < r; k++) for (let j = 0; j < cols; j++) a[i * cols + j] += u[i * r + k] * v[k * cols + j];
  const [rank, t] = median(9, () => matrixRank(a, rows, cols));
  console.log(`  ${String(rows).padStart(4)} × ${String(cols).padEnd(4)} rank ${String(rank).padStart(3)}  ${ms(t)}`);
}

console.log('\nranks at data points: 784-64-32-10 (PyTorch init), 1000 points in [0,1]^784, all layers');
{
  const net = randomNetwork(rng(1), [784, 64, 32, 10]);
  const pts = uniforms(rng(2), 1000 * 784);
  const [pr, t] = median(3, () => ranksAtPoints(net, pts, 1000));
  console.log(`  ${pr.patterns.length} distinct regions  ${ms(t)}  (${(t / 1000).toFixed(3)} ms a point)`);
}

console.log('\nexact per-cell ranks + volumes on the complex (box [−2,2]ⁿ)');
for (const widths of [[2, 32, 32, 1], [2, 64, 64, 1], [3, 16, 16, 1]]) {
  const net = randomNetwork(rng(widths.join()), widths, { kind: 'normal', mean: 0, std: 1 });
  const c = buildComplex(net, boxDomain(widths[0], -2, 2));
  const [cr, t] = median(3, () => cellRanks(net, c));
  console.log(`  ${widths.join('-').padEnd(12)} ${String(cr.regions).padStart(6)} regions  ${ms(t)}  (total volume ${cr.totalVolume.toFixed(6)})`);
}

console.log('\npaper sweeps');
{
  const [, t1] = median(1, () => widthSweep(rng(3), [100], [100], 10));
  console.log(`  Fig. 2a cell m = n = 100, 10 nets × 100 samples  ${ms(t1)}`);
  const [, t2] = median(1, () => daleSweep(rng(4), 50, 100, [10], 10));
  console.log(`  Fig. 2d Dale 50 → 100, r = 10, 10 nets (+10 random)  ${ms(t2)}`);
}

console.log('\nhomology through a net: circle (400 points, 200 for homology) through 2-32-32-2, H₀–H₂');
{
  const pts = new Float64Array(800);
  for (let i = 0; i < 400; i++) {
    pts[2 * i] = Math.cos((2 * Math.PI * i) / 400);
    pts[2 * i + 1] = Math.sin((2 * Math.PI * i) / 400);
  }
  const net = randomNetwork(rng(5), [2, 32, 32, 2]);
  const [r, t] = median(1, () => homologyThrough(net, pts, 400, { maxPoints: 200 }));
  console.log(`  betti per layer ${r.layers.map((l) => '[' + l.betti.join(',') + ']').join(' ')}  ${ms(t)}`);
}
