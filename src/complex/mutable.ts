/**
 * A face lattice that is cut in place: the builder's working form of lattice.ts. Cutting along g = 0
 * touches only the split cells: a split cell keeps its id for its − part, its + part and 0-part get new
 * ids, and cells that are not split keep their facet lists untouched. The per-cut cost is one pass over
 * the facet incidences (to find the split cells) plus work proportional to what is split, instead of
 * rebuilding every array for every neuron (the builder finds the split cells without the pass: zone.ts).
 *
 * Facet lists live in a pool per dimension; a cell's list is (start, length). Rewriting a list writes
 * over the old one when it fits, else appends it to the pool; `compact` drops the stale ranges.
 */
import { ensureCapacity, GrowF64, GrowI32 } from './grow.js';
import type { Lattice } from './lattice.js';
import { crossingParameter } from './geometry.js';

export interface MutableLattice {
  readonly dim: number;
  readonly coords: GrowF64;
  /** Per dimension: cell count, list start, list length, the pool (d ≥ 1). */
  readonly count: number[];
  readonly start: GrowI32[];
  readonly len: GrowI32[];
  readonly pool: GrowI32[];
  /** Per dimension: the entries of the pool that are live (Σ len), so that compact need not count them. */
  readonly live: number[];
  /** Scratch per dimension: side bits of the cells before the current cut, + part and 0-part of split cells. */
  flags: Uint8Array[];
  plusOf: Int32Array[];
  zeroOf: Int32Array[];
}

/**
 * Side bits of a cell: some vertex strictly + (POS), strictly − (NEG), both (split), or neither (on the
 * cut). The same bits as a packed sign field (01 = +, 10 = −), so a cell's flag for neuron k is field k
 * of the OR of its vertices' sign words (zone.ts reads them so).
 */
export const POS = 1;
export const NEG = 2;

export function toMutable(lat: Lattice): MutableLattice {
  const n = lat.dim;
  const coords = new GrowF64(lat.vertexCount * n * 2 + 16);
  for (let k = 0; k < lat.vertexCount * n; k++) coords.push(lat.coords[k]);
  const count: number[] = [];
  const start: GrowI32[] = [];
  const len: GrowI32[] = [];
  const pool: GrowI32[] = [];
  for (let d = 0; d <= n; d++) {
    count.push(lat.counts[d]);
    const s = new GrowI32(lat.counts[d] * 2 + 16);
    const l = new GrowI32(lat.counts[d] * 2 + 16);
    const p = new GrowI32(d === 0 ? 4 : lat.facets[d].length * 2 + 16);
    if (d > 0) {
      for (let c = 0; c < lat.counts[d]; c++) {
        s.push(lat.offsets[d][c]);
        l.push(lat.offsets[d][c + 1] - lat.offsets[d][c]);
      }
      for (let k = 0; k < lat.facets[d].length; k++) p.push(lat.facets[d][k]);
    }
    start.push(s);
    len.push(l);
    pool.push(p);
  }
  const live = lat.facets.map((f, d) => (d === 0 ? 0 : f.length));
  return { dim: n, coords, count, start, len, pool, live, flags: [], plusOf: [], zeroOf: [] };
}

export function toLattice(m: MutableLattice): Lattice {
  const n = m.dim;
  const offsets: Int32Array[] = [new Int32Array(1)];
  const facets: Int32Array[] = [new Int32Array(0)];
  for (let d = 1; d <= n; d++) {
    const cnt = m.count[d];
    const off = new Int32Array(cnt + 1);
    const st = m.start[d].data;
    const ln = m.len[d].data;
    for (let c = 0; c < cnt; c++) off[c + 1] = off[c] + ln[c];
    const fac = new Int32Array(off[cnt]);
    const pool = m.pool[d].data;
    // Plain loops: a subarray view per cell (millions in 6-D) costs more than its few copies.
    for (let c = 0; c < cnt; c++) for (let i = 0, o = off[c], a = st[c]; i < ln[c]; i++) fac[o + i] = pool[a + i];
    offsets.push(off);
    facets.push(fac);
  }
  return { dim: n, vertexCount: m.count[0], coords: m.coords.toArray(), counts: [...m.count], offsets, facets };
}

/** Total cells of all dimensions. */
export function mutableCells(m: MutableLattice): number {
  let s = 0;
  for (const c of m.count) s += c;
  return s;
}

/** Drop the stale facet ranges when they outweigh the live ones. */
function compact(m: MutableLattice, d: number): void {
  const cnt = m.count[d];
  const ln = m.len[d].data;
  const live = m.live[d];
  if (m.pool[d].length < 2 * live + 1024) return;
  // Room up to the next compaction's threshold: growing on the way there would copy it all once more.
  const fresh = new GrowI32(live * 2 + 2048);
  const st = m.start[d].data;
  const old = m.pool[d].data;
  for (let c = 0; c < cnt; c++) {
    const s = st[c];
    st[c] = fresh.length;
    for (let k = 0; k < ln[c]; k++) fresh.push(old[s + k]);
  }
  m.pool[d] = fresh;
}

function grown<T extends Uint8Array | Int32Array>(a: T | undefined, need: number, make: (n: number) => T): T {
  if (a && a.length >= need) return a;
  return make(Math.max(need, a ? a.length * 2 : 64));
}

export interface SplitVertices {
  /** For each new vertex, in order: its − end and + end and the parameter t (x = a + t (b − a)). */
  readonly from: GrowI32;
  readonly t: GrowF64;
}

/**
 * Cut in place along g = 0: `side` gives each vertex's side, `value(v)` places new vertices on split
 * edges. Returns the new vertices (appended after the old ones), or null if nothing was split.
 */
export function cutInPlace(m: MutableLattice, side: Int8Array, value: (v: number) => number): SplitVertices | null {
  const n = m.dim;
  const V = m.count[0];
  let neg = false;
  let pos = false;
  for (let v = 0; v < V && !(neg && pos); v++) {
    if (side[v] < 0) neg = true;
    else if (side[v] > 0) pos = true;
  }
  if (!(neg && pos)) return null;

  // Side bits of every cell before the cut, and the split cells of each dimension.
  const splitCells: Int32Array[] = [];
  const splitCount: number[] = [];
  prepareCut(m);
  const f0 = m.flags[0];
  let zeroFree = true;
  for (let v = 0; v < V; v++) {
    f0[v] = side[v] > 0 ? POS : side[v] < 0 ? NEG : 0;
    if (f0[v] === 0) zeroFree = false;
  }
  splitCells.push(new Int32Array(0));
  splitCount.push(0);
  for (let d = 1; d <= n; d++) {
    const cnt = m.count[d];
    const st = m.start[d].data;
    const ln = m.len[d].data;
    const pool = m.pool[d].data;
    const below = m.flags[d - 1];
    const fl = m.flags[d];
    let list = new Int32Array(64);
    let k = 0;
    for (let c = 0; c < cnt; c++) {
      let bits = 0;
      const s = st[c];
      const e = s + ln[c];
      for (let p = s; p < e; p++) bits |= below[pool[p]];
      fl[c] = bits;
      if (bits === 3) {
        list = ensureCapacity(list, k + 1);
        list[k++] = c;
      }
    }
    splitCells.push(list);
    splitCount.push(k);
  }
  return splitCellsOf(m, splitCells, splitCount, value, zeroFree);
}

/** Room in the cut's scratch (flags, + parts, 0-parts) for every cell there is now. */
export function prepareCut(m: MutableLattice): void {
  for (let d = 0; d <= m.dim; d++) {
    m.flags[d] = grown(m.flags[d], m.count[d], (k) => new Uint8Array(k));
    m.plusOf[d] = grown(m.plusOf[d], m.count[d], (k) => new Int32Array(k));
    m.zeroOf[d] = grown(m.zeroOf[d], m.count[d], (k) => new Int32Array(k));
  }
}

/**
 * Split the cells list[d][0 … count[d]) of each dimension d ≥ 1 (ascending ids; every cell with vertices
 * strictly on both sides), dimension by dimension upwards. Reads m.flags of the split cells' facets, of
 * the faces of their NEG facets and of split edges' ends; `value(v)` places the new vertices.
 * `zeroFree`: no vertex is on g = 0, so no old cell lies in it and the NEG facets' faces need no search
 * for ones that bound the 0-part (the generic case; in 6-D that search was a tenth of the build).
 */
export function splitCellsOf(
  m: MutableLattice,
  splitCells: readonly Int32Array[],
  splitCount: ArrayLike<number>,
  value: (v: number) => number,
  zeroFree = false,
): SplitVertices {
  const n = m.dim;
  const from = new GrowI32();
  const tOut = new GrowF64();
  const coords = m.coords;
  // One split cell's facet lists (− part, + part, 0-part), reused: typed, with their lengths apart.
  let minus = new Int32Array(64);
  let plus = new Int32Array(64);
  let zero = new Int32Array(64);
  for (let d = 1; d <= n; d++) {
    const list = splitCells[d];
    const k = splitCount[d];
    const fl = m.flags;
    for (let q = 0; q < k; q++) {
      const c = list[q];
      const s = m.start[d].data[c];
      const l = m.len[d].data[c];
      if (d === 1) {
        let a = m.pool[1].data[s];
        let b = m.pool[1].data[s + 1];
        if (fl[0][a] === POS) {
          const t = a;
          a = b;
          b = t;
        }
        const ga = value(a);
        const gb = value(b);
        const t = crossingParameter(ga, gb);
        const w = m.count[0]++;
        for (let i = 0; i < n; i++) coords.push(coords.data[a * n + i] + t * (coords.data[b * n + i] - coords.data[a * n + i]));
        from.push(a);
        from.push(b);
        tOut.push(t);
        // − part keeps the id: (a, w); + part: (w, b).
        minus[0] = a;
        minus[1] = w;
        plus[0] = w;
        plus[1] = b;
        setList(m, 1, c, minus, 2);
        const p = appendCell(m, 1, plus, 2);
        m.zeroOf[1][c] = w;
        m.plusOf[1][c] = p;
        continue;
      }
      // Room for every facet on both sides and their 0-parts (the 0-part's faces from − facets are
      // made room for as they come).
      const below = fl[d - 1];
      const fs0 = m.start[d - 1].data;
      const fl0 = m.len[d - 1].data;
      if (minus.length <= l) {
        minus = new Int32Array(2 * l + 2);
        plus = new Int32Array(2 * l + 2);
        zero = ensureCapacity(zero, 2 * l + 2);
      }
      let nm = 0;
      let np = 0;
      let nz = 0;
      const pool = m.pool[d].data;
      const plusBelow = m.plusOf[d - 1];
      const zeroBelow = m.zeroOf[d - 1];
      for (let r = 0; r < l; r++) {
        const f = pool[s + r];
        const fb = below[f];
        if (fb === 3) {
          minus[nm++] = f;
          plus[np++] = plusBelow[f];
          zero[nz++] = zeroBelow[f];
        } else if (fb === POS) plus[np++] = f;
        else {
          minus[nm++] = f;
          if (fb === NEG && !zeroFree) {
            // (d−2)-faces of f lying in g = 0 bound the 0-part; each is met once, from the − side.
            const fs = fs0[f];
            const fl2 = fl[d - 2];
            const pool2 = m.pool[d - 1].data;
            const l2 = fl0[f];
            if (nz + l2 + l > zero.length) zero = ensureCapacity(zero, nz + l2 + l);
            for (let r2 = 0; r2 < l2; r2++) {
              const g = pool2[fs + r2];
              if (fl2[g] === 0) zero[nz++] = g;
            }
          }
        }
      }
      const z = appendCell(m, d - 1, zero, nz);
      minus[nm++] = z;
      plus[np++] = z;
      setList(m, d, c, minus, nm);
      const p = appendCell(m, d, plus, np);
      m.zeroOf[d][c] = z;
      m.plusOf[d][c] = p;
    }
    compact(m, d);
  }
  return { from, t: tOut };
}

function setList(m: MutableLattice, d: number, c: number, facets: Int32Array, count: number): void {
  const pool = m.pool[d];
  m.live[d] += count - m.len[d].data[c];
  if (count <= m.len[d].data[c]) {
    // Over the old list (read by now): no stale range, so the pool grows and is compacted less often.
    const at = m.start[d].data[c];
    for (let i = 0; i < count; i++) pool.data[at + i] = facets[i];
    m.len[d].data[c] = count;
    return;
  }
  m.start[d].data[c] = pool.length;
  m.len[d].data[c] = count;
  for (let i = 0; i < count; i++) pool.push(facets[i]);
}

function appendCell(m: MutableLattice, d: number, facets: Int32Array, count: number): number {
  const id = m.count[d]++;
  if (d === 0) return id;
  m.live[d] += count;
  m.start[d].push(m.pool[d].length);
  m.len[d].push(count);
  const pool = m.pool[d];
  for (let i = 0; i < count; i++) pool.push(facets[i]);
  return id;
}
