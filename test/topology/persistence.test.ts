import { describe, expect, it } from 'vitest';
import {
  bettiAt, bettiZ2, cellPairs, chainComplexOfComplex, filtrationBarcode, filtrationOrder, cubicalGrid, chainEulerCharacteristic, homologyZ, incidenceNumbers, lowerStarBarcode,
  lowerStarValues, orientedChainComplex, sphere, subcomplex, torus, type ChainComplex,
} from '../../src/topology/index.js';
import { lcg } from './lcg.js';

/** Sublevel Betti numbers at every value, recomputed from scratch on each subcomplex. */
function checkAgainstSublevelSets(chain: ChainComplex, f: Float64Array): void {
  const barcode = lowerStarBarcode(chain, f);
  const values = lowerStarValues(chain, f);
  const levels = [...new Set(f)].sort((a, b) => a - b);
  for (const t of levels) {
    const keep = values.map((v) => Uint8Array.from(v, (x) => (x <= t ? 1 : 0)));
    const sub = subcomplex(chain, keep);
    const direct = bettiZ2(sub.chain);
    const fromBars = bettiAt(barcode, t).slice(0, direct.length);
    expect(fromBars).toEqual(direct);
    // and nothing above the subcomplex's top dimension is alive
    expect(bettiAt(barcode, t).slice(direct.length).every((b) => b === 0)).toBe(true);
  }
  // the essential bars are the Betti numbers of the whole complex
  expect(bettiAt(barcode, Infinity)).toEqual([0, 0, 0, 0].slice(0, chain.counts.length));
  expect(barcode.map((bars) => bars.filter((b) => b.death === Infinity).length)).toEqual(bettiZ2(chain));
}

describe('lower-star persistence', () => {
  it('matches sublevel homology on a torus with random values', () => {
    const r = lcg(7);
    const chain = torus().chain;
    for (let trial = 0; trial < 10; trial++) checkAgainstSublevelSets(chain, Float64Array.from({ length: chain.counts[0] }, () => Math.floor(r() * 5)));
  });

  it('matches sublevel homology on a 2-D and a 3-D cubical grid with random values (ties included)', () => {
    const r = lcg(11);
    for (const shape of [[6, 5], [3, 3, 3]]) {
      const chain = chainComplexOfComplex(cubicalGrid(shape));
      for (let trial = 0; trial < 4; trial++) checkAgainstSublevelSets(chain, Float64Array.from({ length: chain.counts[0] }, () => Math.floor(r() * 6)));
    }
  });

  it('height function on S²: one H₀ bar from the minimum, one essential H₂ class', () => {
    const chain = sphere(2).chain; // vertices 0..3
    const bars = lowerStarBarcode(chain, Float64Array.of(0, 1, 2, 3));
    expect(bars[0]).toEqual([{ birth: 0, death: Infinity }]);
    expect(bars[1]).toEqual([]);
    expect(bars[2]).toEqual([{ birth: 3, death: Infinity }]);
  });

  it('a 1-D function with two minima: the younger component dies at the saddle (elder rule)', () => {
    // path 0 - 1 - 2 with values 0, 5, 2: components born at 0 and 2 meet at 5
    const chain = chainComplexOfComplex({ cells: [
      { count: 3, facetOffsets: new Int32Array(4), facetIndices: new Int32Array(0) },
      { count: 2, facetOffsets: Int32Array.of(0, 2, 4), facetIndices: Int32Array.of(0, 1, 1, 2) },
    ] });
    const bars = lowerStarBarcode(chain, Float64Array.of(0, 5, 2));
    expect(bars[0]).toEqual([{ birth: 0, death: Infinity }, { birth: 2, death: 5 }]);
  });

  it('the counting-sort lower-star order gives the same barcode as sorting cells by value', () => {
    const r = lcg(31);
    for (const chain of [chainComplexOfComplex(cubicalGrid([7, 6])), chainComplexOfComplex(cubicalGrid([3, 4, 3])), torus().chain]) {
      for (let trial = 0; trial < 4; trial++) {
        const f = Float64Array.from({ length: chain.counts[0] }, () => Math.floor(r() * 5) / 4);
        expect(lowerStarBarcode(chain, f)).toEqual(filtrationBarcode(chain, lowerStarValues(chain, f)));
      }
    }
  });

  it('refuses NaN values', () => {
    expect(() => lowerStarBarcode(sphere(1).chain, Float64Array.of(0, NaN, 1))).toThrow(/NaN/);
  });
});

describe('cubical grids and geometric orientation', () => {
  it('a grid is contractible, with χ = 1', () => {
    for (const shape of [[4], [3, 5], [2, 3, 2], [2, 2, 2, 2]]) {
      const geo = cubicalGrid(shape);
      const chain = chainComplexOfComplex(geo);
      expect(chainEulerCharacteristic(chain)).toBe(1);
      expect(bettiZ2(chain)).toEqual([1, ...new Array(shape.length).fill(0)]);
    }
    expect(cubicalGrid([2, 3]).cells.map((c) => c.count)).toEqual([12, 17, 6]);
  });

  it('incidence numbers make ∂∂ = 0 and give integral homology of a ball', () => {
    for (const shape of [[3, 2], [2, 2, 2]]) {
      const geo = cubicalGrid(shape);
      const coef = incidenceNumbers(geo);
      for (let d = 2; d < geo.cells.length; d++) {
        for (let j = 0; j < geo.cells[d].count; j++) {
          const acc = new Map<number, number>();
          const c = geo.cells[d];
          const lo = geo.cells[d - 1];
          for (let k = c.facetOffsets[j]; k < c.facetOffsets[j + 1]; k++) {
            const f = c.facetIndices[k];
            for (let q = lo.facetOffsets[f]; q < lo.facetOffsets[f + 1]; q++) acc.set(lo.facetIndices[q], (acc.get(lo.facetIndices[q]) ?? 0) + coef[d][k] * coef[d - 1][q]);
          }
          expect([...acc.values()].every((v) => v === 0)).toBe(true);
        }
      }
      expect(homologyZ(orientedChainComplex(geo)).betti).toEqual([1, ...new Array(shape.length).fill(0)]);
    }
  });

  it('the boundary of a cube (the 2-skeleton minus the 3-cell of a 1×1×1 grid) is S² over Z', () => {
    const chain = orientedChainComplex(cubicalGrid([2, 1, 1]));
    const keep = chain.counts.map((n) => new Uint8Array(n).fill(1));
    keep[3].fill(0);
    const sub = subcomplex(chain, keep);
    // two cubes glued along a square, without their interiors: two spheres sharing a disk = S² ∨ S²
    expect(homologyZ(sub.chain)).toEqual({ betti: [1, 0, 2], torsion: [[], [], []] });
    expect(bettiZ2(sub.chain)).toEqual([1, 0, 2]);
  });

  it('a polygonal annulus (square with a square hole, cut into 4 trapezoids) has H₁ = Z', () => {
    // outer square corners 0..3, inner square corners 4..7
    const vertices = Float64Array.of(-2, -2, 2, -2, 2, 2, -2, 2, -1, -1, 1, -1, 1, 1, -1, 1);
    const edges = [[0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7]];
    const faces = [[0, 9, 4, 8], [1, 10, 5, 9], [2, 11, 6, 10], [3, 8, 7, 11]];
    const geo = {
      dim: 2, vertexCount: 8, vertices,
      cells: [
        { count: 8, facetOffsets: new Int32Array(9), facetIndices: new Int32Array(0) },
        { count: 12, facetOffsets: Int32Array.from({ length: 13 }, (_, i) => 2 * i), facetIndices: Int32Array.from(edges.flat()) },
        { count: 4, facetOffsets: Int32Array.of(0, 4, 8, 12, 16), facetIndices: Int32Array.from(faces.flat()) },
      ],
    };
    expect(homologyZ(orientedChainComplex(geo))).toEqual({ betti: [1, 1, 0], torsion: [[], [], []] });
    expect(bettiZ2(chainComplexOfComplex(geo))).toEqual([1, 1, 0]);
  });
});

describe('union-find shortcuts agree with plain column reduction', () => {
  it('same persistence pairs on grids, spheres and the torus under random orders', () => {
    const r = lcg(23);
    const chains = [chainComplexOfComplex(cubicalGrid([5, 4])), chainComplexOfComplex(cubicalGrid([3, 2, 3])), sphere(2).chain, sphere(3).chain, torus().chain];
    for (const chain of chains) {
      for (let trial = 0; trial < 5; trial++) {
        // a random lower-star filtration (ties included), as cell orders
        const f = Float64Array.from({ length: chain.counts[0] }, () => Math.floor(r() * 4));
        const order = filtrationOrder(lowerStarValues(chain, f));
        const fast = cellPairs(chain, order);
        const slow = cellPairs(chain, order, { unionFind: false });
        expect(fast.pairs.map((p) => Array.from(p))).toEqual(slow.pairs.map((p) => Array.from(p)));
        expect(fast.essential.map((p) => Array.from(p))).toEqual(slow.essential.map((p) => Array.from(p)));
      }
    }
  });
});
