/**
 * The rank decomposition as a report (what `tessera rank --json` prints): per layer, the shares of
 * the domain's volume — or of a data set's points — in each rank, and the low-rank regions
 * (rank < input dimension), where the layer map is not locally injective and the network can change
 * the topology of data (Beshkov & Einevoll §2–3).
 */
import type { Network } from '../net/network.js';
import { hiddenCount } from '../net/network.js';
import { hiddenWidths, signString, unpackSigns } from '../net/signs.js';
import type { Complex } from '../complex/types.js';
import type { CellRanks } from './cells.js';
import type { PointRanks } from './points.js';
import { layerLabel, layerWidth } from './layers.js';
import { lowRankShare, rankShares, type RankShare } from './shares.js';

export interface LowRankRegion {
  /** Top-cell index in the complex, or index of the distinct region among those met by the data. */
  readonly region: number;
  readonly signSequence: string;
  readonly rank: number;
  /** Volume of the cell (complex mode). */
  readonly volume?: number;
  /** Number of data points in the region (data mode). */
  readonly points?: number;
  /** A point inside: the cell's interior point (input coordinates), or the region's first data point. */
  readonly point: number[];
}

export interface LayerRankReport {
  readonly layer: number;
  readonly label: string;
  readonly width: number;
  /** min(input dimension, width): the largest rank the layer map can have. */
  readonly maxRank: number;
  readonly shares: RankShare[];
  /** Share (of volume or of points) in regions of rank < input dimension. */
  readonly lowRankShare: number;
  /** Number of regions of rank < input dimension. */
  readonly lowRankRegions: number;
  /** The largest low-rank regions first (by volume or point count), at most `limit`. */
  readonly lowRankList: LowRankRegion[];
  /** Rank of every region (top cell i of the complex, or distinct data region i), in region order. */
  readonly ranks: number[];
}

/** Report for the cells of a complex (volumes from `cells`). */
export function complexRankReport(net: Network, complex: Complex, cells: CellRanks, layers: readonly number[], limit: number): LayerRankReport[] {
  const H = hiddenCount(net);
  const widths = hiddenWidths(net);
  const n = complex.dim;
  const toInput = (r: number): number[] => {
    const t = complex.topInteriorPoints.subarray(r * n, (r + 1) * n);
    const plane = complex.plane;
    if (!plane) return Array.from(t);
    const x = Array.from(plane.origin);
    for (let i = 0; i < plane.ambientDim; i++) for (let j = 0; j < plane.dim; j++) x[i] += plane.basis[i * plane.dim + j] * t[j];
    return x;
  };
  return layers.map((layer) =>
    layerReport(net, layer, cells.ranks, cells.regions, cells.layers, cells.volumes, limit, (r) => ({
      region: r,
      signSequence: signString(unpackSigns(complex.cells[n].signs, H, r * complex.signWords), widths),
      rank: cells.ranks[r * cells.layers + layer - 1],
      volume: cells.volumes[r],
      point: toInput(r),
    })),
  );
}

/** Report for the regions met by a data set (weights: points per region). */
export function dataRankReport(net: Network, pr: PointRanks, points: Float64Array, layers: readonly number[], limit: number): LayerRankReport[] {
  const widths = hiddenWidths(net);
  const P = pr.patterns.length;
  const counts = new Float64Array(P);
  const first = new Int32Array(P).fill(-1);
  for (let p = 0; p < pr.count; p++) {
    const id = pr.patternOf[p];
    counts[id]++;
    if (first[id] < 0) first[id] = p;
  }
  const n = net.inputDim;
  return layers.map((layer) =>
    layerReport(net, layer, pr.patternRanks, P, pr.layers, counts, limit, (r) => ({
      region: r,
      signSequence: signString(pr.patterns[r], widths),
      rank: pr.patternRanks[r * pr.layers + layer - 1],
      points: counts[r],
      point: Array.from(points.subarray(first[r] * n, (first[r] + 1) * n)),
    })),
  );
}

function layerReport(
  net: Network,
  layer: number,
  ranks: Int32Array,
  regions: number,
  stride: number,
  weights: Float64Array,
  limit: number,
  describe: (region: number) => LowRankRegion,
): LayerRankReport {
  const n = net.inputDim;
  const shares = rankShares(ranks, regions, stride, layer - 1, weights);
  const low: number[] = [];
  for (let r = 0; r < regions; r++) if (ranks[r * stride + layer - 1] < n) low.push(r);
  low.sort((a, b) => weights[b] - weights[a] || a - b);
  return {
    layer,
    label: layerLabel(net, layer),
    width: layerWidth(net, layer),
    maxRank: Math.min(n, layerWidth(net, layer)),
    shares,
    lowRankShare: lowRankShare(shares, n),
    lowRankRegions: low.length,
    lowRankList: low.slice(0, limit).map(describe),
    ranks: Array.from({ length: regions }, (_, r) => ranks[r * stride + layer - 1]),
  };
}
