/**
 * Push a point cloud through the network: the representation Φ_l(x) of every point at every layer
 * (post-ReLU for hidden layers, the raw output last; see layers.ts), in one pass with flat arrays.
 */
import { TesseraError } from '../numeric/errors.js';
import type { Network } from '../net/network.js';

/** Element l − 1 is count × width_l (row-major): the representation at layer l of every point. */
export function representations(net: Network, points: Float64Array, count: number): Float64Array[] {
  const n = net.inputDim;
  if (!Number.isInteger(count) || count < 0 || points.length < count * n) {
    throw new TesseraError('shape', `data of ${points.length} numbers is not ${count} points of dimension ${n}`);
  }
  const L = net.layers.length;
  const out = net.layers.map((l) => new Float64Array(count * l.outDim));
  let input = points;
  let inDim = n;
  for (let l = 0; l < L; l++) {
    const { weight, bias, outDim } = net.layers[l];
    const z = out[l];
    for (let p = 0; p < count; p++) {
      const xo = p * inDim;
      const zo = p * outDim;
      for (let o = 0; o < outDim; o++) {
        let s = bias[o];
        const wo = o * inDim;
        for (let i = 0; i < inDim; i++) s += weight[wo + i] * input[xo + i];
        z[zo + o] = l < L - 1 && s < 0 ? 0 : s;
      }
    }
    input = z;
    inDim = outDim;
  }
  return out;
}
