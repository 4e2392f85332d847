import { describe, expect, it } from 'vitest';
import { firstCrossing, polygonArea } from '../../src/complex/regioncut.js';

describe('regioncut helpers', () => {
  // Sign words of three vertices over 20 neurons (2 bits each: 01 +, 10 −, 00 zero), one word each... W = 2.
  const W = 2;
  const words = new Uint32Array(3 * W);
  const set = (v: number, k: number, code: number) => (words[v * W + (k >>> 4)] |= code << ((k & 15) << 1));
  // neuron 3: + at v0, − at v1 (crossing); neuron 5: + at v0, 0 at v1 (not crossing); neuron 18: − at v0, + at v2.
  set(0, 3, 1);
  set(1, 3, 2);
  set(0, 5, 1);
  set(0, 18, 2);
  set(2, 18, 1);
  const poly = Int32Array.of(0, 1, 2);

  it('finds the first neuron with both strict signs, within [lo, hi)', () => {
    expect(firstCrossing(words, W, poly, 0, 3, 0, 20)).toBe(3);
    expect(firstCrossing(words, W, poly, 0, 3, 4, 20)).toBe(18);
    expect(firstCrossing(words, W, poly, 0, 3, 4, 18)).toBe(-1);
    expect(firstCrossing(words, W, poly, 0, 2, 4, 20)).toBe(-1); // v0, v1 only: 18 does not cross
    expect(firstCrossing(words, W, poly, 0, 3, 0, 3)).toBe(-1);
  });

  it('polygon area by the shoelace formula, either orientation', () => {
    const coords = Float64Array.of(0, 0, 2, 0, 2, 1, 0, 1);
    expect(polygonArea(coords, Int32Array.of(0, 1, 2, 3), 0, 4)).toBe(2);
    expect(polygonArea(coords, Int32Array.of(3, 2, 1, 0), 0, 4)).toBe(2);
    expect(polygonArea(coords, Int32Array.of(9, 0, 1, 2), 1, 4)).toBe(1);
  });
});
