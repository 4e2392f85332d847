/**
 * The face-lattice builder's cut for one neuron, found without a pass over the whole lattice.
 *
 * A cell is split by neuron k when its vertices have both strict signs for k, that is when field k of the
 * OR of its vertices' sign words is 11 (mutable.ts's side bits are the packed sign fields). So the
 * builder decides a layer's signs at the vertices up front (new vertices get theirs when they are made)
 * and keeps, for the sign word q that holds the neurons being cut, that OR for every cell of every
 * dimension (`or`, made bottom-up once per word: one pass over the facet incidences per 16 neurons
 * instead of per neuron). A neuron's split top cells are then the top cells whose OR has 11 in its
 * field; the split cells one dimension down are their split facets (every split cell is a facet of a
 * split cell, since its cofaces see both signs too), and so on down. Only those cells, their facets and
 * (when some vertex has sign 0) the faces of their − facets are read: the zone of the neuron's bent
 * hyperplane, not the whole complex. For a hyperplane in an arrangement of N hyperplanes in Rⁿ the zone
 * has O(Nⁿ⁻¹) cells against O(Nⁿ) in all (the zone theorem: Edelsbrunner, O'Rourke & Seidel, 1986). What
 * is left per neuron is one read of each top cell's OR, and per 16 neurons one pass over the facet lists,
 * instead of a pass over the facet lists per neuron. The split lists are sorted, so the cut (mutable.ts's
 * splitCellsOf) numbers new cells exactly as a full pass would: the complex is the same, bit for bit.
 *
 * After the cut, the caller writes the new vertices' words and `refresh` recomputes the OR of the cells
 * the cut changed (the split cells' − parts, their + parts and 0-parts); no other cell's vertex set moved.
 */
import { ensureCapacity } from './grow.js';
import { NEG, prepareCut, splitCellsOf, type MutableLattice, type SplitVertices } from './mutable.js';

/**
 * The zone is walked while the split top cells are under 1/ZONE_SHARE of all: past that, one pass over
 * the cells' ORs costs less than the walk's scattered reads (in 6-D a neuron splits much of the complex).
 */
const ZONE_SHARE = 16;

export class ZoneCut {
  /** Per dimension d ≥ 1: OR of word q over each cell's vertices. */
  private or: Uint32Array[] = [];
  /** Per dimension: the split cells of the current cut (ascending), and how many. */
  private lists: Int32Array[] = [];
  private counts: Int32Array;
  /** Per dimension: the cut at which a cell was last listed (no cell is listed twice). */
  private seen: Int32Array[] = [];
  private tick = 0;
  /** The sign word whose ORs `or` holds. */
  private q = -1;

  /**
   * `share`: the walk is used while the split top cells are under 1/share of all, else one pass over the
   * cells (0: always walk, Infinity: always pass; tests compare both with a full cut).
   */
  constructor(
    private readonly m: MutableLattice,
    private readonly share = ZONE_SHARE,
  ) {
    for (let d = 0; d <= m.dim; d++) {
      this.or.push(new Uint32Array(16));
      this.lists.push(new Int32Array(64));
      this.seen.push(new Int32Array(16));
    }
    this.counts = new Int32Array(m.dim + 1);
  }

  /** Its arrays, for the memory budget. */
  arrays(): ArrayBufferView[] {
    return [...this.or, ...this.lists, ...this.seen];
  }

  /** Make `or` for sign word q (words: W per vertex), bottom-up over the facet lists. */
  begin(words: Uint32Array, W: number, q: number): void {
    const m = this.m;
    this.q = q;
    for (let d = 1; d <= m.dim; d++) {
      this.or[d] = ensureCapacity(this.or[d], m.count[d]);
      for (let c = 0; c < m.count[d]; c++) this.remake(d, c, words, W);
    }
  }

  /**
   * Cut along neuron k's zero set, k's field being at bit `shift` of word q (whose ORs are made), with
   * `value(v)` its value at vertex v. `zeroFree`: no vertex has field 0 for k (the caller counts them),
   * so no cell lies in the cut (splitCellsOf). Null if no cell is split.
   */
  cut(words: Uint32Array, W: number, shift: number, value: (v: number) => number, zeroFree = false): SplitVertices | null {
    const m = this.m;
    const n = m.dim;
    const q = this.q;
    const { lists, counts, or, seen } = this;
    // The split top cells, ascending.
    const top = or[n];
    const T = m.count[n];
    let k = 0;
    let list = lists[n];
    for (let c = 0; c < T; c++) {
      if (((top[c] >>> shift) & 3) !== 3) continue;
      if (k === list.length) list = lists[n] = ensureCapacity(list, 2 * k);
      list[k++] = c;
    }
    if (k === 0) return null;
    counts[n] = k;
    prepareCut(m);
    if (k * this.share > T) {
      this.flagAll(words, W, shift);
      return splitCellsOf(m, lists, counts, value, zeroFree);
    }
    const tick = ++this.tick;
    // Down a dimension at a time: flags of the split cells' facets (and of the faces of their − facets,
    // whose faces on the cut bound the 0-part); the split facets are the next dimension's split cells.
    for (let d = n; d >= 1; d--) {
      const fl = m.flags[d - 1];
      const below = or[d - 1];
      const st = m.start[d].data;
      const ln = m.len[d].data;
      const pool = m.pool[d].data;
      const up = lists[d];
      const kd = counts[d];
      const seenB = (seen[d - 1] = ensureCapacity(seen[d - 1], m.count[d - 1]));
      let down = lists[d - 1];
      let kb = 0;
      for (let i = 0; i < kd; i++) {
        const c = up[i];
        const e = st[c] + ln[c];
        for (let p = st[c]; p < e; p++) {
          const f = pool[p];
          const fb = ((d === 1 ? words[f * W + q] : below[f]) >>> shift) & 3;
          fl[f] = fb;
          if (fb === 3) {
            if (seenB[f] === tick) continue;
            seenB[f] = tick;
            if (kb === down.length) down = lists[d - 1] = ensureCapacity(down, 2 * kb);
            down[kb++] = f;
          } else if (fb === NEG && d >= 2 && !zeroFree) this.flagFaces(d - 1, f, words, W, shift);
        }
      }
      counts[d - 1] = kb;
      if (d >= 2) down.subarray(0, kb).sort();
    }
    return splitCellsOf(m, lists, counts, value, zeroFree);
  }

  /**
   * Every cell's flag, and the split cells of dimensions 1 … n−1, in one pass over the cells (their ORs,
   * not their facet lists): cheaper than the walk when the zone is much of the complex.
   */
  private flagAll(words: Uint32Array, W: number, shift: number): void {
    const m = this.m;
    const q = this.q;
    const f0 = m.flags[0];
    for (let v = 0; v < m.count[0]; v++) f0[v] = (words[v * W + q] >>> shift) & 3;
    for (let d = 1; d < m.dim; d++) {
      const fl = m.flags[d];
      const or = this.or[d];
      let list = this.lists[d];
      let k = 0;
      for (let c = 0; c < m.count[d]; c++) {
        const f = (or[c] >>> shift) & 3;
        fl[c] = f;
        if (f !== 3) continue;
        if (k === list.length) list = this.lists[d] = ensureCapacity(list, 2 * k);
        list[k++] = c;
      }
      this.counts[d] = k;
    }
  }

  /** Flags (field at `shift`) of the facets of cell f of dimension d ≥ 1. */
  private flagFaces(d: number, f: number, words: Uint32Array, W: number, shift: number): void {
    const m = this.m;
    const fl = m.flags[d - 1];
    const below = this.or[d - 1];
    const pool = m.pool[d].data;
    const s = m.start[d].data[f];
    const e = s + m.len[d].data[f];
    if (d === 1) for (let p = s; p < e; p++) fl[pool[p]] = (words[pool[p] * W + this.q] >>> shift) & 3;
    else for (let p = s; p < e; p++) fl[pool[p]] = (below[pool[p]] >>> shift) & 3;
  }

  /**
   * After the cut, once the new vertices' words are written: the OR of every cell whose vertex set the
   * cut changed, dimension by dimension upwards (each from its facets, already current).
   */
  refresh(words: Uint32Array, W: number): void {
    const m = this.m;
    const n = m.dim;
    const { lists, counts } = this;
    for (let d = 1; d <= n; d++) {
      this.or[d] = ensureCapacity(this.or[d], m.count[d]);
      const list = lists[d];
      const plus = m.plusOf[d];
      for (let i = 0; i < counts[d]; i++) {
        this.remake(d, list[i], words, W);
        this.remake(d, plus[list[i]], words, W);
      }
      if (d < n) {
        const zero = m.zeroOf[d + 1];
        const upper = lists[d + 1];
        for (let i = 0; i < counts[d + 1]; i++) this.remake(d, zero[upper[i]], words, W);
      }
    }
  }

  /** The OR of cell c (dimension d ≥ 1) from its facets': their words at d = 1 (vertices), else their ORs. */
  private remake(d: number, c: number, words: Uint32Array, W: number): void {
    const m = this.m;
    const pool = m.pool[d].data;
    const s = m.start[d].data[c];
    const e = s + m.len[d].data[c];
    const q = this.q;
    let x = 0;
    if (d === 1) for (let p = s; p < e; p++) x |= words[pool[p] * W + q];
    else {
      const below = this.or[d - 1];
      for (let p = s; p < e; p++) x |= below[pool[p]];
    }
    this.or[d][c] = x;
  }
}
