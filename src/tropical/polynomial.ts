/**
 * Tropical (max-plus) polynomials as flat arrays: f(x) = max_i (c_i + ⟨α_i, x⟩), the exponents α_i
 * stored count × dim row-major and the coefficients c_i alongside (Zhang, Naitzat & Lim 2018, §2).
 * Values are `T` of an `Arithmetic<T>`: doubles, or exact BigInt rationals. Exponents may be any
 * reals/rationals (tropical signomials, Zhang Prop 5.6); with integer weights they are integers.
 */
import type { Arithmetic, Vec } from '../numeric/arithmetic.js';

export interface TropicalPolynomial<T> {
  /** Number of variables n. */
  readonly dim: number;
  /** Number of monomials (≥ 1: the tropical zero −∞ is never stored). */
  readonly count: number;
  /** count × dim, row-major: exponent vector of monomial i at [i·dim, (i+1)·dim). */
  readonly exponents: Vec<T>;
  /** count coefficients. */
  readonly coefficients: Vec<T>;
}

/** The constant c (one monomial with exponent 0). c = 0 is the tropical one. */
export function constantPolynomial<T>(ar: Arithmetic<T>, dim: number, c: T = ar.zero): TropicalPolynomial<T> {
  const coefficients = ar.array(1);
  coefficients[0] = c;
  return { dim, count: 1, exponents: ar.array(dim), coefficients };
}

/** The variable x_k: the monomial with exponent e_k and coefficient 0. */
export function variablePolynomial<T>(ar: Arithmetic<T>, dim: number, k: number): TropicalPolynomial<T> {
  const p = constantPolynomial(ar, dim);
  (p.exponents as T[])[k] = ar.one;
  return p;
}

/** f(x) = max_i (c_i + α_i · x). */
export function evaluatePolynomial<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>, x: Vec<T>): T {
  let best = monomialValue(ar, p, 0, x);
  for (let i = 1; i < p.count; i++) {
    const v = monomialValue(ar, p, i, x);
    if (ar.compare(v, best) > 0) best = v;
  }
  return best;
}

/** c_i + α_i · x. */
export function monomialValue<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>, i: number, x: Vec<T>): T {
  let v = p.coefficients[i];
  const o = i * p.dim;
  for (let k = 0; k < p.dim; k++) v = ar.add(v, ar.mul(p.exponents[o + k], x[k]));
  return v;
}

/** The exponent vector of monomial i (a copy). */
export function exponentOf<T>(p: TropicalPolynomial<T>, i: number): T[] {
  const out: T[] = [];
  for (let k = 0; k < p.dim; k++) out.push(p.exponents[i * p.dim + k]);
  return out;
}

/** Monomials as printable records: exponents and coefficient formatted by the arithmetic. */
export function monomialsToJSON<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>): { exponent: (number | string)[]; coefficient: number | string }[] {
  const value = (v: T) => scalarToJSON(ar, v);
  const out = [];
  for (let i = 0; i < p.count; i++) out.push({ exponent: exponentOf(p, i).map(value), coefficient: value(p.coefficients[i]) });
  return out;
}

/**
 * A value for JSON: doubles as numbers; exact values as numbers when they are safe integers, else as
 * "p/q" strings (no precision lost).
 */
export function scalarToJSON<T>(ar: Arithmetic<T>, v: T): number | string {
  if (!ar.exact) return ar.toNumber(v);
  const s = ar.format(v);
  return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s;
}

/** Human form: "max(2 + 3x₁, x₂ − 1)". */
export function formatPolynomial<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>, names?: readonly string[]): string {
  const vars = names ?? Array.from({ length: p.dim }, (_, k) => (p.dim <= 3 ? 'xyz'[k] : `x${k + 1}`));
  const terms: string[] = [];
  for (let i = 0; i < p.count; i++) {
    const parts: string[] = [];
    for (let k = 0; k < p.dim; k++) {
      const e = p.exponents[i * p.dim + k];
      if (ar.sign(e, 0) === 0) continue;
      const s = ar.format(e);
      parts.push(s === '1' ? vars[k] : s === '-1' ? `-${vars[k]}` : `${s}${vars[k]}`);
    }
    const c = p.coefficients[i];
    if (ar.sign(c, 0) !== 0 || parts.length === 0) parts.push(ar.format(c));
    terms.push(parts.join(' + ').replace(/\+ -/g, '- '));
  }
  return terms.length === 1 ? terms[0] : `max(${terms.join(', ')})`;
}
