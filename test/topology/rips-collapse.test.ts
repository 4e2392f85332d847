/**
 * Edge collapse (Boissonnat–Pritam) before the Rips reduction must not change any barcode: exact
 * equality of every (birth, death) in every degree up to maxDim, collapse on vs off (the dense path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ripsFromDistances, ripsPersistence, type Barcode } from '../../src/topology/index.js';
import { collapseEdges, increasingOrder } from '../../src/topology/rips/collapse.js';
import { cloudEdges, matrixEdges } from '../../src/topology/rips/edges.js';
import { lcg } from './lcg.js';

/** Bars per degree as sorted [birth, death] pairs (exact numbers). */
const exact = (b: Barcode) => b.map((bars) => bars.map((x) => [x.birth, x.death]).sort((p, q) => p[0] - q[0] || p[1] - q[1]));

/** n points in dim dimensions: uniform, or on a small integer grid (many equal distances and duplicates). */
const cloud = fc.record({
  n: fc.integer({ min: 1, max: 16 }),
  dim: fc.integer({ min: 1, max: 3 }),
  grid: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  cut: fc.constantFrom(undefined, 0.3, 0.6, 1),
});

function points(c: { n: number; dim: number; grid: boolean; seed: number }): Float64Array {
  const r = lcg(c.seed);
  return Float64Array.from({ length: c.n * c.dim }, () => (c.grid ? Math.floor(r() * 4) : r()));
}

describe('Rips persistence with edge collapse', () => {
  for (const maxDim of [1, 2]) {
    it(`gives the same barcodes as without collapse on random clouds (maxDim ${maxDim})`, () => {
      fc.assert(
        fc.property(cloud, (c) => {
          const pts = points(c);
          const plain = ripsPersistence(pts, c.dim, { maxDim, collapse: false });
          const threshold = c.cut === undefined ? undefined : c.cut * plain.enclosingRadius;
          const off = threshold === undefined ? plain : ripsPersistence(pts, c.dim, { maxDim, threshold, collapse: false });
          const on = ripsPersistence(pts, c.dim, { maxDim, threshold, collapse: true });
          expect(on.threshold).toBe(off.threshold);
          expect(on.enclosingRadius).toBe(off.enclosingRadius);
          expect(exact(on.barcode)).toEqual(exact(off.barcode));
        }),
        { numRuns: maxDim === 1 ? 300 : 150 },
      );
    });
  }

  it('gives the same barcodes on random symmetric matrices (not metric, ties everywhere)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 6 }), (n, seed, levels) => {
        const r = lcg(seed);
        const dist = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) dist[i * n + j] = dist[j * n + i] = Math.floor(r() * levels);
        for (const maxDim of [1, 2]) {
          const off = ripsFromDistances(dist, n, { maxDim, collapse: false });
          const on = ripsFromDistances(dist, n, { maxDim, collapse: true });
          expect(exact(on.barcode)).toEqual(exact(off.barcode));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the default (collapse when sparse) agrees on a 300-point torus sample, and collapses most edges', () => {
    const r = lcg(7);
    const n = 300;
    const pts = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const u = 2 * Math.PI * r();
      const v = 2 * Math.PI * r();
      pts.set([(2 + Math.cos(v)) * Math.cos(u), (2 + Math.cos(v)) * Math.sin(u), Math.sin(v)], 3 * i);
    }
    for (const threshold of [1, 1.5]) {
      const off = ripsPersistence(pts, 3, { maxDim: 2, threshold, collapse: false });
      expect(exact(ripsPersistence(pts, 3, { maxDim: 2, threshold }).barcode)).toEqual(exact(off.barcode));
      const { edges } = cloudEdges(pts, 3, threshold);
      expect(collapseEdges(n, edges).count).toBeLessThan(edges.count / 3);
    }
  });

  it('keeps a subset of the edges, each at one of the input values no earlier than its own', () => {
    const dist = Float64Array.of(0, 1, 2, 1, 0, 1, 2, 1, 0); // path 0–1–2 with the chord 0–2 at 2
    const edges = matrixEdges(dist, 3, Infinity);
    const out = collapseEdges(3, edges);
    // the chord is dominated by 1 from its appearance on: removed; the path stays at its values
    expect(Array.from({ length: out.count }, (_, e) => [out.u[e], out.v[e], out.value[e]]).sort()).toEqual([[1, 0, 1], [2, 1, 1]]);
    const square = Float64Array.of(0, 1, 2, 1, 1, 0, 1, 2, 2, 1, 0, 1, 1, 2, 1, 0); // 4-cycle, diagonals at 2
    const s = collapseEdges(4, matrixEdges(square, 4, Infinity));
    // at value 2 the whole graph is K4: everything past a spanning tree collapses, but the 4-cycle
    // (born at 1, dead at 2) must survive until 2 — so one diagonal is kept at 2
    expect(Array.from(s.value).sort()).toEqual([1, 1, 1, 1, 2]);
  });

  it('radix order sorts values (negative, −0, ties in input order)', () => {
    const v = Float64Array.of(3, -1, 0, -0, 2.5, -1, Infinity, 1e-300);
    expect(Array.from(increasingOrder(v))).toEqual([1, 5, 2, 3, 7, 4, 0, 6]);
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { maxLength: 50 }), (a) => {
        const order = increasingOrder(Float64Array.from(a));
        for (let q = 1; q < order.length; q++) {
          const x = a[order[q - 1]] + 0;
          const y = a[order[q]] + 0;
          expect(x < y || (x === y && order[q - 1] < order[q])).toBe(true);
        }
      }),
    );
  });

  it('still enforces the simplex budget on the collapsed complex', () => {
    const r = lcg(1);
    const pts = Float64Array.from({ length: 600 }, () => r());
    expect(() => ripsPersistence(pts, 3, { maxDim: 2, maxSimplices: 5, collapse: true })).toThrow(/more than 5 simplices of dimension 2/);
  });
});
