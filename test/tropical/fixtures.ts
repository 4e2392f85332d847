/** Test networks from the research notes (tropical-and-region-counting.md §5.1) and helpers. */
import { createNetwork, type Network } from '../../src/net/network.js';
import { ratAdd, ratFromShortestDecimal, ratMul, RAT_ZERO, ratCmp, type Rational } from '../../src/numeric/rational.js';

type L = [number[][], number[]];
const net = (layers: L[]): Network => createNetwork(layers.map(([weight, bias]) => ({ weight, bias })));

/** Serra et al. Fig. 2 (1-D): 5 activation regions, 4 linear regions (slopes −2, 0, 2, 4). */
export const serraFig2 = net([
  [[[1], [-1]], [0, 1]],
  [[[4, 2]], [-3]],
  [[[1]], [0]],
]);

/** Net A [2,3,3,1]: |F| 12 → 7, |G| 14 → 8; tropical cells 10, Def-1 7, activation 14, maps 7. */
export const netA = net([
  [[[0, 2], [0, 2], [2, 2]], [1, 0, 0]],
  [[[-1, 0, -1], [-1, 2, -2], [-2, -2, 2]], [1, 3, -2]],
  [[[1, -1, 0]], [-3]],
]);

/** Net B [2,4,4,1]: |F| 6 → 4, |G| 90 → 18; tropical cells 18, Def-1 18, activation 25, maps 15. */
export const netB = net([
  [[[1, 2], [1, -2], [0, -1], [2, 2]], [-2, 0, 3, 2]],
  [[[1, 1, -2, 1], [0, -2, -1, 0], [1, 0, 1, 2], [1, -1, 1, 0]], [-3, -3, 1, -1]],
  [[[0, -1, -1, -2]], [-1]],
]);

/** Net C [2,3,3,3,1]: |F| 23 → 9, |G| 11 → 5; tropical cells 12, Def-1 12, activation 16, maps 12. */
export const netC = net([
  [[[0, 0], [-1, 0], [1, -2]], [-3, 2, -1]],
  [[[2, -2, 2], [-2, 0, 2], [-2, 1, 1]], [-1, -3, 0]],
  [[[0, 2, 1], [-1, -2, 0], [-1, 1, 2]], [-1, 3, 0]],
  [[[0, 1, 1]], [3]],
]);

/**
 * geodavic ExampleB (notes §2.4) written as a ReLU net: max(Ax, t) = relu(Ax − t) + t, output
 * max(B·h, 5). 16 raw monomials → 11; value 79 at (3, 5).
 */
export const exampleB = net([
  [[[2, 0], [2, 1], [1, 2], [0, 2]], [1, -1, 2, -5]],
  [[[2, 1, 2, 3]], [2 * -1 + 1 * 1 + 2 * -2 + 3 * 5 - 5]],
  [[[1]], [5]],
]);

/** Exact evaluation of a network on rationals (independent of the tropical code). */
export function evaluateExact(n: Network, x: Rational[]): Rational[] {
  let v = x;
  n.layers.forEach((layer, l) => {
    const out: Rational[] = [];
    for (let o = 0; o < layer.outDim; o++) {
      let s = ratFromShortestDecimal(layer.bias[o]);
      for (let i = 0; i < layer.inDim; i++) s = ratAdd(s, ratMul(ratFromShortestDecimal(layer.weight[o * layer.inDim + i]), v[i]));
      out.push(l < n.layers.length - 1 && ratCmp(s, RAT_ZERO) < 0 ? RAT_ZERO : s);
    }
    v = out;
  });
  return v;
}

/** Deterministic PRNG for tests. */
export { mulberry32 as rng } from '../../src/numeric/random.js';
