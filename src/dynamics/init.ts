/**
 * Random initialisation of an MLP from a seed. Weights are normal with the usual variances; biases
 * start at 0 (so at initialisation c_k = a_k² − ‖w_k‖², as in the paper's closed form, notes §2.6):
 * - `kaiming` (He et al. 2015, fan-in, gain √2): Var = 2 / fan_in;
 * - `xavier`  (Glorot & Bengio 2010, normal):   Var = 2 / (fan_in + fan_out).
 */
import { TesseraError } from '../numeric/errors.js';
import { normals, rng, type Rng } from '../numeric/random.js';
import { createNetwork, type Network } from '../net/network.js';

export type InitScheme = 'kaiming' | 'xavier';
export const INIT_SCHEMES: readonly InitScheme[] = ['kaiming', 'xavier'];

export function weightStd(scheme: InitScheme, fanIn: number, fanOut: number): number {
  return scheme === 'xavier' ? Math.sqrt(2 / (fanIn + fanOut)) : Math.sqrt(2 / fanIn);
}

export function initNetwork(widths: readonly number[], scheme: InitScheme = 'kaiming', seed: number | Rng = 1): Network {
  if (widths.length < 2) throw new TesseraError('shape', `--arch needs at least an input and an output width, got [${widths.join(',')}]`);
  for (const w of widths) if (!Number.isInteger(w) || w <= 0) throw new TesseraError('shape', `--arch: widths must be positive integers, got [${widths.join(',')}]`);
  const rand = typeof seed === 'function' ? seed : rng(seed);
  return createNetwork(
    widths.slice(1).map((out, l) => ({
      weight: normals(rand, out * widths[l], 0, weightStd(scheme, widths[l], out)),
      bias: new Float64Array(out),
      inDim: widths[l],
      outDim: out,
    })),
  );
}
