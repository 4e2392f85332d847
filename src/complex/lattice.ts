/**
 * The face lattice of a polyhedral complex, as flat arrays, and the one operation everything is built
 * from: cutting it along the zero set of a function that is affine on every top cell.
 *
 * This is edge subdivision (Berzins, ICML 2023, §3) carried out on the whole face lattice, so it works
 * in any dimension: vertices get a side (−1, 0, +1); an edge whose endpoints are strictly on opposite
 * sides gets a new vertex; a d-cell with vertices strictly on both sides splits into a − part, a + part
 * and a new (d−1)-cell, its 0-part. Because the function is affine on the cell, the combinatorics is
 * decided by the vertex sides alone (Masden, arXiv 2207.07696, §3: a cell's sign is that of its vertices).
 * The cut itself is mutable.ts's, which the builder runs once per neuron; cutLattice wraps it for
 * one-off cuts (level sets, polytope domains) and says where each new cell came from.
 */
import { GrowI32 } from './grow.js';
import { cutInPlace, NEG, POS, toLattice, toMutable } from './mutable.js';

export interface Lattice {
  readonly dim: number;
  readonly vertexCount: number;
  /** vertexCount × dim, row-major. */
  readonly coords: Float64Array;
  /** counts[d] cells of dimension d (counts[0] = vertexCount). */
  readonly counts: readonly number[];
  /** offsets[d] (d ≥ 1): counts[d] + 1 offsets into facets[d]; index 0 is an empty placeholder. */
  readonly offsets: readonly Int32Array[];
  /** facets[d] (d ≥ 1): indices of (d−1)-cells. */
  readonly facets: readonly Int32Array[];
}

/** What a cut produced, besides the new lattice: where every new cell came from. */
export interface CutResult {
  readonly lattice: Lattice;
  /** For each new vertex (ids ≥ old vertexCount, in order): the split edge's endpoints and the parameter t. */
  readonly newVertexFrom: Int32Array; // pairs (a, b): a on the − side, b on the + side
  readonly newVertexT: Float64Array; // position a + t (b − a)
  /** Per dimension, per new cell: the old cell it lies in (same dimension, or d + 1 when `parentUp`). */
  readonly parent: readonly Int32Array[];
  readonly parentUp: readonly Uint8Array[];
  /** Per dimension, per new cell: −1 (in {g ≤ 0}), 0 (in {g = 0}), +1 (in {g ≥ 0}). */
  readonly side: readonly Int8Array[];
}


/**
 * Per dimension, per cell: which strict sides its vertices reach (bit NEG, bit POS). A cell is split
 * when both bits are set; 0 means every vertex is on g = 0, so the cell lies in the zero set.
 */
export function sideFlags(lat: Lattice, vertexSide: Int8Array): Uint8Array[] {
  const flags: Uint8Array[] = [];
  const f0 = new Uint8Array(lat.vertexCount);
  for (let v = 0; v < lat.vertexCount; v++) f0[v] = vertexSide[v] > 0 ? POS : vertexSide[v] < 0 ? NEG : 0;
  flags.push(f0);
  for (let d = 1; d <= lat.dim; d++) {
    const off = lat.offsets[d];
    const fac = lat.facets[d];
    const below = flags[d - 1];
    const count = lat.counts[d];
    const f = new Uint8Array(count);
    for (let c = 0; c < count; c++) {
      let bits = 0;
      for (let p = off[c], e = off[c + 1]; p < e; p++) bits |= below[fac[p]];
      f[c] = bits;
    }
    flags.push(f);
  }
  return flags;
}

/** True when some top cell has vertices strictly on both sides (otherwise a cut changes nothing). */
export function cutSplitsAnything(lat: Lattice, vertexSide: Int8Array): boolean {
  let neg = false;
  let pos = false;
  for (let v = 0; v < lat.vertexCount; v++) {
    if (vertexSide[v] < 0) neg = true;
    else if (vertexSide[v] > 0) pos = true;
    if (neg && pos) return true;
  }
  return false;
}

/**
 * Cut the lattice along g = 0. `vertexSide` gives each vertex's side (decided by the caller with the
 * tolerance policy); `value(v)` is g at vertex v, used only to place new vertices on split edges
 * (linear interpolation: g is affine on the edge). The builder's in-place cut (mutable.ts) does the
 * work; this reads off where every cell of the result came from. Old cells keep their ids (a split
 * cell's id is its − part); + parts and 0-parts are numbered after them.
 */
export function cutLattice(lat: Lattice, vertexSide: Int8Array, value: (v: number) => number): CutResult {
  const n = lat.dim;
  const work = toMutable(lat);
  const made = cutInPlace(work, vertexSide, value);
  const flags = made ? work.flags : sideFlags(lat, vertexSide);
  const lattice = toLattice(work);
  const parent: Int32Array[] = [];
  const parentUp: Uint8Array[] = [];
  const side: Int8Array[] = [];
  for (let d = 0; d <= n; d++) {
    parent.push(new Int32Array(lattice.counts[d]));
    parentUp.push(new Uint8Array(lattice.counts[d]));
    side.push(new Int8Array(lattice.counts[d]));
  }
  for (let d = 0; d <= n; d++) {
    const fl = flags[d];
    for (let c = 0; c < lat.counts[d]; c++) {
      const bits = fl[c];
      parent[d][c] = c;
      if (d === 0) {
        side[0][c] = vertexSide[c] > 0 ? 1 : vertexSide[c] < 0 ? -1 : 0;
        continue;
      }
      if (bits !== (NEG | POS)) {
        side[d][c] = bits === POS ? 1 : bits === NEG ? -1 : 0;
        continue;
      }
      // Split: c is now its − part; its + part and 0-part (one dimension down) are new.
      side[d][c] = -1;
      const p = work.plusOf[d][c];
      parent[d][p] = c;
      side[d][p] = 1;
      const z = work.zeroOf[d][c];
      parent[d - 1][z] = c;
      parentUp[d - 1][z] = 1;
    }
  }
  return {
    lattice,
    newVertexFrom: made ? made.from.toArray() : new Int32Array(0),
    newVertexT: made ? made.t.toArray() : new Float64Array(0),
    parent,
    parentUp,
    side,
  };
}

/** The closed subcomplex of cells on the − side (side ≤ 0 everywhere): used to cut a box down to a polytope. */
export function keepNegativeSide(cut: CutResult): Lattice {
  const lat = cut.lattice;
  const n = lat.dim;
  const keepId: Int32Array[] = [];
  const counts: number[] = [];
  const offsets: Int32Array[] = [];
  const facets: Int32Array[] = [];
  let coords = new Float64Array(0);
  for (let d = 0; d <= n; d++) {
    const side = cut.side[d];
    const ids = new Int32Array(lat.counts[d]).fill(-1);
    let k = 0;
    for (let c = 0; c < lat.counts[d]; c++) if (side[c] <= 0) ids[c] = k++;
    keepId.push(ids);
    counts.push(k);
    if (d === 0) {
      coords = new Float64Array(k * n);
      for (let v = 0; v < lat.counts[0]; v++) if (ids[v] >= 0) coords.set(lat.coords.subarray(v * n, v * n + n), ids[v] * n);
      offsets.push(new Int32Array(1));
      facets.push(new Int32Array(0));
      continue;
    }
    const off = lat.offsets[d];
    const fac = lat.facets[d];
    const o = new Int32Array(k + 1);
    const f = new GrowI32(k * 4);
    let j = 0;
    for (let c = 0; c < lat.counts[d]; c++) {
      if (ids[c] < 0) continue;
      for (let p = off[c]; p < off[c + 1]; p++) f.push(keepId[d - 1][fac[p]]);
      o[++j] = f.length;
    }
    offsets.push(o);
    facets.push(f.toArray());
  }
  return { dim: n, vertexCount: counts[0], coords, counts, offsets, facets };
}
