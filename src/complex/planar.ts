/**
 * The fast 2-D path of buildComplex: the same complex as the face-lattice engine (lattice.ts), built
 * region by region. During construction a 2-D complex is just vertices and polygons (cyclic vertex
 * lists); edges are read off the polygons at the end.
 *
 * For each hidden layer, each region of the previous complex is cut only by the layer's neurons whose
 * sign changes on the region's vertices (a line meets a convex polygon iff its vertices see both
 * strict signs), one neuron at a time, each sub-polygon clipped Sutherland–Hodgman style. An edge is
 * split at most once; the new vertex is shared with the polygon across the edge through an EdgeMap, so
 * neighbouring regions agree. Vertex signs are decided once, when the vertex is made (Masden,
 * arXiv 2207.07696, §3: cells are sign sequences), from values interpolated along the split edge.
 */
import type { Network } from '../net/network.js';
import { hiddenCount } from '../net/network.js';
import { packedWords } from '../net/signs.js';
import { TesseraError } from '../numeric/errors.js';
import type { Tolerance } from '../numeric/tolerance.js';
import { EdgeMap } from './edgehash.js';
import { LayerCut } from './layercut.js';
import { GrowF64, GrowI32, ensureCapacity } from './grow.js';
import type { Lattice } from './lattice.js';
import type { BuildOptions } from './build.js';

interface PlanarResult {
  readonly lattice: Lattice;
  readonly words: Uint32Array;
  readonly values: Float64Array;
}

/** Cycles of the 2-cells of a 2-D lattice (walking each face's edges). */
function latticeCycles(lat: Lattice): { off: GrowI32; verts: GrowI32 } {
  const off = new GrowI32();
  const verts = new GrowI32();
  off.push(0);
  const eo = lat.offsets[1];
  const ef = lat.facets[1];
  for (let f = 0; f < lat.counts[2]; f++) {
    const es: number[] = [];
    for (let p = lat.offsets[2][f]; p < lat.offsets[2][f + 1]; p++) es.push(lat.facets[2][p]);
    const used = new Set<number>([es[0]]);
    const start = ef[eo[es[0]]];
    let cur = ef[eo[es[0]] + 1];
    verts.push(start);
    while (cur !== start) {
      verts.push(cur);
      const next = es.find((e) => !used.has(e) && (ef[eo[e]] === cur || ef[eo[e] + 1] === cur));
      if (next === undefined) throw new TesseraError('input', 'domain face is not a closed polygon');
      used.add(next);
      cur = ef[eo[next]] === cur ? ef[eo[next] + 1] : ef[eo[next]];
    }
    off.push(verts.length);
  }
  return { off, verts };
}

/** The 2-D build in progress: vertices, their sign words and activations, and the regions as polygons. */
export interface PlanarState {
  readonly coords: GrowF64;
  V: number;
  words: Uint32Array;
  polys: { off: GrowI32; verts: GrowI32 };
  /** V × actWidth activations feeding the next layer to cut. */
  act: Float64Array;
  actWidth: number;
  /** Next layer to cut, and its first hidden neuron. */
  layer: number;
  base: number;
}

export function initialPlanarState(net: Network, domainLat: Lattice): PlanarState {
  const W = packedWords(hiddenCount(net));
  const coords = new GrowF64(domainLat.vertexCount * 2 + 64);
  for (let k = 0; k < domainLat.vertexCount * 2; k++) coords.push(domainLat.coords[k]);
  const V = domainLat.vertexCount;
  return {
    coords,
    V,
    words: new Uint32Array(Math.max(16, V) * W),
    polys: latticeCycles(domainLat),
    act: Float64Array.from(domainLat.coords),
    actWidth: 2,
    layer: 0,
    base: 0,
  };
}

export function buildPlanar(net: Network, domainLat: Lattice, tol: Tolerance, options: BuildOptions, maxCells: number): PlanarResult {
  const state = initialPlanarState(net, domainLat);
  runPlanarLayers(net, state, net.layers.length - 1, tol, options, maxCells);
  return finishPlanar(net, state);
}

/**
 * Cut the hidden layers state.layer … untilLayer−1. `globalAmax` (parallel builds) turns this part's
 * max|activation| per input into the whole complex's, so that every part decides zeros alike.
 */
export function runPlanarLayers(
  net: Network,
  state: PlanarState,
  untilLayer: number,
  tol: Tolerance,
  options: BuildOptions,
  maxCells: number,
  globalAmax?: (layer: number, local: Float64Array) => Float64Array,
): void {
  const H = hiddenCount(net);
  const W = packedWords(H);
  const cut = new LayerCut(state.coords, W, state.V, state.words);
  let polys = state.polys;
  let act = state.act;
  let actWidth = state.actWidth;
  let base = state.base;
  // The previous layer's activations become the next layer's Z buffer (no fresh V × w array a layer).
  let spare: Float64Array = new Float64Array(0);
  let growth = 2;

  // Scratch for one region's sub-polygons (double-buffered CSR) and its neuron list.
  let curV = new Int32Array(256);
  let curO = new Int32Array(64);
  let nxtV = new Int32Array(256);
  let nxtO = new Int32Array(64);

  for (let l = state.layer; l < untilLayer; l++) {
    const layer = net.layers[l];
    const w = layer.outDim;
    const V0 = cut.V;
    // One zero threshold per neuron (tolerance policy: |b| + Σ|wᵢ|·max|aᵢ| over the current vertices).
    let amax: Float64Array = new Float64Array(actWidth);
    for (let v = 0; v < V0; v++) for (let i = 0; i < actWidth; i++) amax[i] = Math.max(amax[i], Math.abs(act[v * actWidth + i]));
    if (globalAmax) amax = globalAmax(l, amax);
    const thr = new Float64Array(w);
    for (let o = 0; o < w; o++) {
      let s = Math.abs(layer.bias[o]);
      for (let i = 0; i < actWidth; i++) s += Math.abs(layer.weight[o * actWidth + i]) * amax[i];
      thr[o] = tol.relative * s;
    }
    // Room for the vertices this layer will add, guessed from the last layer's growth: copying a
    // V × w array to grow it costs more than reserving (untouched pages are free).
    const need = Math.max(Math.ceil(V0 * growth), 64) * w;
    let Z: Float64Array;
    if (w === actWidth) {
      // In place: valuesAt reads a vertex's inputs before its values overwrite them. One buffer kept
      // layer after layer touches fresh memory only where it grows, and fresh pages (page faults) cost
      // more here than the arithmetic; a new one gets room for the next layer too.
      if (act.length >= need) Z = act;
      else {
        Z = new Float64Array(need * 8 <= 1 << 30 ? 2 * need : need);
        Z.set(act.subarray(0, V0 * w));
        act = Z;
      }
    } else Z = spare.length >= need ? spare : new Float64Array(need);
    let words = ensureCapacity(cut.words, V0 * W);
    const WT = new Float64Array(actWidth * w);
    for (let o = 0; o < w; o++) for (let i = 0; i < actWidth; i++) WT[i * w + o] = layer.weight[o * actWidth + i];
    cut.Z = Z;
    cut.words = words;
    cut.w = w;
    cut.base = base;
    cut.thr = thr;
    cut.split = new EdgeMap(V0);
    cut.WT = WT;
    cut.bias = layer.bias;
    cut.act = act;
    cut.inDim = actWidth;
    const done = (cut.done = new Uint8Array(V0));

    const out = { off: new GrowI32(polys.off.length * 2), verts: new GrowI32(polys.verts.length * 2) };
    out.off.push(0);
    const R = polys.off.length - 1;
    const neurons = new Int32Array(w);
    const q0 = base >>> 4;
    const q1 = (base + w - 1) >>> 4;
    const any = new Uint32Array(q1 - q0 + 1);
    const pv = polys.verts.data;
    for (let r = 0; r < R; r++) {
      const p0 = polys.off.data[r];
      const p1 = polys.off.data[r + 1];
      // Neurons whose line crosses this region: both strict signs among its vertices, i.e. the OR of
      // the vertices' words has the field 3 (ascending, as the cut order must be).
      any.fill(0);
      for (let p = p0; p < p1; p++) {
        if (done[pv[p]] === 0) cut.valuesAt(pv[p]);
        const at = pv[p] * W;
        for (let q = q0; q <= q1; q++) any[q - q0] |= words[at + q];
      }
      let nn = 0;
      for (let q = q0; q <= q1; q++) {
        const x = any[q - q0];
        let both = x & (x >>> 1) & 0x55555555;
        while (both !== 0) {
          const low = both & -both;
          both ^= low;
          const k = (q << 4) | ((31 - Math.clz32(low)) >>> 1);
          if (k >= base && k < base + w) neurons[nn++] = k - base;
        }
      }
      // Load the region as the single sub-polygon.
      let len = p1 - p0;
      if (curV.length < len) curV = new Int32Array(len * 2);
      for (let p = 0; p < len; p++) curV[p] = pv[p0 + p];
      curO[0] = 0;
      curO[1] = len;
      let count = 1;
      for (let q = 0; q < nn; q++) {
        const o = neurons[q];
        const k = base + o;
        const kq = k >>> 4;
        const ks = (k & 15) << 1;
        let nCount = 0;
        let nLen = 0;
        const room = len * 2 + 8 * (count + 1);
        if (nxtV.length < room) nxtV = new Int32Array(room * 2);
        if (nxtO.length < 2 * count + 2) nxtO = new Int32Array(4 * count + 4);
        nxtO[0] = 0;
        for (let s = 0; s < count; s++) {
          const a0 = curO[s];
          const a1 = curO[s + 1];
          let bits = 0;
          for (let p = a0; p < a1; p++) bits |= words[curV[p] * W + kq] >>> ks;
          if ((bits & 3) !== 3) {
            for (let p = a0; p < a1; p++) nxtV[nLen++] = curV[p];
            nxtO[++nCount] = nLen;
            continue;
          }
          // Clip: the − part first, then the + part (each vertex on the line goes to both).
          for (let side = 2; side >= 1; side--) {
            for (let p = a0; p < a1; p++) {
              const u = curV[p];
              const v = curV[p + 1 < a1 ? p + 1 : a0];
              const cu = (words[u * W + kq] >>> ks) & 3;
              if (cu === side || cu === 0) nxtV[nLen++] = u;
              const cv = (words[v * W + kq] >>> ks) & 3;
              if ((cu | cv) === 3) {
                nxtV[nLen++] = cu === 2 ? cut.splitEdge(u, v, o) : cut.splitEdge(v, u, o);
                words = cut.words;
              }
            }
            nxtO[++nCount] = nLen;
          }
        }
        [curV, nxtV] = [nxtV, curV];
        [curO, nxtO] = [nxtO, curO];
        count = nCount;
        len = nLen;
      }
      for (let s = 0; s < count; s++) {
        for (let p = curO[s]; p < curO[s + 1]; p++) out.verts.push(curV[p]);
        out.off.push(out.verts.length);
      }
      if ((r & 255) === 255) {
        const cells = 2 * cut.V + 2 * (out.off.length - 1);
        if (cells > maxCells) overBudget(cells, maxCells, base + w * ((r + 1) / R), H);
        if ((r & 4095) === 4095) options.onProgress?.({ done: base + Math.floor((w * (r + 1)) / R), total: H, cells, layer: l });
      }
    }
    polys = out;
    for (let v = 0; v < V0; v++) if (done[v] === 0) cut.valuesAt(v);
    // ReLU with the decided signs, in place: Z becomes the next layer's input.
    const V = cut.V;
    const Zl = cut.Z;
    for (let v = 0; v < V; v++) {
      for (let o = 0; o < w; o++) {
        const k = base + o;
        if (((words[v * W + (k >>> 4)] >>> ((k & 15) << 1)) & 3) !== 1) Zl[v * w + o] = 0;
      }
    }
    growth = Math.min(4, Math.max(2, (1.25 * V) / Math.max(V0, 1)));
    if (act.buffer !== Zl.buffer) spare = act;
    act = Zl;
    actWidth = w;
    base += w;
    const cells = 2 * V + 2 * (polys.off.length - 1);
    if (cells > maxCells) overBudget(cells, maxCells, base, H);
    options.onProgress?.({ done: base, total: H, cells, layer: l });
    state.V = V;
    state.words = words;
    state.polys = polys;
    state.act = act;
    state.actWidth = actWidth;
    state.base = base;
    state.layer = l + 1;
  }
}

/** Output values at the vertices and the face lattice of the finished state. */
export function finishPlanar(net: Network, state: PlanarState): PlanarResult {
  const W = packedWords(hiddenCount(net));
  const { V, act, actWidth } = state;
  const last = net.layers[net.layers.length - 1];
  const m = last.outDim;
  const values = new Float64Array(V * m);
  for (let v = 0; v < V; v++) {
    for (let o = 0; o < m; o++) {
      let s = last.bias[o];
      for (let i = 0; i < actWidth; i++) s += last.weight[o * actWidth + i] * act[v * actWidth + i];
      values[v * m + o] = s;
    }
  }
  return { lattice: polygonsToLattice(state.coords.toArray(), V, state.polys), words: state.words.slice(0, V * W), values };
}

function overBudget(cells: number, maxCells: number, done: number, total: number): never {
  const estimate = Math.round((cells * total) / Math.max(done, 1));
  // The estimate travels with the error so that a parallel build can scale a part's to the whole.
  throw Object.assign(
    new TesseraError(
      'budget',
      `this complex would have at least ${estimate.toLocaleString('en-US')} cells (cap ${maxCells.toLocaleString('en-US')}, reached at neuron ${Math.ceil(done)} of ${total}); raise it with --max-cells`,
    ),
    { estimate },
  );
}

/** Vertices + polygon cycles → face lattice (edges numbered by first appearance). */
export function polygonsToLattice(coords: Float64Array, V: number, polys: { off: GrowI32; verts: GrowI32 }): Lattice {
  const F = polys.off.length - 1;
  const edgeId = new EdgeMap(polys.verts.length);
  const ends = new GrowI32(polys.verts.length + 8);
  const faceFacets = new Int32Array(polys.verts.length);
  const faceOff = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) {
    const a0 = polys.off.data[f];
    const a1 = polys.off.data[f + 1];
    for (let p = a0; p < a1; p++) {
      const u = polys.verts.data[p];
      const v = polys.verts.data[p + 1 < a1 ? p + 1 : a0];
      let e = edgeId.get(u, v);
      if (e < 0) {
        e = ends.length >> 1;
        ends.push(u);
        ends.push(v);
        edgeId.set(u, v, e);
      }
      faceFacets[p] = e;
    }
    faceOff[f + 1] = a1;
  }
  const E = ends.length >> 1;
  const edgeOff = new Int32Array(E + 1);
  for (let e = 0; e <= E; e++) edgeOff[e] = 2 * e;
  return {
    dim: 2,
    vertexCount: V,
    coords: coords.slice(0, 2 * V),
    counts: [V, E, F],
    offsets: [new Int32Array(1), edgeOff, faceOff],
    facets: [new Int32Array(0), ends.toArray(), faceFacets],
  };
}
