/**
 * The MNIST part of `tessera reproduce beshkov` at a chosen size (`--mnist-arch`, `--mnist-epochs`,
 * `--mnist-train`, `--mnist-test`), and the per-point ranks it needs, computed fast enough for a
 * paper-like net (784-512-256-128-100-10) in plain JavaScript.
 *
 * Where the time goes: for such a net, ranksAtPoints spends ~0.2 s a point factoring layer 1 — a pivoted
 * QR of the ~250–300 active rows of W₁ (784 columns) — and almost nothing on the deeper layers, whose maps
 * are already reduced to r₁ columns. Layer 1 needs no factorisation when W₁ has full row rank: then every
 * subset of its rows is independent (the smallest singular value of a row subset is at least that of W₁),
 * so rank(D₁W₁) = #active₁, and D₁W₁ maps onto ℝ^{active₁}, so for l ≥ 2
 *   rank(D_l W_l ⋯ D₂ W₂ D₁ W₁) = rank(D_l W_l ⋯ D₂ W₂[:, active₁]),
 * which is patternRanks of the net from layer 2 on, with W₂ cut to the active columns. The ranks are
 * the same numbers; they cost ~20 ms a point instead of 200.
 */
import { TesseraError } from '../numeric/errors.js';
import { matrixRank } from '../numeric/linalg.js';
import { tolerance } from '../numeric/tolerance.js';
import { createNetwork, type Network } from '../net/network.js';
import { signSequence, signString } from '../net/signs.js';
import { patternRanks } from '../rank/jacobian.js';
import { ranksAtPoints } from '../rank/points.js';

/** Overrides of the MNIST part's sizes; any field left out keeps the default. */
export interface MnistOverrides {
  arch?: number[];
  epochs?: number;
  /** Training digits (a multiple of 10: the same number of each digit). */
  train?: number;
  /** Test digits and noise images (a multiple of 10). */
  test?: number;
}

export interface MnistFlags {
  mnistArch?: string;
  mnistEpochs?: string;
  mnistTrain?: string;
  mnistTest?: string;
}

/** The bundled digits: the smallest class (5) has 863 samples, shared between training and test digits. */
export const MNIST_PER_CLASS = 863;

/** Parse and check the `--mnist-*` flags; undefined when none is given. Throws TesseraError('input'). */
export function parseMnistFlags(flags: MnistFlags): MnistOverrides | undefined {
  if (flags.mnistArch === undefined && flags.mnistEpochs === undefined && flags.mnistTrain === undefined && flags.mnistTest === undefined) return undefined;
  const out: MnistOverrides = {};
  if (flags.mnistArch !== undefined) {
    const parts = flags.mnistArch.split(',').map((s) => s.trim());
    const arch = parts.map(Number);
    if (parts.some((s) => !/^\d+$/.test(s)) || arch.some((w) => !(w >= 1 && w <= 4096))) {
      throw new TesseraError('input', `--mnist-arch: expected comma-separated widths between 1 and 4096 such as 784,512,256,128,100,10, got "${flags.mnistArch}"`);
    }
    if (arch.length < 3 || arch[0] !== 784 || arch[arch.length - 1] !== 10) {
      throw new TesseraError('input', `--mnist-arch: must start with 784 (pixels), end with 10 (classes) and have at least one hidden layer, got "${flags.mnistArch}"`);
    }
    out.arch = arch;
  }
  const int = (name: string, text: string | undefined, lo: number, hi: number, step = 1): number | undefined => {
    if (text === undefined) return undefined;
    const v = Number(text);
    if (!/^\d+$/.test(text.trim()) || v < lo || v > hi || v % step !== 0) {
      throw new TesseraError('input', `--${name}: expected ${step > 1 ? `a multiple of ${step}` : 'an integer'} from ${lo} to ${hi}, got "${text}"`);
    }
    return v;
  };
  out.epochs = int('mnist-epochs', flags.mnistEpochs, 1, 1000);
  out.train = int('mnist-train', flags.mnistTrain, 10, 8000, 10);
  out.test = int('mnist-test', flags.mnistTest, 10, 1000, 10);
  return out;
}

/** Check that training and test digits fit in the bundled set without overlapping. */
export function checkMnistCounts(perClassTrain: number, perClassTest: number): void {
  if (perClassTrain + perClassTest > MNIST_PER_CLASS) {
    throw new TesseraError('input', `--mnist-train ${perClassTrain * 10} with --mnist-test ${perClassTest * 10}: the bundled digits allow at most ${MNIST_PER_CLASS * 10} together (${MNIST_PER_CLASS} of each digit)`);
  }
}

/**
 * Rank of every hidden layer 1 … H at every point (count × H, row-major): the numbers
 * ranksAtPoints(net, points, count, { upTo: H }).ranks gives, with layer 1 short-cut as explained above
 * when W₁ has full row rank (checked with a margin of 10³ over the rank tolerance); otherwise it is
 * ranksAtPoints itself.
 */
export function hiddenLayerRanks(net: Network, points: Float64Array, count: number): Int32Array {
  const H = net.layers.length - 1;
  const first = net.layers[0];
  if (H < 1 || first.outDim > first.inDim || matrixRank(first.weight, first.outDim, first.inDim, tolerance(1e-6)) < first.outDim) {
    return ranksAtPoints(net, points, count, { upTo: H }).ranks;
  }
  const n = net.inputDim;
  const n1 = first.outDim;
  const second = net.layers[1];
  const byPattern = new Map<string, Int32Array>();
  const ranks = new Int32Array(count * H);
  for (let p = 0; p < count; p++) {
    const s = signSequence(net, points.subarray(p * n, (p + 1) * n));
    const key = signString(s);
    let r = byPattern.get(key);
    if (r === undefined) {
      r = new Int32Array(H);
      const active: number[] = [];
      for (let o = 0; o < n1; o++) if (s[o] > 0) active.push(o);
      r[0] = active.length;
      if (H > 1 && active.length > 0) {
        const k = active.length;
        const cut = new Float64Array(second.outDim * k);
        for (let o = 0; o < second.outDim; o++) for (let j = 0; j < k; j++) cut[o * k + j] = second.weight[o * second.inDim + active[j]];
        const rest = createNetwork([{ weight: cut, inDim: k, outDim: second.outDim }, ...net.layers.slice(2).map((l) => ({ weight: l.weight, bias: l.bias, inDim: l.inDim, outDim: l.outDim }))]);
        r.set(patternRanks(rest, s.subarray(n1), { upTo: H - 1 }), 1);
      }
      byPattern.set(key, r);
    }
    ranks.set(r, p * H);
  }
  return ranks;
}
