/**
 * Closed-form bounds on the number of linear regions of a ReLU network with input dimension n₀,
 * hidden widths n₁ … n_L and a linear output (notes §4.2–4.3). Exact BigInt arithmetic: the numbers
 * grow fast. Each function returns null where the formula's width precondition fails.
 */

/** C(n, k) exactly (0 outside 0 ≤ k ≤ n). */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n || n < 0) return 0n;
  k = Math.min(k, n - k);
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** Σ_{j=0}^{d} C(n, j): Zaslavsky's maximum for n hyperplanes in ℝ^d (general position). */
export function binomialSum(n: number, d: number): bigint {
  let s = 0n;
  for (let j = 0; j <= d; j++) s += binomial(n, j);
  return s;
}

/** Trivial bound 2^N with N the number of hidden neurons. */
export function trivialBound(widths: readonly number[]): bigint {
  return 2n ** BigInt(widths.reduce((a, b) => a + b, 0));
}

/**
 * Zhang, Naitzat & Lim 2018, Thm 6.3: ∏_l Σ_{i=0}^{n₀} C(n_l, i), valid when every n_l ≥ n₀.
 * (Their L counts the output layer; the product runs over the hidden layers.)
 */
export function zhangBound(inputDim: number, widths: readonly number[]): bigint | null {
  if (widths.some((w) => w < inputDim)) return null;
  return widths.reduce((p, w) => p * binomialSum(w, inputDim), 1n);
}

/** Montúfar 2017: ∏_l Σ_{j=0}^{d_l} C(n_l, j) with d_l = min(n₀, n₁, …, n_l). Always valid. */
export function montufarBound(inputDim: number, widths: readonly number[]): bigint {
  let d = inputDim;
  let p = 1n;
  for (const w of widths) {
    d = Math.min(d, w);
    p *= binomialSum(w, d);
  }
  return p;
}

/**
 * Serra, Tjandraatmadja & Ramalingam 2018, Thm 1: Σ over (j₁…j_L) ∈ J of ∏_l C(n_l, j_l), with
 * 0 ≤ j_l ≤ min(n₀, n₁ − j₁, …, n_{l−1} − j_{l−1}, n_l). Always valid; tight for one layer.
 * Computed by dynamic programming over the running minimum (the "bottleneck"), not by enumeration.
 */
export function serraBound(inputDim: number, widths: readonly number[]): bigint {
  // ways[m] = Σ of products over prefixes whose running cap min(n₀, n_k − j_k …) equals m.
  let ways = new Map<number, bigint>([[inputDim, 1n]]);
  for (const w of widths) {
    const next = new Map<number, bigint>();
    for (const [cap, count] of ways) {
      const top = Math.min(cap, w);
      for (let j = 0; j <= top; j++) {
        const c = Math.min(cap, w - j);
        next.set(c, (next.get(c) ?? 0n) + count * binomial(w, j));
      }
    }
    ways = next;
  }
  let s = 0n;
  for (const v of ways.values()) s += v;
  return s;
}

/** Montúfar, Pascanu, Cho & Bengio 2014 lower bound (all n_l ≥ n₀): (∏_{l<L} ⌊n_l/n₀⌋^{n₀})·Σ_{j≤n₀} C(n_L, j). */
export function montufarLowerBound(inputDim: number, widths: readonly number[]): bigint | null {
  if (widths.length === 0 || widths.some((w) => w < inputDim)) return null;
  let p = 1n;
  for (let l = 0; l < widths.length - 1; l++) p *= BigInt(Math.floor(widths[l] / inputDim)) ** BigInt(inputDim);
  return p * binomialSum(widths[widths.length - 1], inputDim);
}

/** Serra et al. 2018 Thm 6 lower bound (all n_l ≥ 3n₀): (∏_{l<L} (⌊n_l/n₀⌋ + 1)^{n₀})·Σ_{j≤n₀} C(n_L, j). */
export function serraLowerBound(inputDim: number, widths: readonly number[]): bigint | null {
  if (widths.length === 0 || widths.some((w) => w < 3 * inputDim)) return null;
  let p = 1n;
  for (let l = 0; l < widths.length - 1; l++) p *= BigInt(Math.floor(widths[l] / inputDim) + 1) ** BigInt(inputDim);
  return p * binomialSum(widths[widths.length - 1], inputDim);
}

/** One hidden layer of N = Σ n_l neurons (the shallow net of equal size): Σ_{j≤n₀} C(N, j). */
export function shallowMaximum(inputDim: number, widths: readonly number[]): bigint {
  return binomialSum(
    widths.reduce((a, b) => a + b, 0),
    inputDim,
  );
}

/** Vertices of a zonotope with m generators in general position in ℝ^d (Gritzmann–Sturmfels 1993). */
export function zonotopeVertexBound(generators: number, d: number): bigint {
  if (generators === 0) return 1n;
  return 2n * binomialSum(generators - 1, d - 1);
}

export interface RegionBounds {
  readonly inputDim: number;
  readonly hiddenWidths: readonly number[];
  readonly zhang: bigint | null;
  readonly serra: bigint;
  readonly montufar: bigint;
  readonly montufarLower: bigint | null;
  readonly serraLower: bigint | null;
  readonly shallow: bigint;
  readonly trivial: bigint;
}

export function regionBounds(inputDim: number, hiddenWidths: readonly number[]): RegionBounds {
  return {
    inputDim,
    hiddenWidths,
    zhang: zhangBound(inputDim, hiddenWidths),
    serra: serraBound(inputDim, hiddenWidths),
    montufar: montufarBound(inputDim, hiddenWidths),
    montufarLower: montufarLowerBound(inputDim, hiddenWidths),
    serraLower: serraLowerBound(inputDim, hiddenWidths),
    shallow: shallowMaximum(inputDim, hiddenWidths),
    trivial: trivialBound(hiddenWidths),
  };
}

/** A bigint as a JSON number when it is a safe integer, else as a decimal string. */
export function bigToJSON(v: bigint | null): number | string | null {
  if (v === null) return null;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}
