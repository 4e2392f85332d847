import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  rational,
  ratAdd,
  ratCmp,
  ratDiv,
  ratFromDecimal,
  ratFromNumber,
  ratFromShortestDecimal,
  ratMul,
  ratSub,
  ratToNumber,
  ratToString,
} from '../../src/numeric/rational.js';
import { exactArithmetic, floatArithmetic } from '../../src/numeric/arithmetic.js';
import { maximizeOverPolyhedron, solveStandardLP } from '../../src/numeric/simplex.js';

describe('rational', () => {
  it('normalises and prints', () => {
    expect(ratToString(rational(6, -4))).toBe('-3/2');
    expect(ratToString(rational(0, 5))).toBe('0');
    expect(ratToString(ratAdd(rational(1, 3), rational(1, 6)))).toBe('1/2');
    expect(ratToString(ratMul(rational(2, 3), rational(9, 4)))).toBe('3/2');
    expect(ratToString(ratDiv(rational(1, 3), rational(-2, 5)))).toBe('-5/6');
    expect(ratToString(ratSub(rational(1), rational(1, 7)))).toBe('6/7');
  });
  it('reads decimals exactly and doubles exactly', () => {
    expect(ratToString(ratFromDecimal('0.1'))).toBe('1/10');
    expect(ratToString(ratFromDecimal('-1.25e2'))).toBe('-125');
    expect(ratToString(ratFromDecimal('3/12'))).toBe('1/4');
    expect(ratToString(ratFromShortestDecimal(0.1))).toBe('1/10');
    expect(ratToString(ratFromNumber(0.1))).toBe('3602879701896397/36028797018963968');
    expect(ratToString(ratFromNumber(-0.375))).toBe('-3/8');
    expect(() => ratFromDecimal('1.2.3')).toThrow(/not a decimal/);
  });
  it('field laws and order agree with doubles on random dyadic values', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 8 }), (a, b, k) => {
        const x = ratFromNumber(a / 2 ** k);
        const y = ratFromNumber(b / 8);
        expect(ratToNumber(ratAdd(x, y)) === a / 2 ** k + b / 8).toBe(true);
        expect(ratToNumber(ratMul(x, y)) === (a / 2 ** k) * (b / 8)).toBe(true);
        expect(ratCmp(x, y)).toBe(Math.sign(a / 2 ** k - b / 8) || 0);
      }),
    );
  });
  it('converts huge values to doubles without overflow', () => {
    const big = rational(3n * 10n ** 400n, 10n ** 400n);
    expect(ratToNumber(big)).toBeCloseTo(3, 12);
  });
});

describe('simplex', () => {
  // min −x − y, x + 2y + s1 = 4, 3x + y + s2 = 6 → optimum at (8/5, 6/5), value −14/5.
  const A = [1, 2, 1, 0, 3, 1, 0, 1];
  const b = [4, 6];
  const c = [-1, -1, 0, 0];
  it('solves exactly', () => {
    const ar = exactArithmetic;
    const r = solveStandardLP(ar, { rows: 2, cols: 4, A: A.map(ar.fromNumber), b: b.map(ar.fromNumber), c: c.map(ar.fromNumber) });
    expect(r.status).toBe('optimal');
    expect(ratToString(r.value)).toBe('-14/5');
    expect(ratToString(r.x[0])).toBe('8/5');
    expect(ratToString(r.x[1])).toBe('6/5');
    // Dual feasibility and strong duality: b·y = value.
    expect(ratToString(ratAdd(ratMul(r.duals[0], rational(4)), ratMul(r.duals[1], rational(6))))).toBe('-14/5');
  });
  it('solves in floating point', () => {
    const r = solveStandardLP(floatArithmetic(), { rows: 2, cols: 4, A, b, c });
    expect(r.status).toBe('optimal');
    expect(r.value).toBeCloseTo(-2.8, 12);
  });
  it('detects infeasible and unbounded', () => {
    const ar = floatArithmetic();
    expect(solveStandardLP(ar, { rows: 1, cols: 2, A: [1, 1], b: [-1], c: [0, 0] }).status).toBe('infeasible');
    expect(solveStandardLP(ar, { rows: 1, cols: 2, A: [1, -1], b: [0], c: [-1, 0] }).status).toBe('unbounded');
  });
  it('maximises over a polyhedron and returns the optimal point (exact)', () => {
    // max x + y s.t. x ≤ 1/2, y ≤ 1/3, −x − y ≤ 0.
    const ar = exactArithmetic;
    const r = maximizeOverPolyhedron(ar, {
      rows: 3,
      cols: 2,
      A: [1, 0, 0, 1, -1, -1].map(ar.fromNumber),
      b: [rational(1, 2), rational(1, 3), rational(0)],
      c: [ar.one, ar.one],
    });
    expect(r.status).toBe('optimal');
    expect(ratToString(r.value)).toBe('5/6');
    expect(ratToString(r.point[0])).toBe('1/2');
    expect(ratToString(r.point[1])).toBe('1/3');
    const inf = maximizeOverPolyhedron(ar, { rows: 2, cols: 1, A: [ar.one, ar.neg(ar.one)], b: [ar.zero, ar.neg(ar.one)], c: [ar.one] });
    expect(inf.status).toBe('infeasible');
  });
  it('agrees between exact and float on random small LPs (vertex-hull style, degenerate)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 12, maxLength: 12 }), (vals) => {
        // max y0 + 2 y1 over a box plus random cuts (always feasible: 0 is inside since b ≥ 0).
        const A = [1, 0, -1, 0, 0, 1, 0, -1, vals[0], vals[1], vals[2], vals[3], vals[4], vals[5]];
        const b = [2, 2, 2, 2, Math.abs(vals[6]), Math.abs(vals[7]), Math.abs(vals[8])];
        const fa = floatArithmetic();
        const rf = maximizeOverPolyhedron(fa, { rows: 7, cols: 2, A, b, c: [1, 2] });
        const ea = exactArithmetic;
        const re = maximizeOverPolyhedron(ea, { rows: 7, cols: 2, A: A.map(ea.fromNumber), b: b.map(ea.fromNumber), c: [ea.one, ea.fromNumber(2)] });
        expect(rf.status).toBe('optimal');
        expect(re.status).toBe('optimal');
        expect(rf.value).toBeCloseTo(ratToNumber(re.value), 9);
      }),
      { numRuns: 200 },
    );
  });
});
