import { describe, it, expect } from 'vitest';
import { morseContext, criticalPoints, flatComponents, vertexStatus, vertexBetti, countsByIndex, flatDimAt } from '../../src/morse/classify.js';
import { gridComplex, fanComplex } from './fixtures.js';

const axis = [-1, 0, 1];
const origin = (c: ReturnType<typeof gridComplex>) => {
  for (let v = 0; v < c.vertexCount; v++) {
    let z = true;
    for (let j = 0; j < c.dim; j++) if (c.vertices[v * c.dim + j] !== 0) z = false;
    if (z) return v;
  }
  throw new Error('no origin');
};

/** Σ over every vertex and flat unit of Σ_k (−1)^k β_k: χ of the domain (notes §1.8). */
function eulerSum(ctx: ReturnType<typeof morseContext>): number {
  const D = ctx.complex.dim + 1;
  let s = 0;
  for (let i = 0; i < ctx.unitBetti.length; i++) s += (i % D) % 2 === 0 ? ctx.unitBetti[i] : -ctx.unitBetti[i];
  return s;
}

describe('vertex classification on hand-built functions', () => {
  const cases: [string, number, (x: number[]) => number, number[]][] = [
    ['bowl |x|+|y|', 2, ([x, y]) => Math.abs(x) + Math.abs(y), [1, 0, 0]],
    ['saddle |x|-|y|', 2, ([x, y]) => Math.abs(x) - Math.abs(y), [0, 1, 0]],
    ['peak -|x|-|y|', 2, ([x, y]) => -Math.abs(x) - Math.abs(y), [0, 0, 1]],
    ['3-D index 1', 3, ([x, y, z]) => Math.abs(x) + Math.abs(y) - Math.abs(z), [0, 1, 0, 0]],
    ['3-D index 2', 3, ([x, y, z]) => Math.abs(x) - Math.abs(y) - Math.abs(z), [0, 0, 1, 0]],
    ['4-D index 2', 4, (x) => Math.abs(x[0]) + Math.abs(x[1]) - Math.abs(x[2]) - Math.abs(x[3]), [0, 0, 1, 0, 0]],
    ['regular (one monotone direction)', 2, ([x, y]) => Math.max(x, 0) + 4 * Math.min(x, 0) + Math.abs(y) * 0 + 2 * x + Math.abs(y), [0, 0, 0]],
  ];
  for (const [name, n, F, betti] of cases) {
    it(name, () => {
      const c = gridComplex(Array.from({ length: n }, () => axis), F);
      const ctx = morseContext(c);
      const o = origin(c);
      expect(vertexBetti(ctx, o)).toEqual(betti);
      expect(eulerSum(ctx)).toBe(1);
      const interior = criticalPoints(ctx).filter((p) => !p.boundary);
      const expected = betti.some((b) => b > 0) ? [betti.indexOf(1)] : [];
      expect(interior.map((p) => p.index)).toEqual(expected);
    });
  }

  it('monkey saddle on a hexagonal fan counts twice in index 1', () => {
    const c = fanComplex([1, -1, 1, -1, 1, -1]);
    const ctx = morseContext(c);
    expect(vertexBetti(ctx, 0)).toEqual([0, 2, 0]);
    const pts = criticalPoints(ctx);
    const interior = pts.filter((p) => !p.boundary);
    expect(interior).toHaveLength(1);
    expect(interior[0].multiplicity).toBe(2);
    expect(countsByIndex(pts, 2, false)).toEqual([0, 2, 0]);
    // Boundary: the three rim minima; χ = 3 − 2 = 1.
    expect(countsByIndex(pts, 2, true)).toEqual([3, 0, 0]);
    expect(eulerSum(ctx)).toBe(1);
  });

  it('an ordinary saddle on a 4-sector fan, and 8 sectors give multiplicity 3', () => {
    expect(vertexBetti(morseContext(fanComplex([1, -1, 1, -1])), 0)).toEqual([0, 1, 0]);
    expect(vertexBetti(morseContext(fanComplex([1, -1, 1, -1, 1, -1, 1, -1])), 0)).toEqual([0, 3, 0]);
    expect(vertexStatus(morseContext(fanComplex([1, 2, -1, -2, -3])), 0)).toBe('regular');
  });

  it('a flat plateau is degenerate, listed with its dimension', () => {
    // F = max(|x|,|y|) clipped to 0 inside [-1,1]²: flat square around the origin, rising outside.
    const F = ([x, y]: number[]) => Math.max(0, Math.abs(x) - 1) + Math.max(0, Math.abs(y) - 1);
    const c = gridComplex([[-2, -1, 0, 1, 2], [-2, -1, 0, 1, 2]], F);
    const ctx = morseContext(c);
    expect(vertexStatus(ctx, origin(c))).toBe('degenerate');
    expect(flatDimAt(ctx, origin(c))).toBe(2);
    // The domain's sides |x| = 2 carry flat boundary edges too (F = 1 + ReLU(|y|−1) along them).
    const flats = flatComponents(ctx).filter((f) => !f.boundary);
    expect(flats).toHaveLength(1);
    expect(flats[0]).toMatchObject({ value: 0, dim: 2, vertexCount: 9, flatCellsByDim: [12, 4], betti: [1, 0, 0], boundary: false });
    expect(criticalPoints(ctx).filter((p) => !p.boundary)).toEqual([]);
    expect(eulerSum(ctx)).toBe(1);
  });
});

describe('property: random fans (any number of sectors, any rim values)', () => {
  it('β at the centre follows the sign-change count, Euler holds, the greedy field is perfect', async () => {
    const fc = await import('fast-check');
    const { discreteGradient, relativePerfectness } = await import('../../src/morse/gradient.js');
    const { checkAcyclic } = await import('../../src/morse/acyclic.js');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }).filter((x) => x !== 0), { minLength: 3, maxLength: 12 }), (rim) => {
        const ctx = morseContext(fanComplex(rim.map((x, i) => x + i * 1e-3)));
        let ch = 0;
        for (let i = 0; i < rim.length; i++) if (Math.sign(rim[i]) !== Math.sign(rim[(i + 1) % rim.length])) ch++;
        const expected = ch === 0 ? (rim[0] > 0 ? [1, 0, 0] : [0, 0, 1]) : [0, ch / 2 - 1, 0];
        expect(vertexBetti(ctx, 0)).toEqual(expected);
        expect(eulerSum(ctx)).toBe(1);
        const g = discreteGradient(ctx);
        expect(checkAcyclic(ctx.complex, g).acyclic).toBe(true);
        expect(relativePerfectness(ctx, g).mismatches).toEqual([]);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});
