/**
 * A ReLU network as a tropical rational map F = f ⊘ g, output by output (Zhang, Naitzat & Lim 2018,
 * Prop 5.1 / Thm 5.2; notes §2.2). Split each weight matrix A = A₊ − A₋ and carry, per neuron, the
 * pair (F_i, G_i) with ν_i = F_i − G_i:
 *
 *   H_i = b_i ⊙ ⊙_j F_j^{a⁺_ij} ⊙ ⊙_j G_j^{a⁻_ij}      G'_i = ⊙_j F_j^{a⁻_ij} ⊙ ⊙_j G_j^{a⁺_ij}
 *   F'_i = H_i ⊕ G'_i  (hidden: max(H − G', 0) = max(H, G') − G')      F'_i = H_i  (output)
 *
 * starting from F_j = x_j, G_j = 0. Powers are functional (a·f), so real or rational weights give
 * real/rational exponents (Prop 5.6). Every polynomial is pruned to its upper-hull vertices after each
 * product and at the end of each layer, which keeps the sizes near the true region counts.
 */
import { exactArithmetic, floatArithmetic, type Arithmetic } from '../numeric/arithmetic.js';
import { TesseraError } from '../numeric/errors.js';
import type { Rational } from '../numeric/rational.js';
import type { Tolerance } from '../numeric/tolerance.js';
import type { Network } from '../net/network.js';
import { tropicalPower, tropicalProduct, tropicalShift, tropicalSum } from './operations.js';
import { constantPolynomial, variablePolynomial, type TropicalPolynomial } from './polynomial.js';
import { pruneRedundant, prunedProduct } from './prune.js';
import { binomialSum } from './bounds.js';

export type TropicalMode = 'auto' | 'exact' | 'float';

export interface TropicalOptions {
  /**
   * 'exact': BigInt rationals (each weight read as the shortest decimal that round-trips: 0.1 = 1/10).
   * 'float': doubles under the tolerance policy. 'auto' (default): exact when every weight and bias
   * is an integer, float otherwise.
   */
  readonly mode?: TropicalMode;
  readonly tolerance?: Tolerance;
  /** Refuse a pairwise product with more than this many candidate monomials |f|·|g| (default 200 000). */
  readonly maxMonomials?: number;
  /**
   * Also form each product's full expansion (duplicates merged) when it has at most this many
   * monomials, to report the unpruned sizes; larger ones are reported as null. Default 5 000.
   */
  readonly expandLimit?: number;
}

/** Sizes of one layer's polynomials (sums over the layer's neurons). */
export interface LayerStats {
  readonly layer: number;
  /** Σ|F_i|, Σ|G_i| before the final prune (null where the layer was pruned product by product). */
  readonly numeratorBeforePruning: number | null;
  readonly denominatorBeforePruning: number | null;
  readonly numeratorMonomials: number;
  readonly denominatorMonomials: number;
}

export interface TropicalRationalMap<T> {
  readonly arithmetic: Arithmetic<T>;
  readonly inputDim: number;
  readonly outputDim: number;
  /** f_o for each output o (pruned). */
  readonly numerators: readonly TropicalPolynomial<T>[];
  /** g_o for each output o (pruned): output o is f_o − g_o. */
  readonly denominators: readonly TropicalPolynomial<T>[];
  readonly layers: readonly LayerStats[];
}

/** True when every weight and bias is an integer (then the exact mode stays in integers). */
export function hasIntegerWeights(net: Network): boolean {
  return net.layers.every((l) => l.weight.every(Number.isInteger) && l.bias.every(Number.isInteger));
}

/** Pick the arithmetic for a mode: exact rationals or tolerant doubles. */
export function arithmeticFor(net: Network, options: TropicalOptions = {}): Arithmetic<Rational> | Arithmetic<number> {
  const mode = options.mode ?? 'auto';
  if (mode === 'exact' || (mode === 'auto' && hasIntegerWeights(net))) return exactArithmetic;
  return floatArithmetic(options.tolerance);
}

/** The network as a tropical rational map, in the arithmetic chosen by `options.mode`. */
export function tropicalize(net: Network, options: TropicalOptions = {}): TropicalRationalMap<Rational> | TropicalRationalMap<number> {
  const ar = arithmeticFor(net, options);
  return tropicalizeWith(ar as Arithmetic<unknown>, net, options) as TropicalRationalMap<Rational> | TropicalRationalMap<number>;
}

export function tropicalizeWith<T>(ar: Arithmetic<T>, net: Network, options: TropicalOptions = {}): TropicalRationalMap<T> {
  const maxMonomials = options.maxMonomials ?? 200_000;
  const expandLimit = options.expandLimit ?? 5_000;
  const n = net.inputDim;
  refuseIfTooLarge(net, maxMonomials);
  let F: TropicalPolynomial<T>[] = Array.from({ length: n }, (_, k) => variablePolynomial(ar, n, k));
  let G: TropicalPolynomial<T>[] = Array.from({ length: n }, () => constantPolynomial(ar, n));
  const stats: LayerStats[] = [];
  net.layers.forEach((layer, l) => {
    const hidden = l < net.layers.length - 1;
    const nextF: TropicalPolynomial<T>[] = [];
    const nextG: TropicalPolynomial<T>[] = [];
    let rawF: number | null = 0;
    let rawG: number | null = 0;
    let sizeF = 0;
    let sizeG = 0;
    for (let i = 0; i < layer.outDim; i++) {
      const plus: TropicalPolynomial<T>[] = []; // factors of H (without the bias)
      const minus: TropicalPolynomial<T>[] = []; // factors of G'
      for (let j = 0; j < layer.inDim; j++) {
        const w = layer.weight[i * layer.inDim + j];
        if (w === 0) continue;
        const a = ar.fromNumber(Math.abs(w));
        if (w > 0) {
          plus.push(tropicalPower(ar, F[j], a));
          minus.push(tropicalPower(ar, G[j], a));
        } else {
          plus.push(tropicalPower(ar, G[j], a));
          minus.push(tropicalPower(ar, F[j], a));
        }
      }
      const where = `layer ${l}, neuron ${i}`;
      let h = productOf(ar, n, plus, maxMonomials, expandLimit, where);
      const g = productOf(ar, n, minus, maxMonomials, expandLimit, where);
      const bias = ar.fromNumber(layer.bias[i]);
      h = { poly: tropicalShift(ar, h.poly, bias), full: h.full && tropicalShift(ar, h.full, bias) };
      let f = h;
      if (hidden) f = { poly: tropicalSum(ar, h.poly, g.poly), full: h.full && g.full && tropicalSum(ar, h.full, g.full) };
      if (rawF !== null) rawF = f.full ? rawF + f.full.count : null;
      if (rawG !== null) rawG = g.full ? rawG + g.full.count : null;
      const fp = pruneRedundant(ar, f.poly);
      const gp = pruneRedundant(ar, g.poly);
      sizeF += fp.count;
      sizeG += gp.count;
      nextF.push(fp);
      nextG.push(gp);
    }
    stats.push({ layer: l, numeratorBeforePruning: rawF, denominatorBeforePruning: rawG, numeratorMonomials: sizeF, denominatorMonomials: sizeG });
    F = nextF;
    G = nextG;
  });
  return { arithmetic: ar, inputDim: n, outputDim: net.outputDim, numerators: F, denominators: G, layers: stats };
}

/**
 * An up-front estimate, before any work: the next layer (or the output) multiplies the first layer's w₁
 * hinges max(a⁺x + b, a⁻x), whose product has as many monomials as the arrangement of w₁ hyperplanes in
 * ℝⁿ has regions — Σ_{j≤n} C(w₁, j) in general position (Zaslavsky), 2^w₁ once n ≥ w₁.
 */
function refuseIfTooLarge(net: Network, maxMonomials: number): void {
  if (net.layers.length < 2) return;
  const w1 = net.layers[0].outDim;
  const estimate = binomialSum(w1, Math.min(net.inputDim, w1));
  if (estimate > BigInt(Math.floor(Math.min(maxMonomials, Number.MAX_SAFE_INTEGER)))) {
    throw new TesseraError(
      'budget',
      `the first hidden layer alone (${w1} neurons on ${net.inputDim} inputs) gives polynomials of up to ${estimate} monomials (Σ_{j≤n} C(w₁, j)), over the limit of ${maxMonomials}; raise it with --max-monomials`,
    );
  }
}

/**
 * ⊙ of the pruned factors, pruned: factor by factor with `prunedProduct` (the vertices of a Minkowski
 * sum are sums of vertices, so pruning as we go loses nothing). When the full expansion is small
 * (≤ expandLimit monomials) it is also formed, only to report the unpruned size.
 */
function productOf<T>(
  ar: Arithmetic<T>,
  n: number,
  factors: TropicalPolynomial<T>[],
  maxMonomials: number,
  expandLimit: number,
  where: string,
): { poly: TropicalPolynomial<T>; full: TropicalPolynomial<T> | null } {
  if (factors.length === 0) return { poly: constantPolynomial(ar, n), full: constantPolynomial(ar, n) };
  let estimate = 1;
  for (const f of factors) estimate *= f.count;
  const order = [...factors].sort((a, b) => a.count - b.count);
  let acc = order[0];
  let full: TropicalPolynomial<T> | null = null;
  try {
    if (estimate <= expandLimit) {
      full = order[0];
      for (let k = 1; k < order.length; k++) full = tropicalProduct(ar, full, order[k]);
    }
    for (let k = 1; k < order.length; k++) acc = prunedProduct(ar, acc, order[k], maxMonomials);
  } catch (err) {
    if (err instanceof TesseraError) err.message = `${where}: ${err.message}`;
    throw err;
  }
  return { poly: acc, full };
}

/** F(x) − G(x) for every output, in the map's arithmetic. */
export function evaluateTropicalMap<T>(map: TropicalRationalMap<T>, x: ArrayLike<T>): T[] {
  const ar = map.arithmetic;
  const out: T[] = [];
  for (let o = 0; o < map.outputDim; o++) {
    out.push(ar.sub(evalMax(ar, map.numerators[o], x), evalMax(ar, map.denominators[o], x)));
  }
  return out;
}

function evalMax<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>, x: ArrayLike<T>): T {
  let best: T | undefined;
  for (let i = 0; i < p.count; i++) {
    let v = p.coefficients[i];
    for (let k = 0; k < p.dim; k++) v = ar.add(v, ar.mul(p.exponents[i * p.dim + k], x[k]));
    if (best === undefined || ar.compare(v, best) > 0) best = v;
  }
  return best as T;
}
