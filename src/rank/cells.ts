/**
 * The rank decomposition of a domain: for every top cell (activation region) of the canonical complex,
 * the rank of each representation's linear part, computed exactly from the cell's sign sequence
 * (not from samples), with the cell's volume for shares by rank. On a slice the cells are those of
 * the plane, but the ranks are of the original network's maps from its full input space (the slice is a
 * window onto the real regions); volumes are areas in the slice's parameters.
 */
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { TesseraError } from '../numeric/errors.js';
import type { Network } from '../net/network.js';
import { hiddenCount } from '../net/network.js';
import { unpackSigns } from '../net/signs.js';
import type { Complex } from '../complex/types.js';
import { patternRanks } from './jacobian.js';
import { topCellVolumes } from './volume.js';

export interface CellRanks {
  /** Representation layers 1 … layers (see layers.ts). */
  readonly layers: number;
  readonly regions: number;
  /** regions × layers. */
  readonly ranks: Int32Array;
  /** Volume (area on a 2-D slice) of each region. */
  readonly volumes: Float64Array;
  /** Sum of the volumes (the domain's volume). */
  readonly totalVolume: number;
}

/** Ranks (and volumes) of every top cell of `complex`, a complex of `net` (or of a slice of it). */
export function cellRanks(net: Network, complex: Complex, tol: Tolerance = DEFAULT_TOLERANCE): CellRanks {
  const H = hiddenCount(net);
  if (complex.hiddenCount !== H) {
    throw new TesseraError('shape', `the complex has ${complex.hiddenCount} hidden neurons but the network has ${H}`);
  }
  const n = complex.dim;
  const top = complex.cells[n];
  const L = net.layers.length;
  const ranks = new Int32Array(top.count * L);
  // Many cells share a pattern only on slices with repeated sign sequences; cache by packed words anyway.
  const cache = new Map<string, Int32Array>();
  for (let r = 0; r < top.count; r++) {
    const words = top.signs.subarray(r * complex.signWords, (r + 1) * complex.signWords);
    const key = words.join(',');
    let pr = cache.get(key);
    if (!pr) {
      pr = patternRanks(net, unpackSigns(top.signs, H, r * complex.signWords), { tol });
      cache.set(key, pr);
    }
    ranks.set(pr, r * L);
  }
  const volumes = topCellVolumes(complex);
  let totalVolume = 0;
  for (const v of volumes) totalVolume += v;
  return { layers: L, regions: top.count, ranks, volumes, totalVolume };
}
