/**
 * Binomial coefficients C(m, k) for m ≤ n, k ≤ maxK in one Float64Array: the combinatorial number
 * system numbers a k-simplex {v_k > … > v_0} as Σ C(v_i, i+1) (Ripser; Bauer 2021 §3.1). Indices stay
 * exact while below 2^53, which is checked here.
 */
import { TesseraError } from '../../numeric/errors.js';

export interface BinomialTable {
  readonly n: number;
  readonly maxK: number;
  /** C(m, k) at k·(n+1) + m. */
  readonly table: Float64Array;
}

export function binomialTable(n: number, maxK: number): BinomialTable {
  const table = new Float64Array((maxK + 1) * (n + 1));
  for (let m = 0; m <= n; m++) {
    table[m] = 1;
    for (let k = 1; k <= Math.min(m, maxK); k++) table[k * (n + 1) + m] = table[(k - 1) * (n + 1) + m - 1] + (m - 1 >= k ? table[k * (n + 1) + m - 1] : 0);
  }
  if (table[maxK * (n + 1) + n] > Number.MAX_SAFE_INTEGER) {
    throw new TesseraError('budget', `${n} points in dimension ${maxK - 1} exceed the simplex numbering range (2^53); use fewer points or a lower --max-dim`);
  }
  return { n, maxK, table };
}

export function binomial(b: BinomialTable, m: number, k: number): number {
  return m < 0 || k > m ? 0 : b.table[k * (b.n + 1) + m];
}
