/**
 * Random networks as Beshkov & Einevoll draw them (arXiv 2404.19710 §3; their code, notes §3.3):
 * - 'pytorch': PyTorch's nn.Linear default, weights and biases U(±1/√fan_in);
 * - 'normal': weights N(mean, std²), biases the PyTorch default (their mean-weight sweep, Fig. 2b);
 * - 'uniform01': weights U(0, 1), biases the PyTorch default. This is what their code's default
 *   'uniform' initialisation actually produces (it overwrites with U(0,1) and discards the rescaled
 *   copy), and what the sign-matrix and Dale experiments (Fig. 2c, 2d) ran with.
 */
import { createNetwork, type LayerSpec, type Network } from '../net/network.js';
import { normals, uniforms, type Rng } from '../numeric/random.js';
import { TesseraError } from '../numeric/errors.js';

export type WeightInit = { kind: 'pytorch' } | { kind: 'normal'; mean: number; std: number } | { kind: 'uniform01' };

/** A random ReLU network with the given widths [n₀, n₁, …, n_L]. */
export function randomNetwork(rand: Rng, widths: readonly number[], init: WeightInit = { kind: 'pytorch' }): Network {
  if (widths.length < 2 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new TesseraError('input', `network widths must be at least two positive integers, got [${widths.join(', ')}]`);
  }
  const specs: LayerSpec[] = [];
  for (let l = 1; l < widths.length; l++) {
    const inDim = widths[l - 1];
    const outDim = widths[l];
    const bound = 1 / Math.sqrt(inDim);
    const weight =
      init.kind === 'normal' ? normals(rand, inDim * outDim, init.mean, init.std) : init.kind === 'uniform01' ? uniforms(rand, inDim * outDim, 0, 1) : uniforms(rand, inDim * outDim, -bound, bound);
    specs.push({ weight, bias: uniforms(rand, outDim, -bound, bound), inDim, outDim });
  }
  return createNetwork(specs);
}

/**
 * A one-hidden-layer net m → n with a fixed all-ones readout, for experiments about the hidden
 * representation Φ¹ = σ(W x + b) (layer 1); the readout never enters a layer-1 rank.
 */
export function oneLayerNetwork(weight: Float64Array, bias: Float64Array, inputs: number, width: number): Network {
  return createNetwork([
    { weight, bias, inDim: inputs, outDim: width },
    { weight: new Float64Array(width).fill(1), bias: [0], inDim: width, outDim: 1 },
  ]);
}

/**
 * Sign-matrix construction (Fig. 2c): W ~ U(0,1) (m inputs, n neurons), then W ← R W with R = diag(±1)
 * having `flipped` entries −1 — that many neurons get all-negative input weights. The paper's theory
 * curve: the minimum rank over the whole input space is min(r, n − r, m).
 */
export function signFlippedNetwork(rand: Rng, inputs: number, width: number, flipped: number): Network {
  if (!(flipped >= 0 && flipped <= width)) throw new TesseraError('input', `flipped neurons ${flipped} not in 0..${width}`);
  const w = uniforms(rand, inputs * width, 0, 1);
  for (let o = 0; o < flipped; o++) for (let i = 0; i < inputs; i++) w[o * inputs + i] = -w[o * inputs + i];
  const bound = 1 / Math.sqrt(inputs);
  return oneLayerNetwork(w, uniforms(rand, width, -bound, bound), inputs, width);
}

/**
 * Dale's principle (Fig. 2d): every input (presynaptic neuron) is either excitatory or inhibitory, so a
 * column of W has one sign. W ~ U(0,1) (n × m), then the first `inhibitory` columns are multiplied by
 * −`gain` (the paper: gain 4, so that r inhibitory inputs balance ≈ 4r excitatory ones).
 */
export function daleNetwork(rand: Rng, inputs: number, width: number, inhibitory: number, gain = 4): Network {
  if (!(inhibitory >= 0 && inhibitory <= inputs)) throw new TesseraError('input', `inhibitory inputs ${inhibitory} not in 0..${inputs}`);
  const w = uniforms(rand, inputs * width, 0, 1);
  for (let o = 0; o < width; o++) for (let i = 0; i < inhibitory; i++) w[o * inputs + i] *= -gain;
  const bound = 1 / Math.sqrt(inputs);
  return oneLayerNetwork(w, uniforms(rand, width, -bound, bound), inputs, width);
}
