/** Parsers for option values shared by commands. Each throws a TesseraError naming the option. */
import { TesseraError } from '../numeric/errors.js';

/** "1.5,-2,3" → [1.5, -2, 3]. */
export function parseNumberList(text: string, option: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v))) {
    throw new TesseraError('input', `${option}: expected comma-separated finite numbers, got "${text}"`);
  }
  return values;
}

/** "LO,HI" → {lo, hi} with lo < hi. */
export function parseInterval(text: string, option: string): { lo: number; hi: number } {
  const v = parseNumberList(text, option);
  if (v.length !== 2 || !(v[0] < v[1])) throw new TesseraError('input', `${option}: expected LO,HI with LO < HI, got "${text}"`);
  return { lo: v[0], hi: v[1] };
}

export function parsePositiveInt(text: string, option: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v <= 0) throw new TesseraError('input', `${option}: expected a positive integer, got "${text}"`);
  return v;
}

/** A whole number ≥ 0 (an empty value is not 0). */
export function parseNonNegativeInt(text: string, option: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < 0) throw new TesseraError('input', `${option}: expected a non-negative integer, got "${text}"`);
  return v;
}

export function parseNumber(text: string, option: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new TesseraError('input', `${option}: expected a finite number, got "${text}"`);
  return v;
}
