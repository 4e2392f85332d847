/**
 * The topology tests' seeded random numbers in [0, 1): a 32-bit linear congruential generator
 * (Numerical Recipes' constants), kept so that the tests' point clouds and matrices stay the same.
 */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
