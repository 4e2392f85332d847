/** Hand-built networks with known ranks, and a finite-difference Jacobian, shared by the rank tests. */
import { createNetwork, type Network } from '../../src/net/network.js';
import { representations } from '../../src/rank/represent.js';

/** Central differences (step h) of layer l's representation at x: width × n, row-major (an independent check of the ranks). */
export function finiteDifferenceJacobian(net: Network, x: ArrayLike<number>, l: number, h: number): Float64Array {
  const n = x.length;
  const width = net.layers[l - 1].outDim;
  const J = new Float64Array(width * n);
  for (let j = 0; j < n; j++) {
    const a = Float64Array.from(x);
    const b = Float64Array.from(x);
    a[j] += h;
    b[j] -= h;
    const ra = representations(net, a, 1)[l - 1];
    const rb = representations(net, b, 1)[l - 1];
    for (let o = 0; o < width; o++) J[o * n + j] = (ra[o] - rb[o]) / (2 * h);
  }
  return J;
}

/** Folds the plane onto a line: layer 1 = (ReLU(x), ReLU(−x)), output x. Rank 1 everywhere: a circle becomes a segment. */
export const fold = createNetwork([
  { weight: [[1, 0], [-1, 0]], bias: [0, 0] },
  { weight: [[1, -1], [0, 0]], bias: [0, 0] },
]);

/** Injective: layer 1 = (ReLU(±x), ReLU(±y)), output the identity. Rank 2 everywhere. */
export const identity4 = createNetwork([
  { weight: [[1, 0], [0, 1], [-1, 0], [0, -1]], bias: [0, 0, 0, 0] },
  { weight: [[1, 0, -1, 0], [0, 1, 0, -1]], bias: [0, 0] },
]);

/** Layer 1 = (ReLU(x), ReLU(y)): rank 2, 1, 1, 0 in the quadrants; output x + y. */
export const quadrant = createNetwork([
  { weight: [[1, 0], [0, 1]], bias: [0, 0] },
  { weight: [[1, 1]], bias: [0] },
]);

/** `count` equispaced points on the unit circle (optionally radius r, centre c). */
export function circle(count: number, r = 1, cx = 0, cy = 0, phase = 0.1): { points: Float64Array; count: number } {
  const points = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    const t = phase + (2 * Math.PI * i) / count;
    points[2 * i] = cx + r * Math.cos(t);
    points[2 * i + 1] = cy + r * Math.sin(t);
  }
  return { points, count };
}
