/**
 * The rank decomposition as numbers: for one layer, how much of the domain (volume) or of a data set
 * (points) lies in regions of each rank — Beshkov & Einevoll's M = ⊔_r M_r with M_r the part of M
 * where the layer map has rank r.
 */

export interface RankShare {
  readonly rank: number;
  /** Total weight (volume, or number of points) in regions of this rank. */
  readonly amount: number;
  /** amount / total. */
  readonly share: number;
  /** Number of regions (cells or distinct patterns) of this rank. */
  readonly regions: number;
}

/**
 * Shares by rank of `ranks[i·stride + offset]` weighted by `weights[i]` (1 each when omitted), over
 * `count` items. Sorted by rank, ranks with no weight and no region left out.
 */
export function rankShares(ranks: Int32Array, count: number, stride = 1, offset = 0, weights?: ArrayLike<number>): RankShare[] {
  const amount = new Map<number, number>();
  const regions = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    const r = ranks[i * stride + offset];
    const w = weights ? weights[i] : 1;
    amount.set(r, (amount.get(r) ?? 0) + w);
    regions.set(r, (regions.get(r) ?? 0) + 1);
    total += w;
  }
  return [...amount.keys()]
    .sort((a, b) => a - b)
    .map((rank) => ({ rank, amount: amount.get(rank)!, share: total > 0 ? amount.get(rank)! / total : 0, regions: regions.get(rank)! }));
}

/** Sum of the shares below `fullRank` (the part where the layer can change topology). */
export function lowRankShare(shares: readonly RankShare[], fullRank: number): number {
  let s = 0;
  for (const x of shares) if (x.rank < fullRank) s += x.share;
  return s;
}
