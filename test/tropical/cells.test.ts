import { describe, it, expect } from 'vitest';
import { buildComplex, boxDomain } from '../../src/complex/index.js';
import { evaluate } from '../../src/net/evaluate.js';
import { signSequence } from '../../src/net/signs.js';
import { exactArithmetic } from '../../src/numeric/arithmetic.js';
import { rational, ratEquals, ratAdd, ratMul, ratToNumber, type Rational } from '../../src/numeric/rational.js';
import { tropicalCells } from '../../src/tropical/cells.js';
import { complexRegionCounts } from '../../src/tropical/region-counts.js';
import { tropicalize, type TropicalRationalMap } from '../../src/tropical/tropicalize.js';
import type { TropicalPolynomial } from '../../src/tropical/polynomial.js';
import { netA, netB, netC, serraFig2, evaluateExact, rng } from './fixtures.js';

const E = exactArithmetic;
const box = (n: number, r: number) => ({ lo: Array(n).fill(-r), hi: Array(n).fill(r) });

// Notes §5.1 (counts on a box large enough to hold every vertex): cells, Def-1, activation, maps.
const expected = [
  ['serraFig2', serraFig2, 4, 4, 5, 4],
  ['Net A', netA, 10, 7, 14, 7],
  ['Net B (2→4→4→1)', netB, 18, 18, 25, 15],
  ['Net C', netC, 12, 12, 16, 12],
] as const;

describe('four counts, tropical side vs complex side', () => {
  for (const [name, net, cells, def1, activation, maps] of expected) {
    it(`${name}: tropical cells ${cells}, linear regions ${def1}, activation regions ${activation}, maps ${maps}`, () => {
      for (const mode of ['exact', 'float'] as const) {
        const t = tropicalCells(tropicalize(net, { mode }) as TropicalRationalMap<unknown>, box(net.inputDim, 30));
        expect([t.cells.length, t.linearRegions, t.distinctMaps]).toEqual([cells, def1, maps]);
      }
      const c = complexRegionCounts(buildComplex(net, boxDomain(net.inputDim, -30, 30)));
      expect(c).toEqual({ activationRegions: activation, linearRegions: def1, distinctAffineMaps: maps });
    });
  }
  it('Net B on the default box [−1,1]²: tropical Def-1 and maps agree with the complex', () => {
    const t = tropicalCells(tropicalize(netB) as TropicalRationalMap<unknown>, box(2, 1));
    const c = complexRegionCounts(buildComplex(netB, boxDomain(2)));
    expect(t.linearRegions).toBe(c.linearRegions);
    expect(t.distinctMaps).toBe(c.distinctAffineMaps);
    expect(t.linearRegions).toBeLessThanOrEqual(t.cells.length);
    expect(t.cells.length).toBeLessThanOrEqual(c.activationRegions);
  });
  it("each cell's map equals the network at the cell's interior point (exact)", () => {
    const m = tropicalize(netB) as TropicalRationalMap<Rational>;
    const t = tropicalCells(m, box(2, 30));
    for (const cell of t.cells) {
      const x = cell.point;
      const direct = evaluateExact(netB, x);
      const viaMap = ratAdd(ratAdd(ratMul(cell.jacobian[0], x[0]), ratMul(cell.jacobian[1], x[1])), cell.offset[0]);
      expect(ratEquals(direct[0], viaMap)).toBe(true);
      // Interior: no neuron at zero there (generic), inside the box.
      expect(Array.from(signSequence(netB, x.map(ratToNumber))).every((s) => s !== 0)).toBe(true);
      expect(Math.max(...x.map((v) => Math.abs(ratToNumber(v))))).toBeLessThanOrEqual(30);
    }
  });
  it('cells cover the domain: random points land in exactly one cell, whose map matches', () => {
    const m = tropicalize(netA) as TropicalRationalMap<number>;
    const t = tropicalCells(tropicalize(netA, { mode: 'float' }) as TropicalRationalMap<number>, box(2, 5));
    const r = rng(8);
    void m;
    for (let s = 0; s < 300; s++) {
      const x = [(r() * 2 - 1) * 5, (r() * 2 - 1) * 5];
      const y = evaluate(netA, x)[0];
      const hits = t.cells.filter((c) => Math.abs(c.jacobian[0] * x[0] + c.jacobian[1] * x[1] + c.offset[0] - y) < 1e-9);
      expect(hits.length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('TropicalNN unit cases (notes §3.5)', () => {
  const poly = (e: number[], c: number[]): TropicalPolynomial<Rational> => ({ dim: 1, count: e.length, exponents: e.map((v) => rational(v)), coefficients: c.map((v) => rational(v)) });
  const ratMap = (f: TropicalPolynomial<Rational>, g: TropicalPolynomial<Rational>): TropicalRationalMap<Rational> => ({
    arithmetic: E,
    inputDim: f.dim,
    outputDim: 1,
    numerators: [f],
    denominators: [g],
    layers: [],
  });
  it('max(0, x, 2x − 2) ⊘ max(0, 2x − 2): 4 regions, 3 distinct maps', () => {
    const t = tropicalCells(ratMap(poly([0, 1, 2], [0, 0, -2]), poly([0, 2], [0, -2])), { lo: [-50], hi: [50] });
    expect([t.cells.length, t.linearRegions, t.distinctMaps]).toEqual([4, 4, 3]);
  });
  it('f ⊘ f: 1 region made of 6 cells', () => {
    const f = poly([0, 1, 2, 3, 4, 5], [0, -1, -4, -9, -16, -25]);
    const t = tropicalCells(ratMap(f, f), { lo: [-50], hi: [50] });
    expect([t.cells.length, t.linearRegions, t.distinctMaps]).toEqual([6, 1, 1]);
  });
  it('max(x, y) ⊘ max(x, y) in 2-D: 1 region of 2 cells; max(x, y) ⊘ 0: 2 regions', () => {
    const xy: TropicalPolynomial<Rational> = { dim: 2, count: 2, exponents: [1, 0, 0, 1].map((v) => rational(v)), coefficients: [rational(0), rational(0)] };
    const zero: TropicalPolynomial<Rational> = { dim: 2, count: 1, exponents: [rational(0), rational(0)], coefficients: [rational(0)] };
    const same = tropicalCells({ ...ratMap(xy, xy), inputDim: 2 }, box(2, 3));
    expect([same.cells.length, same.linearRegions]).toEqual([2, 1]);
    const half = tropicalCells({ ...ratMap(xy, zero), inputDim: 2 }, box(2, 3));
    expect(half.linearRegions).toBe(2);
  });
});

describe('several outputs', () => {
  it('a 2-output net: the refinement over all four polynomials gives the complex linear regions and maps', async () => {
    const { createNetwork } = await import('../../src/net/network.js');
    const net = createNetwork([
      { weight: [[1, 2], [2, -1], [-1, 1], [1, 1]], bias: [1, -1, 0, 2] },
      { weight: [[1, -2, 1, 1], [-1, 1, 2, -1]], bias: [0, 1] },
    ]);
    const t = tropicalCells(tropicalize(net) as TropicalRationalMap<unknown>, box(2, 6));
    const c = complexRegionCounts(buildComplex(net, boxDomain(2, -6, 6)));
    expect(t.linearRegions).toBe(c.linearRegions);
    expect(t.distinctMaps).toBe(c.distinctAffineMaps);
    expect(t.cells.length).toBeLessThanOrEqual(c.activationRegions);
    expect(t.cells[0].jacobian).toHaveLength(4);
  });
});

describe('random real-weight nets: tropical side = complex side', () => {
  const archs = [[2, 5, 5, 1], [2, 3, 3, 3, 1], [2, 6, 2]];
  for (let s = 0; s < 6; s++) {
    const widths = archs[s % archs.length];
    const range = s % 3 === 0 ? 100 : 1.2;
    it(`${widths.join('→')}, weights in ±${range}`, async () => {
      const { createNetwork } = await import('../../src/net/network.js');
      const r = rng(2000 + s);
      const v = () => (r() * 2 - 1) * range;
      const layers = [];
      for (let l = 1; l < widths.length; l++) layers.push({ weight: Array.from({ length: widths[l] }, () => Array.from({ length: widths[l - 1] }, v)), bias: Array.from({ length: widths[l] }, v) });
      const net = createNetwork(layers);
      const t = tropicalCells(tropicalize(net, { mode: 'float' }) as TropicalRationalMap<unknown>, box(2, 3));
      const c = complexRegionCounts(buildComplex(net, boxDomain(2, -3, 3)));
      expect(t.linearRegions).toBe(c.linearRegions);
      expect(t.distinctMaps).toBe(c.distinctAffineMaps);
      expect(t.cells.length).toBeLessThanOrEqual(c.activationRegions);
    });
  }
});
