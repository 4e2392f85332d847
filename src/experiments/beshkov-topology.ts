/**
 * The topology part of the Beshkov & Einevoll reproduction: the same data manifold through a network
 * trained to classify it and through one trained to regress it (the paper's discrete vs continuous
 * targets, notes §3.4 "smoothness sweep"), before and after training, with the persistent homology of
 * the data at every layer (rank/through.ts).
 *
 * Data: two noisy concentric rings (radii 1 and ½), so H₀ = 2, H₁ = 2. The classification target is
 * the ring (1[r < ¾]); the regression target is the radius r itself — the continuous version of the
 * same function. Both z-scored and fitted with MSE and Adam as in the paper.
 */
import { rng, normal, uniform, type Rng } from '../numeric/random.js';
import { randomNetwork } from '../rank/randomNets.js';
import { homologyThrough } from '../rank/through.js';
import { fitMinibatch } from './beshkov-training.js';

export interface RingsLayer {
  readonly label: string;
  readonly betti: number[];
  readonly verdict: string;
  readonly collapsedShare: number;
}

export interface RingsRun {
  readonly task: 'classification' | 'regression';
  readonly finalLoss: number;
  readonly before: RingsLayer[];
  readonly after: RingsLayer[];
}

export interface RingsTopology {
  readonly arch: number[];
  readonly points: number;
  readonly homologyPoints: number;
  readonly epochs: number;
  readonly runs: RingsRun[];
  /** Human-readable table lines. */
  readonly lines: string[];
}

function rings(rand: Rng, count: number): { inputs: Float64Array; radius: Float64Array } {
  const inputs = new Float64Array(2 * count);
  const radius = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = i % 2 === 0 ? 1 : 0.5;
    const t = uniform(rand, 0, 2 * Math.PI);
    inputs[2 * i] = r * Math.cos(t) + normal(rand, 0, 0.03);
    inputs[2 * i + 1] = r * Math.sin(t) + normal(rand, 0, 0.03);
    radius[i] = Math.hypot(inputs[2 * i], inputs[2 * i + 1]);
  }
  return { inputs, radius };
}

function zscore(v: Float64Array): Float64Array {
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length) || 1;
  return v.map((x) => (x - m) / sd);
}

export function ringsTopology(seed: number, quick: boolean): RingsTopology {
  const arch = quick ? [2, 8, 8, 1] : [2, 16, 16, 16, 1];
  const trainCount = quick ? 200 : 600;
  const testCount = 600;
  const homologyPoints = quick ? 120 : 200;
  const epochs = quick ? 30 : 300;
  const data = rng(`${seed}:rings`);
  const train = rings(data, trainCount);
  const test = rings(data, testCount);
  const runs: RingsRun[] = [];
  for (const task of ['classification', 'regression'] as const) {
    const rand = rng(`${seed}:rings-net`);
    const init = randomNetwork(rand, arch);
    const target = zscore(task === 'classification' ? train.radius.map((r) => (r < 0.75 ? 1 : 0)) : train.radius);
    const fit = fitMinibatch(rand, init, { inputs: train.inputs, targets: target, count: trainCount, inputDim: 2, targetDim: 1 }, { loss: 'mse', lr: 3e-3, epochs, batchSize: 64 });
    const summarise = (net: typeof init): RingsLayer[] =>
      homologyThrough(net, test.inputs, testCount, { maxDim: 1, maxPoints: homologyPoints }).layers.map((l) => ({ label: l.label, betti: l.betti, verdict: l.verdict, collapsedShare: l.collapsedShare }));
    runs.push({ task, finalLoss: fit.lossCurve[fit.lossCurve.length - 1], before: summarise(init), after: summarise(fit.net) });
  }
  const lines = [`Topology — two rings (H₀ = 2, H₁ = 2) through ${arch.join('-')}, ${epochs} epochs: persistent [β₀, β₁] per layer, before → after training`];
  for (const r of runs) {
    lines.push(`  ${r.task} (final loss ${r.finalLoss.toExponential(2)})`);
    r.before.forEach((b, i) => {
      const a = r.after[i];
      lines.push(`    ${b.label.padEnd(7)} [${b.betti.join(', ')}] ${b.verdict.padEnd(9)} → [${a.betti.join(', ')}] ${a.verdict.padEnd(9)} collapsed ${(100 * a.collapsedShare).toFixed(0)}%`);
    });
  }
  return { arch, points: testCount, homologyPoints, epochs, runs, lines };
}

export interface CircleCell {
  /** Ambient dimension m of the embedded circle and hidden width n. */
  readonly inputDim: number;
  readonly width: number;
  readonly nets: number;
  /** Share of nets whose hidden layer changes the circle's persistent [β₀, β₁]. */
  readonly changed: number;
  /** Mean share of the points in low-rank regions (rank on the circle's plane < 2). */
  readonly collapsed: number;
  /** Share of nets where the layer's Betti numbers equal those of M/A (the paper's prediction). */
  readonly agree: number;
}

/**
 * Fig. 1: a circle embedded linearly in ℝ^m by a Gaussian 2 × m matrix, through random one-hidden-layer
 * nets of width n (PyTorch init). Per (m, n): how often the hidden representation changes the circle's
 * topology, how much of it lies in low-rank regions, and how often the layer's homology matches the
 * quotient M/A's.
 */
export function circleThroughRandomNets(seed: number, quick: boolean): CircleCell[] {
  const dims = quick ? [2] : [2, 3, 5, 10];
  const widths = quick ? [3, 25] : [2, 3, 5, 25];
  const nets = quick ? 2 : 8;
  const count = 400;
  const rand = rng(`${seed}:fig1`);
  const out: CircleCell[] = [];
  for (const m of dims) {
    for (const n of widths) {
      let changed = 0;
      let collapsed = 0;
      let agree = 0;
      for (let k = 0; k < nets; k++) {
        const A = normalsMatrix(rand, 2 * m);
        const pts = new Float64Array(count * m);
        for (let i = 0; i < count; i++) {
          const c = Math.cos((2 * Math.PI * i) / count);
          const s = Math.sin((2 * Math.PI * i) / count);
          for (let j = 0; j < m; j++) pts[i * m + j] = c * A[j] + s * A[m + j];
        }
        const net = randomNetwork(rand, [m, n, 1]);
        const layer = homologyThrough(net, pts, count, { maxDim: 1, maxPoints: 120 }).layers[1];
        if (layer.verdict === 'changed') changed++;
        collapsed += layer.collapsedShare;
        if (layer.betti.every((b, i) => b === layer.quotientBetti[i])) agree++;
      }
      out.push({ inputDim: m, width: n, nets, changed: changed / nets, collapsed: collapsed / nets, agree: agree / nets });
    }
  }
  return out;
}

function normalsMatrix(rand: Rng, count: number): Float64Array {
  const a = new Float64Array(count);
  for (let i = 0; i < count; i++) a[i] = normal(rand);
  return a;
}
