/**
 * One interface over two number systems, so an algorithm (a simplex, a hull test, a tropical product)
 * is written once and runs either in floating point under the tolerance policy or exactly on BigInt
 * rationals. Values are opaque `T`; arrays of them are made by `array(n)` (a Float64Array for floats).
 */
import {
  RAT_ONE,
  RAT_ZERO,
  ratAbs,
  ratAdd,
  ratCmp,
  ratDiv,
  ratFromShortestDecimal,
  ratMul,
  ratNeg,
  ratSign,
  ratSub,
  ratToNumber,
  ratToString,
  type Rational,
} from './rational.js';
import { DEFAULT_TOLERANCE, signOf, type Tolerance } from './tolerance.js';

export interface Vec<T> {
  [index: number]: T;
  readonly length: number;
}

export interface Arithmetic<T> {
  /** True when every operation and comparison is exact. */
  readonly exact: boolean;
  /** The tolerance policy's relative threshold (0 when exact). */
  readonly relative: number;
  readonly zero: T;
  readonly one: T;
  fromNumber(x: number): T;
  toNumber(a: T): number;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  /** |a| as a double, for building tolerance scales. */
  magnitude(a: T): number;
  /**
   * Sign of a. Floats: |a| ≤ relative × scale counts as 0 (numeric/tolerance.ts), where `scale` is the
   * size of the terms a was computed from. Exact: the true sign; `scale` is ignored.
   */
  sign(a: T, scale: number): -1 | 0 | 1;
  /** Exact comparison of two values (no tolerance): for sorting and merging. */
  compare(a: T, b: T): number;
  /** A string equal for equal values (exact), for hashing. */
  key(a: T): string;
  /** Short printable form: "3", "-7/2", "0.25". */
  format(a: T): string;
  array(length: number): Vec<T>;
}

/** Doubles under the tolerance policy. */
export function floatArithmetic(tol: Tolerance = DEFAULT_TOLERANCE): Arithmetic<number> {
  return {
    exact: false,
    relative: tol.relative,
    zero: 0,
    one: 1,
    fromNumber: (x) => x,
    toNumber: (a) => a,
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    mul: (a, b) => a * b,
    div: (a, b) => a / b,
    neg: (a) => -a,
    magnitude: (a) => Math.abs(a),
    sign: (a, scale) => signOf(a, scale, tol),
    compare: (a, b) => a - b,
    key: (a) => (a === 0 ? '0' : String(a)),
    format: (a) => (Number.isInteger(a) ? String(a) : String(Number(a.toPrecision(12)))),
    array: (n) => new Float64Array(n),
  };
}

/**
 * BigInt rationals. Doubles coming in (weights) are read as the shortest decimal that round-trips
 * (0.1 → 1/10), which is exact for integers and for the decimals people write in network files.
 */
export const exactArithmetic: Arithmetic<Rational> = Object.freeze({
  exact: true,
  relative: 0,
  zero: RAT_ZERO,
  one: RAT_ONE,
  fromNumber: ratFromShortestDecimal,
  toNumber: ratToNumber,
  add: ratAdd,
  sub: ratSub,
  mul: ratMul,
  div: ratDiv,
  neg: ratNeg,
  magnitude: (a: Rational) => ratToNumber(ratAbs(a)),
  sign: (a: Rational) => ratSign(a),
  compare: ratCmp,
  key: ratToString,
  format: ratToString,
  array: (n: number) => new Array<Rational>(n).fill(RAT_ZERO),
});
