/**
 * The sampling protocol of Beshkov & Einevoll's Fig. 2 (notes §3.2): draw points of the data
 * (uniform in a box by default, [−5, 5]^m), take the distinct activation regions they meet, compute
 * the rank of the layer map on each, and record the minimum (and maximum) over those regions. A net
 * "has low-rank regions on the data" when that minimum is below the input dimension. Repeated over
 * many random nets this gives the mean minimum rank and the probability of low rank.
 */
import type { Network } from '../net/network.js';
import { uniforms, type Rng } from '../numeric/random.js';
import { ranksAtPoints } from './points.js';

export interface RankRange {
  readonly min: number;
  readonly max: number;
  /** Distinct regions met by the sample. */
  readonly regions: number;
}

/** Min and max rank of layer `layer` over the regions met by `count` points (count × n, row-major). */
export function rankRangeOnPoints(net: Network, points: Float64Array, count: number, layer = 1): RankRange {
  const pr = ranksAtPoints(net, points, count, { upTo: layer });
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < pr.patterns.length; i++) {
    const r = pr.patternRanks[i * layer + layer - 1];
    if (r < min) min = r;
    if (r > max) max = r;
  }
  return { min, max, regions: pr.patterns.length };
}

/** `count` points uniform in [lo, hi]^dim. */
export function boxSample(rand: Rng, count: number, dim: number, lo = -5, hi = 5): Float64Array {
  return uniforms(rand, count * dim, lo, hi);
}

export interface SweepStats {
  readonly nets: number;
  readonly meanMinRank: number;
  readonly stdMinRank: number;
  readonly meanMaxRank: number;
  /** Fraction of nets whose minimum rank on the sample is below `fullRank`. */
  readonly lowRankProbability: number;
  readonly meanRegions: number;
}

/**
 * Repeat over `nets` random networks drawn by `makeNet`, each probed with a fresh sample from
 * `sample`; low rank means min rank < fullRank (the input dimension, by default). The rank is capped at
 * `cap` when given (Fig. 2d caps at m).
 */
export function sweepStats(
  rand: Rng,
  nets: number,
  makeNet: (rand: Rng) => Network,
  sample: (rand: Rng) => { points: Float64Array; count: number },
  fullRank: number,
  layer = 1,
): SweepStats {
  const mins = new Float64Array(nets);
  let maxSum = 0;
  let low = 0;
  let regions = 0;
  for (let k = 0; k < nets; k++) {
    const net = makeNet(rand);
    const { points, count } = sample(rand);
    const r = rankRangeOnPoints(net, points, count, layer);
    mins[k] = r.min;
    maxSum += r.max;
    regions += r.regions;
    if (r.min < fullRank) low++;
  }
  const mean = mins.reduce((s, v) => s + v, 0) / nets;
  const variance = mins.reduce((s, v) => s + (v - mean) * (v - mean), 0) / nets;
  return { nets, meanMinRank: mean, stdMinRank: Math.sqrt(variance), meanMaxRank: maxSum / nets, lowRankProbability: low / nets, meanRegions: regions / nets };
}
