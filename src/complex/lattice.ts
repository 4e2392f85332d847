/**
 * The face lattice of a polyhedral complex, as flat arrays, and the one operation everything is built
 * from: cutting it along the zero set of a function that is affine on every top cell.
 *
 * This is edge subdivision (Berzins, ICML 2023, §3) carried out on the whole face lattice, so it works
 * in any dimension: vertices get a side (−1, 0, +1); an edge whose endpoints are strictly on opposite
 * sides gets a new vertex; a d-cell with vertices strictly on both sides splits into a − part, a + part
 * and a new (d−1)-cell, its 0-part. Because the function is affine on the cell, the combinatorics is
 * decided by the vertex sides alone (Masden, arXiv 2207.07696, §3: a cell's sign is that of its vertices).
 */
import { GrowF64, GrowI32 } from './grow.js';
import { crossingParameter } from './geometry.js';

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

const NEG = 1;
const POS = 2;

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
 * (linear interpolation: g is affine on the edge).
 */
export function cutLattice(lat: Lattice, vertexSide: Int8Array, value: (v: number) => number): CutResult {
  const n = lat.dim;
  const V = lat.vertexCount;
  const flags = sideFlags(lat, vertexSide);

  // Per old cell: its id in the new lattice (unsplit), or its − / + / 0 parts (split).
  const same: Int32Array[] = [];
  const minus: Int32Array[] = [];
  const plus: Int32Array[] = [];
  const zero: Int32Array[] = [];
  for (let d = 0; d <= n; d++) {
    const c = lat.counts[d];
    same.push(new Int32Array(c).fill(-1));
    minus.push(new Int32Array(c).fill(-1));
    plus.push(new Int32Array(c).fill(-1));
    zero.push(new Int32Array(c).fill(-1));
  }

  // New cells per dimension, growable: CSR facets, parent, side.
  const outOff: GrowI32[] = [];
  const outFac: GrowI32[] = [];
  const outParent: GrowI32[] = [];
  const outUp: GrowI32[] = [];
  const outSide: GrowI32[] = [];
  for (let d = 0; d <= n; d++) {
    const guess = lat.counts[d] + (lat.counts[d] >> 2) + 8;
    const o = new GrowI32(guess + 1);
    o.push(0);
    outOff.push(o);
    outFac.push(new GrowI32(d === 0 ? 4 : guess * 4));
    outParent.push(new GrowI32(guess));
    outUp.push(new GrowI32(guess));
    outSide.push(new GrowI32(guess));
  }
  const count = (d: number) => outParent[d].length;
  const addCell = (d: number, parentId: number, up: number, side: number): number => {
    const id = outParent[d].length;
    outParent[d].push(parentId);
    outUp[d].push(up);
    outSide[d].push(side);
    if (d > 0) outOff[d].push(outFac[d].length);
    return id;
  };
  const sideOf = (bits: number) => (bits === POS ? 1 : bits === NEG ? -1 : 0);

  // Vertices: old ones keep their ids.
  const coords = new GrowF64(V * n + 64);
  coords.grow(V * n);
  coords.data.set(lat.coords.subarray(0, V * n));
  coords.length = V * n;
  for (let v = 0; v < V; v++) {
    same[0][v] = addCell(0, v, 0, vertexSide[v]);
  }
  const newFrom = new GrowI32();
  const newT = new GrowF64();

  for (let d = 1; d <= n; d++) {
    const off = lat.offsets[d];
    const fac = lat.facets[d];
    const fl = flags[d];
    const flBelow = flags[d - 1];
    const sameBelow = same[d - 1];
    const minusBelow = minus[d - 1];
    const plusBelow = plus[d - 1];
    const zeroBelow = zero[d - 1];
    const facOut = outFac[d];
    const cnt = lat.counts[d];
    for (let c = 0; c < cnt; c++) {
      const bits = fl[c];
      const p0 = off[c];
      const p1 = off[c + 1];
      if (bits !== (NEG | POS)) {
        for (let p = p0; p < p1; p++) facOut.push(sameBelow[fac[p]]);
        same[d][c] = addCell(d, c, 0, sideOf(bits));
        continue;
      }
      if (d === 1) {
        // A split edge: endpoints strictly on opposite sides; the new vertex is its 0-part.
        let a = fac[p0];
        let b = fac[p0 + 1];
        if (vertexSide[a] > 0) {
          const t = a;
          a = b;
          b = t;
        }
        const ga = value(a);
        const gb = value(b);
        const t = crossingParameter(ga, gb);
        const w = addCell(0, c, 1, 0);
        for (let i = 0; i < n; i++) coords.push(lat.coords[a * n + i] + t * (lat.coords[b * n + i] - lat.coords[a * n + i]));
        newFrom.push(a);
        newFrom.push(b);
        newT.push(t);
        zero[1][c] = w;
        facOut.push(a);
        facOut.push(w);
        minus[1][c] = addCell(1, c, 0, -1);
        facOut.push(w);
        facOut.push(b);
        plus[1][c] = addCell(1, c, 0, 1);
        continue;
      }
      // The 0-part: a (d−1)-cell whose facets are the 0-parts of split facets and the (d−2)-faces lying in
      // g = 0. Each such face is shared by one − facet and one + facet of c, so reading the − facets finds
      // it exactly once.
      const zFac = outFac[d - 1];
      for (let p = p0; p < p1; p++) {
        const f = fac[p];
        const fb = flBelow[f];
        if (fb === (NEG | POS)) zFac.push(zeroBelow[f]);
        else if (fb === NEG) {
          const offB = lat.offsets[d - 1];
          const facB = lat.facets[d - 1];
          const fl2 = flags[d - 2];
          const same2 = same[d - 2];
          for (let q = offB[f], qe = offB[f + 1]; q < qe; q++) if (fl2[facB[q]] === 0) zFac.push(same2[facB[q]]);
        }
      }
      const zId = outParent[d - 1].length;
      outParent[d - 1].push(c);
      outUp[d - 1].push(1);
      outSide[d - 1].push(0);
      outOff[d - 1].push(zFac.length);
      zero[d][c] = zId;
      // − part
      for (let p = p0; p < p1; p++) {
        const f = fac[p];
        const fb = flBelow[f];
        if (fb === (NEG | POS)) facOut.push(minusBelow[f]);
        else if (fb !== POS) facOut.push(sameBelow[f]);
      }
      facOut.push(zId);
      minus[d][c] = addCell(d, c, 0, -1);
      // + part
      for (let p = p0; p < p1; p++) {
        const f = fac[p];
        const fb = flBelow[f];
        if (fb === (NEG | POS)) facOut.push(plusBelow[f]);
        else if (fb === POS) facOut.push(sameBelow[f]);
      }
      facOut.push(zId);
      plus[d][c] = addCell(d, c, 0, 1);
    }
  }

  const counts: number[] = [];
  const offsets: Int32Array[] = [];
  const facets: Int32Array[] = [];
  const parent: Int32Array[] = [];
  const parentUp: Uint8Array[] = [];
  const side: Int8Array[] = [];
  for (let d = 0; d <= n; d++) {
    counts.push(count(d));
    offsets.push(d === 0 ? new Int32Array(1) : outOff[d].toArray());
    facets.push(d === 0 ? new Int32Array(0) : outFac[d].toArray());
    parent.push(outParent[d].toArray());
    parentUp.push(Uint8Array.from(outUp[d].data.subarray(0, outUp[d].length)));
    side.push(Int8Array.from(outSide[d].data.subarray(0, outSide[d].length)));
  }
  return {
    lattice: { dim: n, vertexCount: counts[0], coords: coords.toArray(), counts, offsets, facets },
    newVertexFrom: newFrom.toArray(),
    newVertexT: newT.toArray(),
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
