/**
 * Exact rational numbers on BigInt: num/den in lowest terms with den > 0. Plain immutable values and
 * functions (no class), so they serialise and compare simply. Used wherever a result must be exact:
 * the tropical layer's exact mode, exact LPs, exact evaluation of integer networks.
 *
 * Converting floats: `ratFromNumber` gives the exact binary value of a double (0.1 becomes
 * 3602879701896397/2⁵⁵); `ratFromDecimal` reads the shortest decimal that round-trips to the double
 * (0.1 becomes 1/10), which is what a user who typed 0.1 meant.
 */
import { TesseraError } from './errors.js';

export interface Rational {
  readonly num: bigint;
  /** Always > 0; gcd(|num|, den) = 1. */
  readonly den: bigint;
}

export const RAT_ZERO: Rational = Object.freeze({ num: 0n, den: 1n });
export const RAT_ONE: Rational = Object.freeze({ num: 1n, den: 1n });

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num/den reduced to lowest terms. */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = typeof num === 'bigint' ? num : BigInt(num);
  let d = typeof den === 'bigint' ? den : BigInt(den);
  if (d === 0n) throw new RangeError('rational: zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { num: n, den: 1n };
  const g = gcd(n, d);
  return g === 1n ? { num: n, den: d } : { num: n / g, den: d / g };
}

/** The exact value of a finite double (every double is a dyadic rational). */
export function ratFromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new TesseraError('input', `cannot convert ${x} to an exact rational`);
  if (Number.isInteger(x)) return { num: BigInt(x), den: 1n };
  // Scale by 2 until integral: at most 1074 steps for subnormals, each exact in binary floating point.
  let den = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2n;
  }
  return rational(BigInt(v), den);
}

/** Parse a decimal string ("-12", "0.125", "1e-3", "3/4") exactly. */
export function ratFromDecimal(text: string): Rational {
  const s = text.trim();
  const frac = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(s);
  if (frac) {
    if (BigInt(frac[2]) === 0n) throw new TesseraError('input', `"${text}" has a zero denominator`);
    return rational(BigInt(frac[1]), BigInt(frac[2]));
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new TesseraError('input', `"${text}" is not a decimal number`);
  const digits = (m[2] || '0') + (m[3] ?? '');
  let exp = (m[4] ? Number(m[4]) : 0) - (m[3] ?? '').length;
  let num = BigInt(digits);
  if (m[1] === '-') num = -num;
  if (exp >= 0) return { num: num * 10n ** BigInt(exp), den: 1n };
  exp = -exp;
  return rational(num, 10n ** BigInt(exp));
}

/** The shortest decimal that round-trips to x, as an exact rational (0.1 → 1/10). */
export function ratFromShortestDecimal(x: number): Rational {
  if (!Number.isFinite(x)) throw new TesseraError('input', `cannot convert ${x} to an exact rational`);
  return Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER ? { num: BigInt(x), den: 1n } : ratFromDecimal(String(x));
}

export function ratAdd(a: Rational, b: Rational): Rational {
  if (a.den === 1n && b.den === 1n) return { num: a.num + b.num, den: 1n };
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function ratSub(a: Rational, b: Rational): Rational {
  if (a.den === 1n && b.den === 1n) return { num: a.num - b.num, den: 1n };
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function ratMul(a: Rational, b: Rational): Rational {
  if (a.den === 1n && b.den === 1n) return { num: a.num * b.num, den: 1n };
  return rational(a.num * b.num, a.den * b.den);
}

export function ratDiv(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('rational: division by zero');
  return rational(a.num * b.den, a.den * b.num);
}

export function ratNeg(a: Rational): Rational {
  return { num: -a.num, den: a.den };
}

export function ratAbs(a: Rational): Rational {
  return a.num < 0n ? { num: -a.num, den: a.den } : a;
}

export function ratSign(a: Rational): -1 | 0 | 1 {
  return a.num > 0n ? 1 : a.num < 0n ? -1 : 0;
}

/** −1, 0, +1 as a <, =, > b. */
export function ratCmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

export function ratEquals(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}

export function ratMax(a: Rational, b: Rational): Rational {
  return ratCmp(a, b) >= 0 ? a : b;
}

export function ratMin(a: Rational, b: Rational): Rational {
  return ratCmp(a, b) <= 0 ? a : b;
}

export function ratIsInteger(a: Rational): boolean {
  return a.den === 1n;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : (v < 0n ? -v : v).toString(2).length;
}

/** Nearest double (correct to within an ulp or two even when num and den overflow a double). */
export function ratToNumber(a: Rational): number {
  const nb = bitLength(a.num);
  const db = bitLength(a.den);
  if (nb <= 1000 && db <= 1000) return Number(a.num) / Number(a.den);
  // Shift both down so they fit, keeping ~60 significant bits of each.
  const shiftN = Math.max(0, nb - 60);
  const shiftD = Math.max(0, db - 60);
  const n = Number(a.num >> BigInt(shiftN));
  const d = Number(a.den >> BigInt(shiftD));
  return (n / d) * 2 ** (shiftN - shiftD);
}

/** "3", "-7/2". */
export function ratToString(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}
