import { describe, expect, it } from 'vitest';
import {
  distanceMatrix, filtrationBarcode, ripsFromDistances, ripsPersistence, simplexIndex, simplexVertices, binomialTable,
  simplicialComplex, type Bar,
} from '../../src/topology/index.js';
import { lcg } from './lcg.js';

/** Rips barcode the slow way: every simplex up to dimension maxDim+1, filtered by diameter. */
function bruteForceRips(points: Float64Array, dim: number, maxDim: number, threshold: number): Bar[][] {
  const n = points.length / dim;
  const dist = distanceMatrix(points, dim);
  const tops: number[][] = [];
  const rec = (start: number, cur: number[]) => {
    if (cur.length > 0) tops.push([...cur]);
    if (cur.length === maxDim + 2) return;
    for (let v = start; v < n; v++) {
      if (cur.some((u) => dist[u * n + v] > threshold)) continue;
      cur.push(v);
      rec(v + 1, cur);
      cur.pop();
    }
  };
  rec(0, []);
  const sc = simplicialComplex(tops);
  const values = sc.simplices.map((list) => Float64Array.from(list, (s) => {
    let d = 0;
    for (const a of s) for (const b of s) d = Math.max(d, dist[a * n + b]);
    return d;
  }));
  return filtrationBarcode(sc.chain, values).slice(0, maxDim + 1);
}

const key = (bars: readonly Bar[]) => bars.map((b) => `${b.birth.toFixed(12)}:${b.death === Infinity ? 'inf' : b.death.toFixed(12)}`).sort();

describe('Vietoris–Rips persistence', () => {
  it('agrees with a brute-force filtration on random clouds (H₀, H₁, H₂; with and without threshold)', () => {
    const r = lcg(3);
    for (let trial = 0; trial < 12; trial++) {
      const n = 8 + Math.floor(r() * 7);
      const dim = 2 + (trial % 2);
      const pts = Float64Array.from({ length: n * dim }, () => r());
      const full = ripsPersistence(pts, dim, { maxDim: 2 });
      const brute = bruteForceRips(pts, dim, 2, full.threshold);
      for (let k = 0; k <= 2; k++) expect(key(full.barcode[k])).toEqual(key(brute[k]));
      const t = full.enclosingRadius * 0.6;
      const cut = ripsPersistence(pts, dim, { maxDim: 2, threshold: t });
      const bruteCut = bruteForceRips(pts, dim, 2, t);
      for (let k = 0; k <= 2; k++) expect(key(cut.barcode[k])).toEqual(key(bruteCut[k]));
    }
  });

  it('agrees on integer grids full of ties (equal diameters everywhere)', () => {
    const pts: number[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) pts.push(i, j);
    const p = Float64Array.from(pts);
    const res = ripsPersistence(p, 2, { maxDim: 2, threshold: 2.3 });
    const brute = bruteForceRips(p, 2, 2, 2.3);
    for (let k = 0; k <= 2; k++) expect(key(res.barcode[k])).toEqual(key(brute[k]));
  });

  it('a sampled circle has one long H₁ bar', () => {
    const n = 60;
    const pts = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) (pts[2 * i] = Math.cos((2 * Math.PI * i) / n)), (pts[2 * i + 1] = Math.sin((2 * Math.PI * i) / n));
    const res = ripsPersistence(pts, 2, { maxDim: 1 });
    const long = res.barcode[1].filter((b) => b.death - b.birth > 0.5);
    expect(long.length).toBe(1);
    // born when neighbours connect (chord 2 sin(π/60)), dies when the triangle of ~120° chords fills in
    expect(long[0].birth).toBeCloseTo(2 * Math.sin(Math.PI / n), 12);
    expect(long[0].death).toBeCloseTo(Math.sqrt(3), 1);
    expect(res.barcode[0].filter((b) => b.death === Infinity).length).toBe(1);
  });

  it('the octahedron (6 points ±eᵢ) has one H₂ class from √2 to 2', () => {
    const pts = Float64Array.of(1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1);
    const res = ripsPersistence(pts, 3, { maxDim: 2, threshold: 3 });
    expect(res.barcode[2]).toEqual([{ birth: Math.SQRT2, death: 2 }]);
    expect(res.barcode[1]).toEqual([]);
    expect(res.barcode[0]).toEqual([...new Array(5).fill({ birth: 0, death: Math.SQRT2 }), { birth: 0, death: Infinity }]);
  });

  it('a threshold below a cycle’s death leaves it essential; duplicates and a single point work', () => {
    const sq = Float64Array.of(0, 0, 1, 0, 1, 1, 0, 1);
    const res = ripsPersistence(sq, 2, { maxDim: 1, threshold: 1.2 });
    expect(res.barcode[1]).toEqual([{ birth: 1, death: Infinity }]);
    expect(ripsPersistence(sq, 2, { maxDim: 1 }).barcode[1]).toEqual([{ birth: 1, death: Math.SQRT2 }]);
    const dup = ripsPersistence(Float64Array.of(0, 0, 0, 0, 1, 0), 2, { maxDim: 1 });
    expect(dup.barcode[0]).toEqual([{ birth: 0, death: 1 }, { birth: 0, death: Infinity }]);
    expect(ripsPersistence(Float64Array.of(5, 5), 2).barcode).toEqual([[{ birth: 0, death: Infinity }], []]);
  });

  it('numbers simplices in the combinatorial number system', () => {
    const space = { n: 10, dist: new Float64Array(100), nbrValues: null, binom: binomialTable(10, 4), threshold: 1, nbrOffsets: new Int32Array(11), nbrs: new Int32Array(0), work: { diam: new Float64Array(1), index: new Float64Array(1), size: 0 }, workCursor: { pos: 0, end: 0, j: 0, above: new Float64Array(6), below: new Float64Array(6) } };
    const v = new Int32Array(4);
    for (const s of [[9, 5, 2, 0], [3, 2, 1, 0], [8, 7, 6, 5]]) {
      const idx = simplexIndex(space, Int32Array.from(s), 3);
      simplexVertices(space, idx, 3, v);
      expect(Array.from(v)).toEqual(s);
    }
    expect(simplexIndex(space, Int32Array.of(3, 2, 1, 0), 3)).toBe(0);
  });

  it('refuses bad input with clear messages', () => {
    expect(() => ripsPersistence(Float64Array.of(1, 2, 3), 2)).toThrow(/whole number of 2-dimensional points/);
    expect(() => ripsPersistence(Float64Array.of(1, NaN), 2)).toThrow(/not a finite number/);
    expect(() => ripsPersistence(new Float64Array(40), 2, { maxPoints: 10 })).toThrow(/over the limit of 10 points.*--max-points/);
    expect(() => ripsPersistence(Float64Array.of(0, 0, 1, 1), 2, { threshold: -1 })).toThrow(/threshold/);
    const r = lcg(1);
    const pts = Float64Array.from({ length: 60 }, () => r());
    expect(() => ripsPersistence(pts, 3, { maxDim: 2, maxSimplices: 50, collapse: false })).toThrow(/more than 50 simplices of dimension 2/);
    expect(ripsFromDistances(Float64Array.of(0, 1, 1, 0), 2).barcode[0]).toEqual([{ birth: 0, death: 1 }, { birth: 0, death: Infinity }]);
  });
});
