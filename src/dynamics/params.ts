/**
 * All parameters of an MLP in one flat Float64Array, so optimisers and ODE integrators see a plain
 * vector θ. Layer l occupies [weightOffset[l], weightOffset[l] + out·in) row-major (PyTorch shape
 * out × in, as in the network model), then its bias [biasOffset[l], biasOffset[l] + out).
 */
import { TesseraError } from '../numeric/errors.js';
import { createNetwork, type Network } from '../net/network.js';

export interface ParamLayout {
  /** Widths n₀, n₁, …, n_L (input, hidden layers, output). */
  readonly widths: readonly number[];
  readonly weightOffset: Int32Array;
  readonly biasOffset: Int32Array;
  /** Total number of parameters. */
  readonly size: number;
}

export function paramLayout(widths: readonly number[]): ParamLayout {
  if (widths.length < 2) throw new TesseraError('shape', `an architecture needs at least an input and an output width, got [${widths.join(',')}]`);
  for (const w of widths) {
    if (!Number.isInteger(w) || w <= 0) throw new TesseraError('shape', `layer widths must be positive integers, got [${widths.join(',')}]`);
  }
  const L = widths.length - 1;
  const weightOffset = new Int32Array(L);
  const biasOffset = new Int32Array(L);
  let at = 0;
  for (let l = 0; l < L; l++) {
    weightOffset[l] = at;
    at += widths[l + 1] * widths[l];
    biasOffset[l] = at;
    at += widths[l + 1];
  }
  return { widths: widths.slice(), weightOffset, biasOffset, size: at };
}

/** θ and its layout for an existing network (a copy: training never touches the network). */
export function packNetwork(net: Network): { layout: ParamLayout; theta: Float64Array } {
  const layout = paramLayout([net.inputDim, ...net.layers.map((l) => l.outDim)]);
  const theta = new Float64Array(layout.size);
  net.layers.forEach((layer, l) => {
    theta.set(layer.weight, layout.weightOffset[l]);
    theta.set(layer.bias, layout.biasOffset[l]);
  });
  return { layout, theta };
}

/** The network whose parameters are θ (copied). */
export function unpackNetwork(layout: ParamLayout, theta: Float64Array): Network {
  const w = layout.widths;
  return createNetwork(
    w.slice(1).map((out, l) => ({
      weight: theta.slice(layout.weightOffset[l], layout.weightOffset[l] + out * w[l]),
      bias: theta.slice(layout.biasOffset[l], layout.biasOffset[l] + out),
      inDim: w[l],
      outDim: out,
    })),
  );
}

/** Number of hidden neurons (all layers but the last). */
export function hiddenNeuronCount(layout: ParamLayout): number {
  let h = 0;
  for (let l = 1; l < layout.widths.length - 1; l++) h += layout.widths[l];
  return h;
}

/** Mask (1 = frozen) of the hidden biases: training with biases held at their value. */
export function hiddenBiasMask(layout: ParamLayout): Uint8Array {
  const mask = new Uint8Array(layout.size);
  for (let l = 0; l < layout.widths.length - 2; l++) mask.fill(1, layout.biasOffset[l], layout.biasOffset[l] + layout.widths[l + 1]);
  return mask;
}
