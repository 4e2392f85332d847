/**
 * Ranks at data points: each point lies in the region of its activation pattern, and takes that
 * region's ranks. Points are grouped by pattern first, so a rank is computed once per distinct
 * region met by the data (Beshkov & Einevoll's code does the same: unique patterns, then ranks).
 */
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { TesseraError } from '../numeric/errors.js';
import type { Network } from '../net/network.js';
import { hiddenWidths, signSequence, signString } from '../net/signs.js';
import { patternRanks } from './jacobian.js';

export interface PointRanks {
  /** Layers computed: 1 … upTo (see layers.ts). */
  readonly layers: number;
  readonly count: number;
  /** Distinct activation regions met: sign sequences (−1/0/+1 per hidden neuron). */
  readonly patterns: Int8Array[];
  /** patterns.length × layers: rank of each region at each layer. */
  readonly patternRanks: Int32Array;
  /** count: the region (index into patterns) of each point. */
  readonly patternOf: Int32Array;
  /** count × layers: rank at each point and layer. */
  readonly ranks: Int32Array;
}

export interface PointRankOptions {
  /** Restrict the maps to the span of this n × k basis (see jacobian.ts). */
  basis?: Float64Array;
  basisCols?: number;
  upTo?: number;
  tol?: Tolerance;
}

/** Ranks of the representations at `count` points stored row-major (count × n) in `points`. */
export function ranksAtPoints(net: Network, points: Float64Array, count: number, options: PointRankOptions = {}): PointRanks {
  const n = net.inputDim;
  if (!Number.isInteger(count) || count < 0 || points.length < count * n) {
    throw new TesseraError('shape', `data of ${points.length} numbers is not ${count} points of dimension ${n}`);
  }
  const tol = options.tol ?? DEFAULT_TOLERANCE;
  const upTo = options.upTo ?? net.layers.length;
  const index = new Map<string, number>();
  const patterns: Int8Array[] = [];
  const patternOf = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    const s = signSequence(net, points.subarray(p * n, (p + 1) * n), tol);
    const key = signString(s);
    let id = index.get(key);
    if (id === undefined) {
      id = patterns.length;
      index.set(key, id);
      patterns.push(s);
    }
    patternOf[p] = id;
  }
  const pr = new Int32Array(patterns.length * upTo);
  for (let i = 0; i < patterns.length; i++) {
    pr.set(patternRanks(net, patterns[i], { basis: options.basis, basisCols: options.basisCols, upTo, tol }), i * upTo);
  }
  const ranks = new Int32Array(count * upTo);
  for (let p = 0; p < count; p++) ranks.set(pr.subarray(patternOf[p] * upTo, (patternOf[p] + 1) * upTo), p * upTo);
  return { layers: upTo, count, patterns, patternRanks: pr, patternOf, ranks };
}

/** Sign string of a pattern with '|' between hidden layers. */
export function patternLabel(net: Network, pattern: ArrayLike<number>): string {
  return signString(pattern, hiddenWidths(net));
}
