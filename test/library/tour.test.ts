/**
 * The README's library tour, run as written: every module's main entry point on the bundled example,
 * each result checked against something independent.
 */
import { describe, expect, it } from 'vitest';
import {
  analyseObstruction,
  analyzeMorse,
  boxDomain,
  buildComplex,
  cellRanks,
  cellsByDim,
  evaluate,
  evaluateTropicalMap,
  levelSetTopology,
  loadNetwork,
  ripsPersistence,
  tropicalize,
} from '../../src/index.js';

describe('library tour (README)', () => {
  const net = loadNetwork('examples/small-2d.json');
  const complex = buildComplex(net, boxDomain(2, -1, 1));

  it('complex: counts, Euler characteristic 1', () => {
    const [V, E, R] = cellsByDim(complex);
    expect([V, E, R]).toEqual([64, 113, 50]);
    expect(V - E + R).toBe(1);
  });

  it('topology: sublevel and superlevel sets at T = 0 have Euler characteristic Σ(−1)ᵏβₖ', () => {
    const { sublevel, superlevel } = levelSetTopology(complex, 0);
    for (const s of [sublevel, superlevel]) expect(s.betti[0] - s.betti[1] + (s.betti[2] ?? 0)).toBe(s.eulerCharacteristic);
    expect(sublevel.betti[0]).toBeGreaterThan(0);
  });

  it('morse: an acyclic discrete gradient whose critical cells satisfy the Euler relation of the box', () => {
    const { morse } = analyzeMorse(complex);
    expect(morse.matching).toBe(true);
    expect(morse.acyclic).toBe(true);
    const c = morse.criticalCells;
    expect(c[0] - c[1] + c[2]).toBe(1);
    expect(morse.morseInequalities.euler).toBe(true);
  });

  it('tropical: f ⊘ g evaluates to the network', () => {
    const map = tropicalize(net);
    for (const x of [[0.3, 0.2], [-0.7, 0.9], [0, 0]]) {
      const y = evaluateTropicalMap(map as never, x as never) as unknown as number[];
      expect(Number(y[0])).toBeCloseTo(evaluate(net, x)[0], 9);
    }
  });

  it('rank: volumes per region sum to the box area', () => {
    const ranks = cellRanks(net, complex);
    expect(ranks.volumes.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 9);
  });

  it('rips: a circle of points has one long H₁ bar', () => {
    const k = 40;
    const pts = new Float64Array(2 * k);
    for (let i = 0; i < k; i++) [pts[2 * i], pts[2 * i + 1]] = [Math.cos((2 * Math.PI * i) / k), Math.sin((2 * Math.PI * i) / k)];
    const { barcode } = ripsPersistence(pts, 2, { maxDim: 1 });
    expect(barcode[1].filter((b) => b.death - b.birth > 1).length).toBe(1);
  });

  it('dynamics: conserved quantities of a one-hidden-layer net', () => {
    const shallow = loadNetwork('examples/design.json');
    const ob = analyseObstruction(shallow);
    expect(ob.neurons.length).toBe(shallow.layers[0].outDim);
    expect(ob.components).toBeGreaterThanOrEqual(1);
  });
});
