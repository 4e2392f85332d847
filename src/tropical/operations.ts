/**
 * Tropical arithmetic on polynomials (Zhang et al. 2018, Prop 3.1): the product f ⊙ g adds exponents
 * and coefficients over all pairs (its Newton polytope is the Minkowski sum), the sum f ⊕ g is the
 * union (the hull of both), and the power f^⊙a for a ≥ 0 is functional scaling a·f — exact, and it
 * avoids the C(|f|+a−1, a)-term expansion whose extra terms are all redundant (notes §2.2).
 * None of these prune; see prune.ts.
 */
import type { Arithmetic } from '../numeric/arithmetic.js';
import { TesseraError } from '../numeric/errors.js';
import type { TropicalPolynomial } from './polynomial.js';

/** f ⊙ g (duplicates merged). Refuses with a 'budget' error when |f|·|g| exceeds `maxMonomials`. */
export function tropicalProduct<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>, g: TropicalPolynomial<T>, maxMonomials = Infinity): TropicalPolynomial<T> {
  const n = f.dim;
  const count = f.count * g.count;
  if (count > maxMonomials) {
    throw new TesseraError('budget', `a tropical product would have ${f.count}×${g.count} = ${count} monomials before pruning (limit ${maxMonomials}; raise it with --max-monomials)`);
  }
  const exponents = ar.array(count * n);
  const coefficients = ar.array(count);
  let k = 0;
  for (let i = 0; i < f.count; i++) {
    for (let j = 0; j < g.count; j++, k++) {
      for (let d = 0; d < n; d++) exponents[k * n + d] = ar.add(f.exponents[i * n + d], g.exponents[j * n + d]);
      coefficients[k] = ar.add(f.coefficients[i], g.coefficients[j]);
    }
  }
  return mergeDuplicateExponents(ar, { dim: n, count, exponents, coefficients });
}

/** f ⊕ g: all monomials of both (duplicates merged by the larger coefficient). */
export function tropicalSum<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>, g: TropicalPolynomial<T>): TropicalPolynomial<T> {
  const n = f.dim;
  const count = f.count + g.count;
  const exponents = ar.array(count * n);
  const coefficients = ar.array(count);
  for (let k = 0; k < f.count * n; k++) exponents[k] = f.exponents[k];
  for (let k = 0; k < g.count * n; k++) exponents[f.count * n + k] = g.exponents[k];
  for (let i = 0; i < f.count; i++) coefficients[i] = f.coefficients[i];
  for (let i = 0; i < g.count; i++) coefficients[f.count + i] = g.coefficients[i];
  return mergeDuplicateExponents(ar, { dim: n, count, exponents, coefficients });
}

/** f^⊙a = a·f for a ≥ 0 (functional power: exponents and coefficients scaled). a = 0 gives the constant 0. */
export function tropicalPower<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>, a: T): TropicalPolynomial<T> {
  const s = ar.sign(a, 0);
  if (s < 0) throw new RangeError('tropical power: the exponent must be ≥ 0');
  const n = f.dim;
  if (s === 0) {
    const coefficients = ar.array(1);
    coefficients[0] = ar.zero;
    return { dim: n, count: 1, exponents: ar.array(n), coefficients };
  }
  const exponents = ar.array(f.count * n);
  const coefficients = ar.array(f.count);
  for (let k = 0; k < f.count * n; k++) exponents[k] = ar.mul(a, f.exponents[k]);
  for (let i = 0; i < f.count; i++) coefficients[i] = ar.mul(a, f.coefficients[i]);
  return { dim: n, count: f.count, exponents, coefficients };
}

/** c ⊙ f: every coefficient plus c. */
export function tropicalShift<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>, c: T): TropicalPolynomial<T> {
  const coefficients = ar.array(f.count);
  for (let i = 0; i < f.count; i++) coefficients[i] = ar.add(f.coefficients[i], c);
  return { dim: f.dim, count: f.count, exponents: f.exponents, coefficients };
}

/**
 * One monomial per exponent vector, keeping the largest coefficient (the others never attain the max).
 * Exact values are compared exactly; doubles up to the tolerance (a grid cell of 64 × relative × the
 * largest exponent, so products of weights that differ only by rounding merge).
 */
export function mergeDuplicateExponents<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>): TropicalPolynomial<T> {
  const n = f.dim;
  const index = new Map<string, number>();
  const keep: number[] = [];
  const best: T[] = [];
  // Floats: exponents equal up to rounding share a cell of a grid 64 × tolerance × the largest exponent.
  let quantum = 0;
  if (!ar.exact) {
    let scale = 0;
    for (let k = 0; k < f.count * n; k++) scale = Math.max(scale, ar.magnitude(f.exponents[k]));
    quantum = 64 * ar.relative * scale;
  }
  for (let i = 0; i < f.count; i++) {
    let key = '';
    for (let d = 0; d < n; d++) key += (quantum > 0 ? String(Math.round(ar.toNumber(f.exponents[i * n + d]) / quantum)) : ar.key(f.exponents[i * n + d])) + ',';
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, keep.length);
      keep.push(i);
      best.push(f.coefficients[i]);
    } else if (ar.compare(f.coefficients[i], best[at]) > 0) best[at] = f.coefficients[i];
  }
  if (keep.length === f.count) {
    let changed = false;
    for (let i = 0; i < f.count && !changed; i++) changed = best[i] !== f.coefficients[i];
    if (!changed) return f;
  }
  const exponents = ar.array(keep.length * n);
  const coefficients = ar.array(keep.length);
  keep.forEach((i, k) => {
    for (let d = 0; d < n; d++) exponents[k * n + d] = f.exponents[i * n + d];
    coefficients[k] = best[k];
  });
  return { dim: n, count: keep.length, exponents, coefficients };
}

/** The monomials with the given indices, in that order. */
export function selectMonomials<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>, indices: ArrayLike<number>): TropicalPolynomial<T> {
  const n = f.dim;
  const exponents = ar.array(indices.length * n);
  const coefficients = ar.array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    for (let d = 0; d < n; d++) exponents[k * n + d] = f.exponents[i * n + d];
    coefficients[k] = f.coefficients[i];
  }
  return { dim: n, count: indices.length, exponents, coefficients };
}
