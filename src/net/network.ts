/**
 * The network model (DESIGN.md "Data model"): a list of affine layers, ReLU after every layer but
 * the last. Weights are PyTorch-shaped (out × in) and stored row-major in one Float64Array a layer.
 */
import { TesseraError } from '../numeric/errors.js';

export interface Layer {
  readonly inDim: number;
  readonly outDim: number;
  /** outDim × inDim, row-major: weight[o * inDim + i]. */
  readonly weight: Float64Array;
  readonly bias: Float64Array;
}

export interface Network {
  readonly layers: readonly Layer[];
  readonly inputDim: number;
  readonly outputDim: number;
}

/** A layer as users write it: nested arrays (PyTorch shape out × in) or flat row-major arrays. */
export interface LayerSpec {
  weight: ArrayLike<number> | ArrayLike<ArrayLike<number>>;
  bias?: ArrayLike<number>;
  /** Needed only with a flat weight array. */
  inDim?: number;
  outDim?: number;
}

function isNested(w: LayerSpec['weight']): w is ArrayLike<ArrayLike<number>> {
  return w.length > 0 && typeof (w as ArrayLike<unknown>)[0] === 'object' && (w as ArrayLike<unknown>)[0] !== null;
}

function toLayer(spec: LayerSpec, index: number): Layer {
  const where = `layer ${index}`;
  if (!spec || typeof spec !== 'object' || spec.weight == null || typeof spec.weight.length !== 'number') {
    throw new TesseraError('format', `${where}: missing "weight" array`);
  }
  let inDim: number;
  let outDim: number;
  let weight: Float64Array;
  if (isNested(spec.weight)) {
    const rows = spec.weight;
    outDim = rows.length;
    inDim = rows[0].length;
    weight = new Float64Array(outDim * inDim);
    for (let o = 0; o < outDim; o++) {
      const row = rows[o];
      if (!row || typeof row !== 'object' || row.length !== inDim) {
        throw new TesseraError('shape', `${where}: weight row ${o} has ${row?.length ?? 'no'} entries, expected ${inDim}`);
      }
      for (let i = 0; i < inDim; i++) weight[o * inDim + i] = row[i];
    }
  } else {
    const flat = spec.weight as ArrayLike<number>;
    if (spec.outDim === undefined || spec.inDim === undefined) {
      if (flat.length === 0) throw new TesseraError('shape', `${where}: empty weight`);
      throw new TesseraError('shape', `${where}: a flat weight array needs inDim and outDim`);
    }
    inDim = spec.inDim;
    outDim = spec.outDim;
    if (flat.length !== inDim * outDim) {
      throw new TesseraError('shape', `${where}: weight has ${flat.length} entries, expected ${outDim}×${inDim}`);
    }
    weight = Float64Array.from(flat);
  }
  if (outDim === 0 || inDim === 0) throw new TesseraError('shape', `${where}: weight has a zero dimension (${outDim}×${inDim})`);
  let bias: Float64Array;
  if (spec.bias == null) bias = new Float64Array(outDim);
  else {
    if (typeof spec.bias.length !== 'number' || spec.bias.length !== outDim) {
      throw new TesseraError('shape', `${where}: bias has ${spec.bias.length ?? 'no'} entries, expected ${outDim} (one per weight row)`);
    }
    bias = Float64Array.from(spec.bias as ArrayLike<number>);
  }
  for (let k = 0; k < weight.length; k++) {
    if (typeof weight[k] !== 'number' || !Number.isFinite(weight[k])) {
      const o = Math.floor(k / inDim);
      throw new TesseraError('input', `${where}: weight[${o}][${k - o * inDim}] is not a finite number`);
    }
  }
  for (let o = 0; o < outDim; o++) {
    if (!Number.isFinite(bias[o])) throw new TesseraError('input', `${where}: bias[${o}] is not a finite number`);
  }
  return { inDim, outDim, weight, bias };
}

/** Build and validate a network: finite weights, each layer's input width equal to the previous output. */
export function createNetwork(specs: readonly LayerSpec[]): Network {
  if (!Array.isArray(specs) || specs.length === 0) throw new TesseraError('format', 'network has no layers');
  const layers = specs.map(toLayer);
  for (let l = 1; l < layers.length; l++) {
    if (layers[l].inDim !== layers[l - 1].outDim) {
      throw new TesseraError('shape', `layer ${l} takes ${layers[l].inDim} inputs but layer ${l - 1} gives ${layers[l - 1].outDim} outputs`);
    }
  }
  return { layers, inputDim: layers[0].inDim, outputDim: layers[layers.length - 1].outDim };
}

/** Widths [n₀, n₁, …, n_L]: input, each hidden layer, output. */
export function architecture(net: Network): number[] {
  return [net.inputDim, ...net.layers.map((l) => l.outDim)];
}

/** Number of hidden neurons (the length of a sign sequence). */
export function hiddenCount(net: Network): number {
  let h = 0;
  for (let l = 0; l < net.layers.length - 1; l++) h += net.layers[l].outDim;
  return h;
}

export function parameterCount(net: Network): number {
  let p = 0;
  for (const l of net.layers) p += l.weight.length + l.bias.length;
  return p;
}

/** Plain-array form (the JSON format of DESIGN.md), e.g. for writing a trained net. */
export function networkToJSON(net: Network): { format: 'relu-mlp'; layers: { weight: number[][]; bias: number[] }[] } {
  return {
    format: 'relu-mlp',
    layers: net.layers.map((l) => ({
      weight: Array.from({ length: l.outDim }, (_, o) => Array.from(l.weight.subarray(o * l.inDim, (o + 1) * l.inDim))),
      bias: Array.from(l.bias),
    })),
  };
}
