/**
 * Setting up one hidden layer's cut of the 2-D build (planar.ts): zero thresholds, the LayerCut's
 * fields, the last layer's made-vertex records, and making a layer's values ahead of its cut.
 */
import type { Network } from '../net/network.js';
import { hiddenCount } from '../net/network.js';
import { packedWords } from '../net/signs.js';
import type { Tolerance } from '../numeric/tolerance.js';
import { transposed } from './affinerow.js';
import { LayerCut } from './layercut.js';
import { maxLive, maxLiveFirst } from './live.js';
import type { PlanarState } from './planar.js';

/**
 * One zero threshold per neuron of layer l (tolerance policy: |b| + Σ|wᵢ|·max|aᵢ| over the current
 * vertices); `globalAmax` (parallel builds) turns this part's max|activation| into the whole complex's.
 */
export function thresholds(
  net: Network,
  l: number,
  cut: LayerCut,
  act: Float64Array,
  actBase: number,
  tol: Tolerance,
  globalAmax?: (layer: number, local: Float64Array) => Float64Array,
): Float64Array {
  const layer = net.layers[l];
  const actWidth = layer.inDim;
  const V0 = cut.V;
  let amax: Float64Array = new Float64Array(actWidth);
  if (actBase < 0) {
    for (let v = 0; v < V0; v++) for (let i = 0; i < actWidth; i++) amax[i] = Math.max(amax[i], Math.abs(act[v * actWidth + i]));
  } else if (actBase === 0) maxLiveFirst(cut.coords.data, cut.W0, cut.b0, cut.words, cut.W, V0, actWidth, amax);
  else maxLive(act, cut.words, cut.W, V0, actBase, actWidth, amax);
  if (globalAmax) amax = globalAmax(l, amax);
  const thr = new Float64Array(layer.outDim);
  for (let o = 0; o < layer.outDim; o++) {
    let s = Math.abs(layer.bias[o]);
    for (let i = 0; i < actWidth; i++) s += Math.abs(layer.weight[o * actWidth + i]) * amax[i];
    thr[o] = tol.relative * s;
  }
  return thr;
}

/** Point the cut at layer l: its weights (transposed, in × w), inputs, thresholds and value rows. */
export function configureCut(cut: LayerCut, net: Network, l: number, base: number, act: Float64Array, actBase: number, thr: Float64Array, Z: Float64Array): void {
  const layer = net.layers[l];
  const w = layer.outDim;
  const inDim = layer.inDim;
  const WT = transposed(layer.weight, inDim, w);
  cut.Z = Z;
  cut.w = w;
  cut.base = base;
  cut.thr = thr;
  cut.WT = WT;
  cut.bias = layer.bias;
  cut.act = act;
  cut.inDim = inDim;
  cut.actBase = actBase;
  cut.first = l === 0;
}

/** The made-vertex records of layer l − 1 from the state, when it has them (else nothing derives). */
export function useRecords(cut: LayerCut, state: PlanarState, l: number): void {
  const made = state.made;
  if (made && made.layer === l - 1) {
    cut.prevFrom = made.from;
    cut.prevMade = made.ab;
    cut.prevT = made.t;
  } else cut.prevFrom = Infinity;
}

/**
 * Make the next layer's values (and signs) at every vertex now, into state.pre, the way
 * runPlanarLayers would as its regions need them: the vertices the last layer made derive theirs
 * from their edges, which a worker given only a share of the vertices could not do alike.
 */
export function precomputeLayer(net: Network, state: PlanarState, tol: Tolerance): void {
  const l = state.layer;
  const W = packedWords(hiddenCount(net));
  const cut = new LayerCut(state.coords, W, state.V, state.words);
  cut.W0 = net.layers[0].weight;
  cut.b0 = net.layers[0].bias;
  const actBase = l === 0 ? -1 : state.base - state.actWidth;
  const thr = thresholds(net, l, cut, state.act, actBase, tol);
  const Z = new Float64Array(l === 0 ? 0 : state.V * net.layers[l].outDim);
  configureCut(cut, net, l, state.base, state.act, actBase, thr, Z);
  cut.done = new Uint8Array(state.V);
  useRecords(cut, state, l);
  for (let v = 0; v < state.V; v++) if (cut.done[v] === 0) cut.valuesAt(v);
  state.words = cut.words;
  state.pre = { Z, thr };
}
