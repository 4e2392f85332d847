/**
 * One region of the 2-D build (planar.ts) cut by the current layer's lines, depth first.
 *
 * A region's pieces form a binary tree: a piece is cut by the first of the layer's neurons (ascending)
 * whose sign changes on its vertices into a − piece and a + piece, which are cut in turn by later
 * neurons only. Each piece finds its first crossing neuron from its own vertices' sign words, so a line
 * is only ever tested against the pieces near it: the work grows with the pieces made, not with
 * (neurons × pieces) as a layer-at-a-time sweep over all pieces would (a 2→1500→1 net, whose domain is
 * one region cut by 1500 lines, took minutes that way). The leaves come out in the sweep's order (−
 * before +), and every edge is still split in ascending neuron order from both sides, so split vertices
 * get the same coordinates and signs; only their numbering follows the depth-first order.
 */
import type { LayerCut } from './layercut.js';
import { ensureCapacity, type GrowI32 } from './grow.js';

/** Cuts between calls of the budget check. */
const CHECK_EVERY = 1024;

export class RegionCutter {
  // Pieces waiting to be cut: their vertex lists stacked in `verts`, entry i from start[i] to
  // start[i + 1] (the last to `top`), and the first neuron (of the layer) that may still cut it.
  private verts = new Int32Array(1024);
  private start = new Int32Array(64);
  private from = new Int32Array(64);
  private depth = 0;
  private top = 0;
  // One cut's scratch: the vertices' codes, the pieces before they go on the stack, split vertices.
  private codes = new Uint8Array(256);
  private pieces = new Int32Array(512);
  private splits = new Int32Array(256);
  private sinceCheck = 0;

  /** `check(pending)` runs every CHECK_EVERY cuts with the number of pieces waiting (for the cell cap). */
  constructor(private readonly check: (pending: number) => void) {}

  /**
   * Cut polygon poly[p0…p1) by layer neurons cut.base … cut.base + cut.w − 1 (whose values and signs at
   * the polygon's vertices are made) and append the pieces to `out`.
   */
  cut(cut: LayerCut, poly: Int32Array, p0: number, p1: number, out: { off: GrowI32; verts: GrowI32 }): void {
    const W = cut.W;
    const lo = cut.base;
    const hi = cut.base + cut.w;
    let words = cut.words;
    // The region itself first: most are cut by few neurons or none.
    let k = firstCrossing(words, W, poly, p0, p1, lo, hi);
    if (k < 0) {
      for (let p = p0; p < p1; p++) out.verts.push(poly[p]);
      out.off.push(out.verts.length);
      return;
    }
    this.depth = 0;
    this.top = 0;
    this.push(poly, p0, p1, 0);
    // k is known for the region (the stack's first entry); each piece finds its own.
    let known = true;
    while (this.depth > 0) {
      const e = --this.depth;
      const a0 = this.start[e];
      const a1 = this.top;
      const verts = this.verts;
      words = cut.words;
      if (!known) k = firstCrossing(words, W, verts, a0, a1, lo + this.from[e], hi);
      known = false;
      if (k < 0) {
        for (let p = a0; p < a1; p++) out.verts.push(verts[p]);
        out.off.push(out.verts.length);
        this.top = a0;
        continue;
      }
      // Clip: the − piece, then the + piece (a vertex on the line goes to both; the vertex splitting
      // an edge is made or found in the − pass and reused in the + pass).
      const n = a1 - a0;
      if (this.codes.length < n) {
        this.codes = new Uint8Array(2 * n);
        this.splits = new Int32Array(2 * n);
        this.pieces = new Int32Array(4 * n + 8);
      }
      const { codes, splits, pieces } = this;
      const kq = k >>> 4;
      const ks = (k & 15) << 1;
      const o = k - lo;
      for (let i = 0; i < n; i++) codes[i] = (words[verts[a0 + i] * W + kq] >>> ks) & 3;
      let len = 0;
      for (let i = 0; i < n; i++) {
        const cu = codes[i];
        if (cu === 2 || cu === 0) pieces[len++] = verts[a0 + i];
        const j = i + 1 < n ? i + 1 : 0;
        if ((cu | codes[j]) === 3) {
          const u = verts[a0 + i];
          const v = verts[a0 + j];
          const sv = cu === 2 ? cut.splitEdge(u, v, o) : cut.splitEdge(v, u, o);
          splits[i] = sv;
          pieces[len++] = sv;
        }
      }
      const minus = len;
      for (let i = 0; i < n; i++) {
        const cu = codes[i];
        if (cu === 1 || cu === 0) pieces[len++] = verts[a0 + i];
        if ((cu | codes[i + 1 < n ? i + 1 : 0]) === 3) pieces[len++] = splits[i];
      }
      // The + piece below the − piece on the stack, so that the − piece's leaves come out first.
      this.top = a0;
      this.push(pieces, minus, len, o + 1);
      this.push(pieces, 0, minus, o + 1);
      if (++this.sinceCheck === CHECK_EVERY) {
        this.sinceCheck = 0;
        this.check(this.depth);
      }
    }
  }

  /** Area of the pieces still waiting (for the budget's estimate of how much of a region is done). */
  pendingArea(coords: Float64Array): number {
    let s = 0;
    for (let e = 0; e < this.depth; e++) s += polygonArea(coords, this.verts, this.start[e], e + 1 < this.depth ? this.start[e + 1] : this.top);
    return s;
  }

  private push(src: Int32Array, a: number, b: number, from: number): void {
    const n = b - a;
    this.verts = ensureCapacity(this.verts, this.top + n);
    this.start = ensureCapacity(this.start, this.depth + 1);
    this.from = ensureCapacity(this.from, this.depth + 1);
    // A plain loop: a subarray view per push (an object each) costs more than these few copies.
    const verts = this.verts;
    for (let i = 0, t = this.top; i < n; i++) verts[t + i] = src[a + i];
    this.start[this.depth] = this.top;
    this.from[this.depth++] = from;
    this.top += n;
  }
}

/**
 * The first neuron in lo … hi−1 (global indices) with both strict signs among the vertices
 * poly[p0…p1): the OR of their sign words has field 11 there. −1 if none.
 */
export function firstCrossing(words: Uint32Array, W: number, poly: Int32Array, p0: number, p1: number, lo: number, hi: number): number {
  for (let q = lo >>> 4; q <= (hi - 1) >>> 4; q++) {
    let x = 0;
    for (let p = p0; p < p1; p++) x |= words[poly[p] * W + q];
    let both = x & (x >>> 1) & 0x55555555;
    const below = lo - (q << 4);
    if (below > 0) both &= ~((1 << (2 * below)) - 1);
    const above = hi - (q << 4);
    if (above < 16) both &= (1 << (2 * above)) - 1;
    if (both !== 0) return (q << 4) | ((31 - Math.clz32(both & -both)) >>> 1);
  }
  return -1;
}

/** Area of the polygon with vertices poly[a…b) (shoelace; cyclic, either orientation). */
export function polygonArea(coords: Float64Array, poly: Int32Array, a: number, b: number): number {
  let s = 0;
  for (let p = a; p < b; p++) {
    const u = poly[p];
    const v = poly[p + 1 < b ? p + 1 : a];
    s += coords[2 * u] * coords[2 * v + 1] - coords[2 * v] * coords[2 * u + 1];
  }
  return Math.abs(s) / 2;
}
