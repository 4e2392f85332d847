/**
 * Sign sequences (DESIGN.md): for a point, each hidden neuron's sign of its pre-activation, +, − or 0.
 * Sequences are stored packed, 2 bits a neuron (16 neurons a Uint32 word): 00 = 0, 01 = +, 10 = −.
 */
import { DEFAULT_TOLERANCE, type Tolerance, signOf } from '../numeric/tolerance.js';
import { TesseraError } from '../numeric/errors.js';
import { preActivations } from './evaluate.js';
import { hiddenCount, type Network } from './network.js';

export type Sign = -1 | 0 | 1;

/** Number of Uint32 words for `neurons` packed signs. */
export function packedWords(neurons: number): number {
  return (neurons + 15) >>> 4;
}

/** Pack signs (−1/0/+1) into `out` (or a new array) at word offset `at`. */
export function packSigns(signs: ArrayLike<number>, out?: Uint32Array, at = 0): Uint32Array {
  const words = packedWords(signs.length);
  const target = out ?? new Uint32Array(words);
  target.fill(0, at, at + words);
  for (let i = 0; i < signs.length; i++) {
    const s = signs[i];
    if (s !== 0) target[at + (i >>> 4)] |= (s > 0 ? 1 : 2) << ((i & 15) << 1);
  }
  return target;
}

/** Sign of neuron i in a packed sequence starting at word `at`. */
export function packedSign(packed: Uint32Array, i: number, at = 0): Sign {
  const code = (packed[at + (i >>> 4)] >>> ((i & 15) << 1)) & 3;
  return code === 1 ? 1 : code === 2 ? -1 : 0;
}

export function unpackSigns(packed: Uint32Array, neurons: number, at = 0): Int8Array {
  const out = new Int8Array(neurons);
  for (let i = 0; i < neurons; i++) out[i] = packedSign(packed, i, at);
  return out;
}

/** "+-0+…" with '|' between layers when `widths` are given. */
export function signString(signs: ArrayLike<number>, widths?: readonly number[]): string {
  let s = '';
  let layer = 0;
  let left = widths ? widths[0] : Infinity;
  for (let i = 0; i < signs.length; i++) {
    if (left === 0 && widths) {
      s += '|';
      left = widths[++layer];
    }
    s += signs[i] > 0 ? '+' : signs[i] < 0 ? '-' : '0';
    left--;
  }
  return s;
}

/** Parse "+-0" (layer separators '|' and spaces ignored) into −1/0/+1. */
export function parseSignString(s: string): Int8Array {
  const chars = s.replace(/[|\s]/g, '');
  const out = new Int8Array(chars.length);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '+') out[i] = 1;
    else if (c === '-') out[i] = -1;
    else if (c === '0') out[i] = 0;
    else throw new TesseraError('input', `bad sign character '${c}' in "${s}" (expected +, - or 0)`);
  }
  return out;
}

/**
 * The sign sequence of x: hidden neurons in layer order, each −1, 0 or +1. A pre-activation counts as
 * 0 when it is within the tolerance of the magnitude of its summands (numeric/tolerance.ts).
 */
export function signSequence(net: Network, x: ArrayLike<number>, tol: Tolerance = DEFAULT_TOLERANCE): Int8Array {
  const z = preActivations(net, x);
  const out = new Int8Array(hiddenCount(net));
  let k = 0;
  let a: ArrayLike<number> = x;
  for (let l = 0; l < net.layers.length - 1; l++) {
    const layer = net.layers[l];
    const zl = z[l];
    const next = new Float64Array(layer.outDim);
    for (let o = 0; o < layer.outDim; o++) {
      let scale = Math.abs(layer.bias[o]);
      const r = o * layer.inDim;
      for (let i = 0; i < layer.inDim; i++) scale += Math.abs(layer.weight[r + i] * a[i]);
      out[k++] = signOf(zl[o], scale, tol);
      next[o] = zl[o] > 0 ? zl[o] : 0;
    }
    a = next;
  }
  return out;
}

/** Widths of the hidden layers, for signString. */
export function hiddenWidths(net: Network): number[] {
  return net.layers.slice(0, -1).map((l) => l.outDim);
}
