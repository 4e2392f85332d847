import { describe, it, expect } from 'vitest';
import {
  binomial,
  montufarBound,
  montufarLowerBound,
  serraBound,
  serraLowerBound,
  shallowMaximum,
  zhangBound,
  zonotopeVertexBound,
  bigToJSON,
} from '../../src/tropical/bounds.js';

// Notes §5.2: n₀, widths, shallow, Montúfar'14 lower, Serra lower, Montúfar'17, Serra Thm 1, Zhang.
const table: [number, number[], number | null, number | null, number | null, number, number, number | null][] = [
  [1, [3, 3, 3], 10, 36, 64, 64, 64, 64],
  [2, [4], 11, 11, null, 11, 11, 11],
  [2, [3, 3], null, null, null, 49, 40, 49],
  [2, [4, 4], 37, 44, null, 121, 121, 121],
  [2, [6, 6], 79, 198, 352, 484, 484, 484],
  [2, [3, 3, 3], null, null, null, 343, 208, 343],
  [2, [2, 2, 2], 22, 4, null, 64, 30, 64],
  [2, [8, 8, 8], 301, 9472, 23125, 50653, 50653, 50653],
  [3, [9, 9], 988, 3510, 8320, 16900, 16900, 16900],
  [4, [3, 3], 57, null, null, 64, 42, null],
];

describe('region bounds (notes §5.2)', () => {
  for (const [n0, w, shallow, mLow, sLow, mont, serra, zhang] of table) {
    it(`n₀=${n0}, widths ${w.join(',')}`, () => {
      expect(Number(serraBound(n0, w))).toBe(serra);
      expect(Number(montufarBound(n0, w))).toBe(mont);
      expect(bigToJSON(zhangBound(n0, w))).toBe(zhang);
      if (shallow !== null) expect(Number(shallowMaximum(n0, w))).toBe(shallow);
      if (mLow !== null) expect(bigToJSON(montufarLowerBound(n0, w))).toBe(mLow);
      if (sLow !== null) expect(bigToJSON(serraLowerBound(n0, w))).toBe(sLow);
    });
  }
  it('refuses formulas whose width precondition fails', () => {
    expect(zhangBound(3, [2, 5])).toBeNull();
    expect(serraLowerBound(2, [5, 5])).toBeNull();
  });
  it('Serra Fig. 5(b) curve, n₀ = 784, n₁ + n₂ = 22', () => {
    const pairs: [number, number, number, number][] = [
      [1, 21, 23, 44],
      [2, 20, 254, 844],
      [5, 17, 35443, 300864],
      [10, 12, 1744436, 4180992],
      [11, 11, 2449868, 4194304],
      [16, 6, 4158861, 4194304],
      [21, 1, 4194303, 4194304],
    ];
    for (const [a, b, s, m] of pairs) {
      expect(Number(serraBound(784, [a, b]))).toBe(s);
      expect(Number(montufarBound(784, [a, b]))).toBe(m);
    }
  });
  it('n₀ = 1: Serra equals ∏(n_l + 1)', () => {
    expect(serraBound(1, [3, 5, 2])).toBe(4n * 6n * 3n);
  });
  it('binomials and zonotope vertex counts', () => {
    expect(binomial(52, 5)).toBe(2598960n);
    expect(binomial(3, 5)).toBe(0n);
    expect(zonotopeVertexBound(4, 2)).toBe(8n);
    expect(zonotopeVertexBound(4, 3)).toBe(14n);
    expect(bigToJSON(2n ** 80n)).toBe('1208925819614629174706176');
  });
});
