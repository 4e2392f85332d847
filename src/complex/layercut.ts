/**
 * One hidden layer's cut of the 2-D build (planar.ts): the layer's values at the vertices, made when a
 * region first needs them, and the vertices made where the layer's lines cross edges.
 */
import { EdgeMap } from './edgehash.js';
import { ensureCapacity, GrowF64, GrowI32 } from './grow.js';
import { crossingParameter } from './geometry.js';
import { affineRow, EdgeRows } from './affinerow.js';
import { layer0Value, liveInputs } from './live.js';

/**
 * One layer's cut in progress: the layer's values Z at every vertex (V × w), the vertices' sign words,
 * the zero thresholds, and the edges already split. A class rather than a closure, so that the hot
 * fields are plain properties of one object shape (a closure over reassigned `let`s keeps them in a
 * context object and TurboFan reloads them at every use).
 */
export class LayerCut {
  Z: Float64Array = new Float64Array(0);
  w = 0;
  base = 0;
  thr: Float64Array = new Float64Array(0);
  split: EdgeMap = new EdgeMap(16);
  // The layer (weights transposed, in × w) and its input activations at the old vertices.
  WT: Float64Array = new Float64Array(0);
  bias: Float64Array = new Float64Array(0);
  act: Float64Array = new Float64Array(0);
  inDim = 0;
  /**
   * First neuron of the input layer, whose pre-activations `act` holds (the ReLU is read off the
   * vertices' sign words: input i is live iff its field is + (01), so no pass zeroes the rest); −1 when
   * `act` is the input coordinates.
   */
  actBase = -1;
  /**
   * The first layer (w0 × 2 weights, row-major, and biases). Its pre-activations are affine in the
   * coordinates, so they are never stored: they are evaluated at a vertex's coordinates when cutting
   * layer 0 (`first`) and as the inputs of layer 1 (actBase 0). A wide first layer would otherwise
   * keep w0 doubles for each of its ~w0²/2 vertices (gigabytes for w0 = 1500).
   */
  W0: Float64Array = new Float64Array(0);
  b0: Float64Array = new Float64Array(0);
  first = false;
  /** Old vertices (there before this layer) whose values are made (1). */
  done: Uint8Array = new Uint8Array(0);
  /** The vertices this layer's cut makes, from madeFrom on: the edge (a, b) each splits, and its t. */
  madeFrom = 0;
  made = new GrowI32(1024);
  madeT = new GrowF64(512);
  /**
   * The last layer's records (its made vertices derive their values, see derive), or prevFrom =
   * Infinity: none (layer 0, or a worker's first layer, whose values come made: PlanarState.pre).
   */
  prevFrom = Infinity;
  prevMade: Int32Array = new Int32Array(0);
  prevT: Float64Array = new Float64Array(0);
  private idx = new Int32Array(0);
  private av = new Float64Array(0);
  private edges = new EdgeRows();
  /** Input i of this layer at vertex x, before the ReLU (layer 0's evaluated at the coordinates). */
  private inputOf = (x: number, i: number): number =>
    this.actBase === 0 ? layer0Value(this.W0, this.b0, i, this.coords.data[2 * x], this.coords.data[2 * x + 1]) : this.act[x * this.inDim + i];

  constructor(
    readonly coords: GrowF64,
    readonly W: number,
    public V: number,
    public words: Uint32Array,
  ) {}

  /**
   * Layer values and signs at old vertex v: Z = b + Σ over v's nonzero inputs of aᵢ·(column i of W)
   * (ReLU zeros cost nothing; affineRow). Made when a region first needs them rather than in one pass, so that the rows split edges read are still in cache; a
   * vertex the last layer made derives them instead (derive).
   */
  valuesAt(v: number): void {
    if (v >= this.prevFrom) {
      this.derive(v);
      return;
    }
    const { w, W, base, thr, WT, bias, act, inDim, Z, words, actBase } = this;
    if (this.idx.length < inDim) {
      this.idx = new Int32Array(inDim);
      this.av = new Float64Array(inDim);
    }
    const { idx, av } = this;
    const zr = v * w;
    if (this.first) {
      // Layer 0: signs only, from the values at the coordinates.
      const { W0 } = this;
      const x = this.coords.data[2 * v];
      const y = this.coords.data[2 * v + 1];
      for (let o = 0; o < w; o++) {
        const z = layer0Value(W0, bias, o, x, y);
        const k = base + o;
        if (z > thr[o]) words[v * W + (k >>> 4)] |= 1 << ((k & 15) << 1);
        else if (z < -thr[o]) words[v * W + (k >>> 4)] |= 2 << ((k & 15) << 1);
      }
      this.done[v] = 1;
      return;
    }
    let nz = 0;
    if (actBase === 0) {
      // Inputs from layer 0, evaluated at the coordinates (live ones only).
      const { W0, b0 } = this;
      const x = this.coords.data[2 * v];
      const y = this.coords.data[2 * v + 1];
      const nl = liveInputs(words, v * W, 0, inDim, idx);
      for (let q = 0; q < nl; q++) {
        const i = idx[q];
        const a = layer0Value(W0, b0, i, x, y);
        if (a !== 0) {
          idx[nz] = i * w;
          av[nz++] = a;
        }
      }
    } else {
      // Live inputs: a + value exceeds its threshold (≥ 0), so these are exactly the nonzero activations.
      // idx is compacted in place: entry q is read before entry nz ≤ q is written.
      const nl = liveInputs(words, v * W, actBase, inDim, idx);
      for (let q = 0; q < nl; q++) {
        const i = idx[q];
        const a = act[v * inDim + i];
        if (a !== 0) {
          idx[nz] = i * w;
          av[nz++] = a;
        }
      }
    }
    affineRow(WT, bias, w, idx, av, nz, Z, zr);
    this.decide(v);
  }

  /** Signs of this layer's neurons at v from its row of values. */
  private decide(v: number): void {
    const { w, W, base, thr, Z, words } = this;
    const zr = v * w;
    for (let o = 0; o < w; o++) {
      const z = Z[zr + o];
      const k = base + o;
      if (z > thr[o]) words[v * W + (k >>> 4)] |= 1 << ((k & 15) << 1);
      else if (z < -thr[o]) words[v * W + (k >>> 4)] |= 2 << ((k & 15) << 1);
    }
    this.done[v] = 1;
  }

  /**
   * Values at a vertex s that the last layer's cut made on edge (a, b) at t, from a's and b's. The
   * last layer's values z are affine along the edge, so with s's live inputs D_s,
   * Z(s) = W·D_s·z(s) + b = P_a + t·(P_b − P_a), where P_x = W·D_s·z(x) + b = Z(x) + W·(D_s − D_x)·z(x)
   * corrects x's values for the few inputs whose liveness differs between x and s (those whose lines
   * meet the edge). That is (2 + flips) × w operations instead of live inputs × w: most vertices are
   * made by the last layer, and in wide layers the product dominates. The parents' chain along an
   * edge is the same on both sides, so a vertex gets the same bits from either neighbour (and on
   * worker threads).
   */
  private derive(s: number): void {
    const k = s - this.prevFrom;
    const a = this.prevMade[2 * k];
    const b = this.prevMade[2 * k + 1];
    const t = this.prevT[k];
    if (this.done[a] === 0) this.valuesAt(a);
    if (this.done[b] === 0) this.valuesAt(b);
    this.edges.row(this.Z, this.WT, this.w, this.words, this.W, s, a, b, t, this.actBase, this.inDim, this.inputOf);
    this.decide(s);
  }

  /** The vertex where neuron o (strictly −/+ at a, b) crosses edge ab: made once, shared. */
  splitEdge(a: number, b: number, o: number): number {
    const known = this.split.find(a, b);
    if (known >= 0) return known;
    const { w, W, coords, first } = this;
    let Z = this.Z;
    const c = coords.data;
    // Layer 0's values at the coordinates (no rows of values), later layers' from their rows.
    const t = first
      ? crossingParameter(layer0Value(this.W0, this.bias, o, c[2 * a], c[2 * a + 1]), layer0Value(this.W0, this.bias, o, c[2 * b], c[2 * b + 1]))
      : crossingParameter(Z[a * w + o], Z[b * w + o]);
    const nv = this.V++;
    this.made.push(a);
    this.made.push(b);
    this.madeT.push(t);
    const xa = c[2 * a];
    const ya = c[2 * a + 1];
    const x = xa + t * (c[2 * b] - xa);
    const y = ya + t * (c[2 * b + 1] - ya);
    coords.push(x);
    coords.push(y);
    if (!first) {
      // Out of room (planar.ts reserves a close guess): half as much again, not double.
      if ((nv + 1) * w > Z.length) this.Z = Z = ensureCapacity(Z, Math.ceil((nv + 1) * 1.5) * w);
      const ra = a * w;
      const rb = b * w;
      const rn = nv * w;
      for (let j = 0; j < w; j++) Z[rn + j] = Z[ra + j] + t * (Z[rb + j] - Z[ra + j]);
      Z[rn + o] = 0;
    }
    let words = this.words;
    if ((nv + 1) * W > words.length) this.words = words = ensureCapacity(words, Math.ceil((nv + 1) * 1.5) * W);
    // Signs: those of the edge (the OR of its ends; later layers' fields are still 0 at both). A field
    // of this layer that is 3 (ends strictly opposite) is 0 for o and decided by the value at the new
    // vertex for the others (interpolated, or at its coordinates in layer 0).
    const { base, thr } = this;
    const qa = a * W;
    const qb = b * W;
    const qn = nv * W;
    for (let q = 0; q < W; q++) words[qn + q] = words[qa + q] | words[qb + q];
    const end = base + w;
    for (let q = base >>> 4; q <= (end - 1) >>> 4; q++) {
      let x3 = words[qn + q];
      let both = x3 & (x3 >>> 1) & 0x55555555;
      while (both !== 0) {
        const low = both & -both;
        both ^= low;
        const shift = 31 - Math.clz32(low);
        const k = (q << 4) | (shift >>> 1);
        if (k < base || k >= end) continue;
        const j = k - base;
        const z = first ? layer0Value(this.W0, this.bias, j, x, y) : Z[nv * w + j];
        const code = j === o ? 0 : z > thr[j] ? 1 : z < -thr[j] ? 2 : 0;
        x3 = (x3 & ~(3 << shift)) | (code << shift);
      }
      words[qn + q] = x3;
    }
    this.split.claim(a, b, nv);
    return nv;
  }
}
