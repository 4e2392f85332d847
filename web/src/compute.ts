/**
 * What the compute worker does, as plain functions over a small state object (so node tests can call
 * them without a worker). Everything exact comes from the library: the complex from
 * src/complex/build.ts, slices from src/net/slice.ts, evaluation from src/net/evaluate.ts.
 */
import { buildComplex } from '../../src/complex/build.js';
import { cutComplex, type CutComplexResult } from '../../src/complex/cut.js';
import { polygonCycle } from '../../src/complex/geometry.js';
import type { Complex, Domain } from '../../src/complex/types.js';
import type { Network } from '../../src/net/network.js';
import { sliceNetwork, type AffinePlane } from '../../src/net/slice.js';
import { complexGeometry } from './geometry.js';
import { networkFromPayload } from './payload.js';
import { DEFAULT_VIEW_CELLS, type ComplexGeometry, type NetPayload, type PlanePayload, type ViewBox } from './protocol.js';

export interface ComputeState {
  /** The network as given (any input dimension). */
  net: Network | null;
  plane: AffinePlane | null;
  /** The network on the drawn plane: `net` itself for 2 inputs, else net ∘ plane. */
  net2: Network | null;
  complex: Complex | null;
  box: ViewBox | null;
}

export function emptyState(): ComputeState {
  return { net: null, plane: null, net2: null, complex: null, box: null };
}

export function setNetwork(state: ComputeState, payload: NetPayload, plane: PlanePayload | null): { inputDim: number } {
  const net = networkFromPayload(payload);
  state.net = net;
  state.plane = plane;
  state.complex = null;
  state.box = null;
  if (plane) state.net2 = sliceNetwork(net, plane);
  else if (net.inputDim === 2) state.net2 = net;
  else throw new Error(`the network takes ${net.inputDim} inputs: choose a 2-D slice`);
  return { inputDim: net.inputDim };
}

export function boxDomainOf(box: ViewBox): Domain {
  return { kind: 'box', dim: 2, lo: Float64Array.of(box.x0, box.y0), hi: Float64Array.of(box.x1, box.y1) };
}

/** The complex of `box`: the one built last when it is for this box, else a new one. */
export function complexFor(state: ComputeState, box: ViewBox, maxCells = DEFAULT_VIEW_CELLS): Complex {
  const b = state.box;
  if (state.complex && b && b.x0 === box.x0 && b.x1 === box.x1 && b.y0 === box.y0 && b.y1 === box.y1) return state.complex;
  if (!state.net2) throw new Error('no network loaded');
  state.complex = buildComplex(state.net2, boxDomainOf(box), { maxCells });
  state.box = box;
  return state.complex;
}

export function computeComplex(state: ComputeState, box: ViewBox, maxCells: number): ComplexGeometry {
  if (!state.net2) throw new Error('no network loaded');
  const t0 = performance.now();
  const complex = buildComplex(state.net2, boxDomainOf(box), { maxCells });
  const ms = performance.now() - t0;
  state.complex = complex;
  state.box = box;
  return complexGeometry(complex, box, ms);
}

/**
 * The level set {F_output = level} of the current complex as segments: refine the complex along
 * F − level = 0 with the library's cutComplex and keep the edges on the zero side. With `difference`
 * the function is F_output − F_difference (the decision boundary between two outputs).
 */
/** The complex of the view refined along g = F_output − F_difference − level (cutComplex). */
function cutAtLevel(state: ComputeState, box: ViewBox, level: number, output: number, difference: number): CutComplexResult {
  const complex = complexFor(state, box);
  const m = complex.outputDim;
  const V = complex.vertexCount;
  const g = new Float64Array(V);
  let scale = Math.abs(level);
  for (let v = 0; v < V; v++) {
    const f = complex.vertexValues[v * m + output] - (difference >= 0 ? complex.vertexValues[v * m + difference] : 0);
    g[v] = f - level;
    scale = Math.max(scale, Math.abs(f));
  }
  return cutComplex(complex, g, { scale: scale + Math.abs(level) });
}

export function computeLevelSet(state: ComputeState, box: ViewBox, level: number, output: number, difference = -1): Float64Array {
  const cut = cutAtLevel(state, box, level, output, difference);
  const refined = cut.complex;
  const edges = refined.cells[1];
  const side = cut.side[1];
  const out: number[] = [];
  for (let e = 0; e < edges.count; e++) {
    if (side[e] !== 0) continue;
    const o = edges.facetOffsets[e];
    const a = edges.facetIndices[o];
    const b = edges.facetIndices[o + 1];
    out.push(refined.vertices[2 * a], refined.vertices[2 * a + 1], refined.vertices[2 * b], refined.vertices[2 * b + 1]);
  }
  return Float64Array.from(out);
}

/** Polygons in flat form: polygon k has the points xy[2·offsets[k] … 2·offsets[k+1]). */
export interface Polygons {
  offsets: Int32Array;
  xy: Float64Array;
}

/**
 * The sublevel set {F_output ≤ level} in the view, exactly: the 2-cells of the complex refined along
 * F = level that lie on the F ≤ level side (cutComplex's side −1; a cell flat at the level counts too).
 */
export function computeSublevel(state: ComputeState, box: ViewBox, level: number, output: number): Polygons {
  const cut = cutAtLevel(state, box, level, output, -1);
  const refined = cut.complex;
  const side = cut.side[2];
  const offsets: number[] = [0];
  const xy: number[] = [];
  for (let r = 0; r < refined.cells[2].count; r++) {
    if (side[r] > 0) continue;
    for (const v of polygonCycle(refined, r)) xy.push(refined.vertices[2 * v], refined.vertices[2 * v + 1]);
    offsets.push(xy.length / 2);
  }
  return { offsets: Int32Array.from(offsets), xy: Float64Array.from(xy) };
}
