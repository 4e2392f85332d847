/**
 * The fast 2-D path of buildComplex: the same complex as the face-lattice engine (lattice.ts), built
 * region by region. During construction a 2-D complex is just vertices and polygons (cyclic vertex
 * lists); edges are read off the polygons at the end.
 *
 * For each hidden layer, each region of the previous complex is cut only by the layer's neurons whose
 * sign changes on its vertices (a line meets a convex polygon iff its vertices see both strict signs),
 * depth first: each piece by the first such neuron, clipped Sutherland–Hodgman style (regioncut.ts). An
 * edge is split at most once; the new vertex is shared with the polygon across the edge through an
 * EdgeMap, so neighbouring regions agree. Vertex signs are decided once, when the vertex is made
 * (Masden, arXiv 2207.07696, §3: cells are sign sequences), from values interpolated along the split
 * edge. A layer's values at an old vertex are a matrix–vector product, except at the vertices the last
 * layer made, which take them from their edge's ends (LayerCut.derive); layer 0's values are evaluated
 * at the coordinates and never stored.
 */
import type { Network } from '../net/network.js';
import { hiddenCount } from '../net/network.js';
import { packedWords } from '../net/signs.js';
import { bytesOf, cellsOverBudget, memoryOverBudget } from './budget.js';
import type { Tolerance } from '../numeric/tolerance.js';
import { LayerCut } from './layercut.js';
import { layer0Value, liveInputs } from './live.js';
import { EdgeRows, transposed } from './affinerow.js';
import { configureCut, thresholds, useRecords } from './layersetup.js';
import { vertexGuess } from './reserve.js';
import { latticeCycles, polygonsToLattice } from './polygons.js';
import { GrowF64, GrowI32, ensureCapacity } from './grow.js';
import { RegionCutter, polygonArea } from './regioncut.js';
import type { Lattice } from './lattice.js';
import type { BuildOptions } from './build.js';

/** Bytes reserved at most ahead of need for a layer's values. */
const MAX_RESERVE = 1 << 30;

// planar-parallel.ts takes the lattice of merged polygons from here.
export { polygonsToLattice };

interface PlanarResult {
  readonly lattice: Lattice;
  readonly words: Uint32Array;
  readonly values: Float64Array;
}

/** The 2-D build in progress: vertices, their sign words and activations, and the regions as polygons. */
export interface PlanarState {
  readonly coords: GrowF64;
  V: number;
  words: Uint32Array;
  polys: { off: GrowI32; verts: GrowI32 };
  /**
   * V × actWidth inputs of the next layer to cut: the coordinates at layer 0, else the last layer's
   * pre-activations, whose ReLU is read off the sign words (a neuron passes where its field is +);
   * empty after layer 0, whose values are evaluated at the coordinates instead (LayerCut.W0).
   */
  act: Float64Array;
  actWidth: number;
  /** The vertices layer `layer`'s cut made, from `from` on: the edge (a, b) each split, and t. */
  made?: { layer: number; from: number; ab: Int32Array; t: Float64Array };
  /**
   * The next layer's values at every vertex, made ahead (precomputeLayer: a parallel build makes them
   * here, where the last layer's made vertices are known, and sends each worker its rows): V × w rows,
   * the signs already in `words`, and the zero thresholds they were decided with.
   */
  pre?: { Z: Float64Array; thr: Float64Array };
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
  const maxBytes = options.maxBytes ?? Infinity;
  const cut = new LayerCut(state.coords, W, state.V, state.words);
  cut.W0 = net.layers[0].weight;
  cut.b0 = net.layers[0].bias;
  let polys = state.polys;
  let act = state.act;
  let actWidth = state.actWidth;
  let base = state.base;
  // The previous layer's activations become the next layer's Z buffer (no fresh V × w array a layer).
  let spare: Float64Array = new Float64Array(0);
  let spareOut: { off: GrowI32; verts: GrowI32 } | undefined;
  // Made-vertex records of this layer and the last, alternating.
  const madeBy = [0, 1].map(() => ({ ab: new GrowI32(1024), t: new GrowF64(512) }));
  let ratio = 0; // last layer's vertex growth (0: none cut yet)
  let prevWidth = actWidth;

  for (let l = state.layer; l < untilLayer; l++) {
    const layer = net.layers[l];
    const w = layer.outDim;
    const V0 = cut.V;
    // Inputs come from the previous layer's neurons actBase … (or are the coordinates: −1).
    const actBase = l === 0 ? -1 : base - actWidth;
    const pre = l === state.layer ? state.pre : undefined;
    const thr = pre ? pre.thr : thresholds(net, l, cut, act, actBase, tol, globalAmax);
    // Room for the vertices this layer will add (reserve.ts), capped: a build past the cell cap stops
    // with its error (V ≤ cells), not by running out of memory first, and nothing is reserved past
    // MAX_RESERVE (beyond that the arrays grow as needed). A vertex holds w values (not in layer 0)
    // and W sign words.
    const rowBytes = (l === 0 ? 0 : 8 * w) + 4 * W + 16;
    const cap = Math.max(V0 + 64, Math.min(Math.ceil(maxCells / 2) + 64, Math.floor(MAX_RESERVE / rowBytes)));
    let rows = Math.min(cap, vertexGuess(layer.weight, layer.bias, act, actWidth, w, V0, l === 0, ratio, w / prevWidth));
    if (maxBytes < Infinity) {
      // Nor past the memory limit: the old vertices' rows must fit beside what is held already.
      const held = bytesOf(act, spare, cut.words, cut.coords.data, polys.off.data, polys.verts.data);
      const room = Math.floor((maxBytes - held) / rowBytes);
      if (room < V0 + 64) memoryOverBudget(held + (V0 + 64) * rowBytes, maxBytes, base, H, 2 * V0 + 2 * (polys.off.length - 1));
      rows = Math.min(rows, room);
    }
    const need = rows * w;
    // Layer 0's values are evaluated at the coordinates, never stored (LayerCut.W0). Later layers'
    // rows go into the buffer of the layer before last, free again (derive reads the inputs' rows,
    // so they cannot be overwritten in place).
    const Z = pre ? ensureCapacity(pre.Z, need) : l === 0 ? new Float64Array(0) : spare.length >= need ? spare : new Float64Array(need);
    configureCut(cut, net, l, base, act, actBase, thr, Z);
    cut.words = ensureCapacity(cut.words, rows * W);
    // One map for all layers, sized for this layer's new vertices (one split edge each).
    cut.split.clear(rows - V0);
    const done = (cut.done = new Uint8Array(V0));
    if (pre) done.fill(1);
    // The last layer's made vertices derive their values from their edges' ends (LayerCut.derive).
    const records = madeBy[(l + 1) & 1];
    if (l === state.layer) useRecords(cut, state, l);
    else {
      cut.prevFrom = cut.madeFrom;
      cut.prevMade = cut.made.data;
      cut.prevT = cut.madeT.data;
    }
    cut.madeFrom = V0;
    cut.made = records.ab;
    cut.madeT = records.t;
    cut.made.length = 0;
    cut.madeT.length = 0;

    // The output polygons: in the arrays of the layer before last (free again), with room for them to
    // grow as the vertices are guessed to.
    const out = spareOut ?? { off: new GrowI32(), verts: new GrowI32() };
    const g = rows / Math.max(V0, 1);
    out.off.length = 0;
    out.verts.length = 0;
    out.off.grow(Math.ceil(polys.off.length * g) + 64);
    out.verts.grow(Math.ceil(polys.verts.length * g) + 256);
    out.off.push(0);
    const R = polys.off.length - 1;
    const pv = polys.verts.data;
    // The cap is checked inside a region too (one region can hold the whole job: the domain, cut by a
    // wide first layer), with the region's share done estimated from the area still to cut.
    let r = 0;
    // Progress is reported from inside a region too, every 64 checks (a wide layer's one region).
    let checks = 0;
    // The arrays this layer works in (values, signs, coordinates, polygons, records), for --max-memory.
    const inUse = (): number =>
      bytesOf(cut.Z, act, spare, cut.words, cut.coords.data, polys.off.data, polys.verts.data, out.off.data, out.verts.data, cut.made.data, cut.madeT.data);
    const memoryCheck = (cells: number, done: number): void => {
      const bytes = inUse();
      if (bytes > maxBytes) memoryOverBudget(bytes, maxBytes, done, H, cells);
    };
    const cutter = new RegionCutter((pending) => {
      const cells = 2 * cut.V + 2 * (out.off.length - 1 + pending);
      if (maxBytes < Infinity) memoryCheck(cells, base + (w * r) / R);
      const over = cells > maxCells;
      if (!over && (++checks & 63) !== 0) return;
      const area = polygonArea(cut.coords.data, pv, polys.off.data[r], polys.off.data[r + 1]);
      const share = area > 0 ? Math.max(0, 1 - cutter.pendingArea(cut.coords.data) / area) : 0;
      if (over) cellsOverBudget(cells, maxCells, base + w * ((r + share) / R), H);
      options.onProgress?.({ done: base + Math.floor((w * (r + share)) / R), total: H, cells, layer: l });
    });
    for (; r < R; r++) {
      const p0 = polys.off.data[r];
      const p1 = polys.off.data[r + 1];
      for (let p = p0; p < p1; p++) if (done[pv[p]] === 0) cut.valuesAt(pv[p]);
      cutter.cut(cut, pv, p0, p1, out);
      if ((r & 255) === 255) {
        const cells = 2 * cut.V + 2 * (out.off.length - 1);
        if (cells > maxCells) cellsOverBudget(cells, maxCells, base + w * ((r + 1) / R), H);
        if (maxBytes < Infinity) memoryCheck(cells, base + (w * (r + 1)) / R);
        if ((r & 4095) === 4095) options.onProgress?.({ done: base + Math.floor((w * (r + 1)) / R), total: H, cells, layer: l });
      }
    }
    spareOut = polys;
    polys = out;
    for (let v = 0; v < V0; v++) if (done[v] === 0) cut.valuesAt(v);
    // Z becomes the next layer's input as it is: the ReLU is applied where it is read.
    const V = cut.V;
    const Zl = cut.Z;
    ratio = l === 0 ? 0 : V / Math.max(V0, 1);
    prevWidth = w;
    if (act.buffer !== Zl.buffer) spare = act;
    act = Zl;
    actWidth = w;
    base += w;
    const cells = 2 * V + 2 * (polys.off.length - 1);
    if (cells > maxCells) cellsOverBudget(cells, maxCells, base, H);
    if (maxBytes < Infinity) memoryCheck(cells, base);
    options.onProgress?.({ done: base, total: H, cells, layer: l });
    state.V = V;
    state.words = cut.words;
    state.made = { layer: l, from: cut.madeFrom, ab: cut.made.data, t: cut.madeT.data };
    state.pre = undefined;
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
  // The last hidden layer's ReLU from the signs (live: field +), as a list of live inputs. A dead
  // input's term is w·0 = ±0, which leaves any running sum but −0 unchanged, and a sum from a bias
  // other than −0 is never −0 (x + y = −0 only for −0 + −0): so with such a bias and finite weights
  // summing the live terms alone gives the bits of the full sum; otherwise every term is summed.
  const actBase = state.layer === 0 ? -1 : state.base - actWidth;
  const { weight, bias } = last;
  const sparse = new Uint8Array(m);
  for (let o = 0; o < m; o++) {
    let finite = !Object.is(bias[o], -0);
    for (let i = 0; finite && i < actWidth; i++) finite = Number.isFinite(weight[o * actWidth + i]);
    sparse[o] = finite ? 1 : 0;
  }
  const words = state.words;
  const coords = state.coords.data;
  const { weight: W0, bias: b0 } = net.layers[0];
  const live = new Int32Array(actWidth);
  const lv = new Float64Array(actWidth);
  // Input i of the output layer at vertex x (before the ReLU).
  const input = (x: number, i: number): number =>
    actBase === 0 ? layer0Value(W0, b0, i, coords[2 * x], coords[2 * x + 1]) : act[x * actWidth + i];
  // Vertices made by the last hidden layer's cut take their values from their edges' ends (EdgeRows, as
  // LayerCut.derive).
  const made = actBase >= 0 ? state.made : undefined;
  const derived = made ? made.from : V;
  const WT = made ? transposed(weight, actWidth, m) : new Float64Array(0);
  const edges = new EdgeRows();
  for (let v = 0; v < V; v++) {
    if (v >= derived) {
      const k = v - derived;
      edges.row(values, WT, m, words, W, v, made!.ab[2 * k], made!.ab[2 * k + 1], made!.t[k], actBase, actWidth, input);
      continue;
    }
    let nl = 0;
    if (actBase < 0) {
      for (let i = 0; i < actWidth; i++) {
        live[nl] = i;
        lv[nl++] = act[v * actWidth + i];
      }
    } else if (actBase === 0) {
      // Layer 0's values, evaluated at the coordinates (they are never stored).
      nl = liveInputs(words, v * W, 0, actWidth, live);
      const x = coords[2 * v];
      const y = coords[2 * v + 1];
      for (let q = 0; q < nl; q++) lv[q] = layer0Value(W0, b0, live[q], x, y);
    } else {
      nl = liveInputs(words, v * W, actBase, actWidth, live);
      for (let q = 0; q < nl; q++) lv[q] = act[v * actWidth + live[q]];
    }
    for (let o = 0; o < m; o++) {
      const r = o * actWidth;
      let s = bias[o];
      if (sparse[o] === 1) for (let q = 0; q < nl; q++) s += weight[r + live[q]] * lv[q];
      else {
        for (let i = 0, q = 0; i < actWidth; i++) {
          const a = q < nl && live[q] === i ? lv[q++] : 0;
          s += weight[r + i] * a;
        }
      }
      values[v * m + o] = s;
    }
  }
  return { lattice: polygonsToLattice(state.coords.data, V, state.polys), words: state.words.slice(0, V * W), values };
}
