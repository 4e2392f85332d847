/** Betti numbers over Z/2 of a chain complex (the unpaired cells of any filtration; pairs.ts). */
import type { ChainComplex } from './chain-complex.js';
import { cellPairs } from './pairs.js';

/** b_d = dim H_d(C; Z/2) for d = 0..top. */
export function bettiZ2(chain: ChainComplex): number[] {
  return cellPairs(chain).essential.map((e) => e.length);
}

/** Σ (−1)^d b_d: equals the Euler characteristic of the complex (a check, not a shortcut). */
export function alternatingSum(betti: readonly number[]): number {
  return betti.reduce((s, b, d) => s + (d % 2 === 0 ? b : -b), 0);
}
