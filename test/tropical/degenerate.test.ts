import { describe, it, expect } from 'vitest';
import { buildComplex, boxDomain } from '../../src/complex/index.js';
import { createNetwork } from '../../src/net/network.js';
import { evaluate } from '../../src/net/evaluate.js';
import { ratToNumber, type Rational } from '../../src/numeric/rational.js';
import { tropicalCells } from '../../src/tropical/cells.js';
import { complexRegionCounts } from '../../src/tropical/region-counts.js';
import { evaluateTropicalMap, tropicalize, type TropicalRationalMap } from '../../src/tropical/tropicalize.js';
import { rng } from './fixtures.js';

// Duplicate neurons, a zero row, a zero weight, parallel hyperplanes, a neuron dead on the whole box.
const degenerate = createNetwork([
  { weight: [[1, 1], [1, 1], [0, 0], [2, 2], [1, -1], [0, 1]], bias: [0, 0, 1, -1, 0, -50] },
  { weight: [[1, -1, 2, 1, 0.5, 3], [0, 0, 0, 0, 0, 0], [-1, 2, 0, 1, 1, -2]], bias: [0.25, 0, -0.5] },
  { weight: [[1, 1, -1], [2, 0, 1]], bias: [0, 0] },
]);

describe('degenerate networks', () => {
  for (const mode of ['exact', 'float'] as const) {
    it(`${mode}: the tropical map still equals the network`, () => {
      const m = tropicalize(degenerate, { mode }) as TropicalRationalMap<unknown>;
      const ar = m.arithmetic;
      const r = rng(17);
      for (let t = 0; t < 200; t++) {
        const x = [(r() * 2 - 1) * 3, (r() * 2 - 1) * 3].map((v) => Math.round(v * 64) / 64);
        const got = evaluateTropicalMap(m, x.map((v) => ar.fromNumber(v))).map((v) => (ar.exact ? ratToNumber(v as Rational) : (v as number)));
        const want = evaluate(degenerate, x);
        for (let o = 0; o < 2; o++) expect(Math.abs(got[o] - want[o])).toBeLessThan(1e-9 * (1 + Math.abs(want[o])));
      }
    });
  }
  it('cells and regions agree with the complex', () => {
    const m = tropicalize(degenerate, { mode: 'exact' }) as TropicalRationalMap<unknown>;
    const t = tropicalCells(m, { lo: [-3, -3], hi: [3, 3] });
    const c = complexRegionCounts(buildComplex(degenerate, boxDomain(2, -3, 3)));
    expect(t.linearRegions).toBe(c.linearRegions);
    expect(t.distinctMaps).toBe(c.distinctAffineMaps);
    expect(t.cells.length).toBeLessThanOrEqual(c.activationRegions);
  });
  it('a network whose output is constant: one monomial each, one region', () => {
    const flat = createNetwork([{ weight: [[1, 0]], bias: [-10] }, { weight: [[3]], bias: [2] }]);
    const m = tropicalize(flat) as TropicalRationalMap<unknown>;
    const t = tropicalCells(m, { lo: [-1, -1], hi: [1, 1] });
    expect([t.cells.length, t.linearRegions, t.distinctMaps]).toEqual([1, 1, 1]);
  });
});
