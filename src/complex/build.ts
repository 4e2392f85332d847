/**
 * buildComplex: the canonical polyhedral complex of a network on a domain (Masden, arXiv 2207.07696, §3;
 * Berzins, ICML 2023, edge subdivision). Start from the domain's face lattice and cut it by every hidden
 * neuron in layer order. A layer-l neuron's pre-activation is continuous and affine on every top cell of
 * the complex of layers < l, so its zero set cuts each such cell in one flat piece (lattice.ts describes the
 * cut; mutable.ts does it in place, on the cells zone.ts finds from the vertices' signs without a pass over
 * the whole lattice per neuron). In 2-D the region-by-region engine of planar.ts builds the same complex.
 *
 * Vertex values are carried layer by layer: at the start of layer l each vertex's pre-activations are
 * made from its layer-(l−1) values, where the ReLU is applied with the vertex's *known* signs (a vertex
 * made on neuron k's hyperplane is 0 there, never re-decided by rounding); layerrows.ts. Vertices made
 * while cutting layer l get their layer-l values by linear interpolation along the split edge (exact in
 * exact arithmetic, since every layer-l pre-activation is affine on that edge) and 0 for the neuron
 * that made them; layer 0's are evaluated at the coordinates instead.
 */
import type { Network } from '../net/network.js';
import { hiddenCount } from '../net/network.js';
import { hiddenWidths, packedWords } from '../net/signs.js';
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { domainLattice } from './domain.js';
import { assembleComplex } from './assemble.js';
import { buildPlanar } from './planar.js';
import type { Lattice } from './lattice.js';
import { mutableCells, toLattice, toMutable } from './mutable.js';
import { ZoneCut } from './zone.js';
import { decideSigns, type LayerSigns } from './layersigns.js';
import { ensureCapacity, GrowF64, GrowI32 } from './grow.js';
import { LayerRows } from './layerrows.js';
import { bytesOf, cellsOverBudget, memoryOverBudget } from './budget.js';
import type { Complex, Domain } from './types.js';

export interface BuildProgress {
  /** Hidden neurons processed so far and in all. */
  readonly done: number;
  readonly total: number;
  /** Cells of all dimensions in the current complex. */
  readonly cells: number;
  readonly layer: number;
}

export interface BuildOptions {
  readonly tolerance?: Tolerance;
  /** Refuse (TesseraError 'budget') once the complex would exceed this many cells of all dimensions. */
  readonly maxCells?: number;
  /**
   * Refuse (TesseraError 'budget') once the build's working arrays hold more than this many bytes
   * (default: no limit; the command line sets half the machine's memory, --max-memory).
   */
  readonly maxBytes?: number;
  readonly onProgress?: (p: BuildProgress) => void;
  /**
   * 'auto' (default) uses the region-by-region polygon engine in 2-D (planar.ts) and the face-lattice
   * engine otherwise; 'lattice' forces the face-lattice engine (for cross-checks).
   */
  readonly engine?: 'auto' | 'lattice';
}

export const DEFAULT_MAX_CELLS = 5_000_000;

export function buildComplex(net: Network, domain: Domain, options: BuildOptions = {}): Complex {
  return buildComplexWith(net, domain, options, true);
}

/** buildComplex, optionally leaving the region maps zero (parallel.ts fills them in worker threads). */
export function buildComplexWith(net: Network, domain: Domain, options: BuildOptions, computeMaps: boolean): Complex {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  const maxBytes = options.maxBytes ?? Infinity;
  const n = domain.dim;
  if (net.inputDim !== n) {
    throw new TesseraError('domain', `the domain is ${n}-dimensional but the network takes ${net.inputDim} inputs`);
  }
  let lat = domainLattice(domain, tol);
  const H = hiddenCount(net);
  if (n === 2 && options.engine !== 'lattice') {
    const planar = buildPlanar(net, lat, tol, options, maxCells);
    return assembleComplex(net, domain, planar.lattice, planar.words, planar.values, H, hiddenWidths(net), undefined, computeMaps);
  }
  const W = packedWords(H);
  const L = net.layers.length;

  // Per vertex: packed sign words (a layer's filled when it starts, and for new vertices when they are
  // made); the layers' values come from LayerRows (layer 0's evaluated at the coordinates, never stored).
  const work = toMutable(lat);
  const zone = new ZoneCut(work);
  let words = new Uint32Array(Math.max(16, lat.vertexCount * 2) * W);
  const values = new LayerRows(net, W);
  let actWidth = n;
  let neuron = 0;
  // The vertices this layer's cuts make: the edge each splits and t (LayerRows derives the next layer's
  // values there from the edge's ends).
  const madeAB = new GrowI32(1024);
  const madeT = new GrowF64(512);

  for (let l = 0; l < L - 1; l++) {
    const layer = net.layers[l];
    const w = layer.outDim;
    let V = work.count[0];
    // Pre-activations at every vertex (none stored in layer 0), and one scale per neuron over the current
    // vertices (tolerance policy: |b| + Σ|wᵢ|·max|aᵢ|, the size of the terms on this complex).
    const amax = new Float64Array(actWidth);
    let Z: Float64Array = new Float64Array(0);
    if (l === 0) {
      const x = work.coords.data;
      for (let v = 0; v < V; v++) for (let i = 0; i < n; i++) amax[i] = Math.max(amax[i], Math.abs(x[v * n + i]));
    } else {
      // Room for twice the vertices, or what the memory limit leaves (at least the current ones).
      let capacity = 2 * V;
      if (maxBytes < Infinity) {
        const held = bytesOf(values.act, words, work.coords.data, ...work.pool.map((p) => p.data));
        const room = Math.floor((maxBytes - held) / (8 * w));
        if (room < V) memoryOverBudget(held + 8 * w * V, maxBytes, neuron, H, mutableCells(work));
        capacity = Math.min(capacity, room);
      }
      Z = values.rows(l, V, capacity, amax, work.coords.data, words);
    }
    madeAB.length = 0;
    madeT.length = 0;
    const madeFrom = V;
    const threshold = new Float64Array(w);
    for (let o = 0; o < w; o++) {
      let s = Math.abs(layer.bias[o]);
      for (let i = 0; i < actWidth; i++) s += Math.abs(layer.weight[o * actWidth + i]) * amax[i];
      threshold[o] = tol.relative * s;
    }
    // Every neuron's sign at the vertices there now, decided up front (new vertices get theirs when made),
    // so that the zone cut can read a cell's split from the OR of its vertices' words (zone.ts), with the
    // vertices of sign 0 counted per neuron (zone.ts's zeroFree).
    const signs: LayerSigns = { W, k0: neuron, w, threshold, zeros: new Int32Array(w), first: l === 0 ? { weight: layer.weight, bias: layer.bias, n } : null };
    for (let v = 0; v < V; v++) decideSigns(signs, words, v, 0, Z, work.coords.data);
    const valueAt = (o: number, v: number): number => (l === 0 ? values.layer0(o, work.coords.data, v) : Z[v * w + o]);

    for (let o = 0; o < w; o++, neuron++) {
      V = work.count[0];
      const word = neuron >>> 4;
      const shift = (neuron & 15) << 1;
      if (o === 0 || shift === 0) zone.begin(words, W, word);
      const made = zone.cut(words, W, shift, (v) => valueAt(o, v), signs.zeros[o] === 0);
      if (made) {
        const V2 = work.count[0];
        if (l > 0) Z = ensureCapacity(Z, V2 * w);
        words = ensureCapacity(words, V2 * W);
        for (let k = 0; k < V2 - V; k++) {
          const a = made.from.data[2 * k];
          const b = made.from.data[2 * k + 1];
          const tt = made.t.data[k];
          const nv = V + k;
          madeAB.push(a);
          madeAB.push(b);
          madeT.push(tt);
          if (l > 0) {
            for (let q = 0; q < w; q++) Z[nv * w + q] = Z[a * w + q] + tt * (Z[b * w + q] - Z[a * w + q]);
            Z[nv * w + o] = 0;
          }
          // The new vertex lies in the edge: it has the edge's signs for the neurons so far, 0 for this
          // one, and its own (from its values) for the layer's later ones.
          for (let q = 0; q < W; q++) words[nv * W + q] = words[a * W + q] | words[b * W + q];
          words[nv * W + word] &= ~(3 << shift);
          decideSigns(signs, words, nv, o + 1, Z, work.coords.data);
        }
        // The cells' ORs serve this word's later neurons (the next word's are made afresh).
        if (o + 1 < w && ((neuron + 1) & 15) !== 0) zone.refresh(words, W);
      }
      const cells = mutableCells(work);
      if (cells > maxCells) cellsOverBudget(cells, maxCells, neuron + 1, H);
      if (maxBytes < Infinity) {
        const bytes = bytesOf(Z, values.act, words, work.coords.data, ...work.pool.map((p) => p.data), ...work.start.map((p) => p.data), ...work.len.map((p) => p.data), ...zone.arrays());
        if (bytes > maxBytes) memoryOverBudget(bytes, maxBytes, neuron + 1, H, cells);
      }
      options.onProgress?.({ done: neuron + 1, total: H, cells, layer: l });
    }
    // The rows are the next layer's inputs as they are (the ReLU is read off the signs), and the
    // vertices this layer made derive the next layer's values.
    values.act = Z;
    values.from = madeFrom;
    values.ab = madeAB.data;
    values.t = madeT.data;
    actWidth = w;
  }
  lat = toLattice(work);
  words = words.slice(0, lat.vertexCount * W);
  const out = values.rows(L - 1, lat.vertexCount, lat.vertexCount, null, lat.coords, words);
  return assembleComplex(net, domain, lat, words, out, H, hiddenWidths(net), undefined, computeMaps);
}
