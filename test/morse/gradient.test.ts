import { describe, it, expect } from 'vitest';
import { morseContext, criticalPoints } from '../../src/morse/classify.js';
import { discreteGradient, criticalCounts, isMatching, relativePerfectness, PairingMethod } from '../../src/morse/gradient.js';
import { checkAcyclic } from '../../src/morse/acyclic.js';
import { morseComplex } from '../../src/morse/morse-complex.js';
import { morseInequalities } from '../../src/morse/inequalities.js';
import { sublevelChecks, levelsBetweenCriticalValues } from '../../src/morse/sublevel.js';
import { gridComplex, fanComplex } from './fixtures.js';

describe('discrete gradient on hand-built functions', () => {
  const fns: [string, number, (x: number[]) => number, number[]][] = [
    ['bowl', 2, ([x, y]) => Math.abs(x) + Math.abs(y), [1, 0, 0]],
    ['saddle', 2, ([x, y]) => Math.abs(x) - Math.abs(y) + 0.1 * x + 0.05 * y, [0, 1, 0]],
    ['3-D index 1', 3, ([x, y, z]) => Math.abs(x) + Math.abs(y) - Math.abs(z) + 0.1 * x + 0.03 * y + 0.07 * z, [0, 1, 0, 0]],
    ['4-D index 3', 4, (x) => Math.abs(x[0]) - Math.abs(x[1]) - Math.abs(x[2]) - Math.abs(x[3]) + 0.1 * x[0] + 0.03 * x[1] + 0.02 * x[2] + 0.07 * x[3], [0, 0, 0, 1, 0]],
  ];
  for (const [name, n, F, interior] of fns) {
    it(`${name}: acyclic matching, relatively perfect, Euler = 1`, () => {
      const c = gridComplex(Array.from({ length: n }, () => [-1, 0, 1]), F);
      const ctx = morseContext(c);
      const g = discreteGradient(ctx);
      expect(isMatching(ctx, g)).toBe(true);
      expect(checkAcyclic(c, g).acyclic).toBe(true);
      const perf = relativePerfectness(ctx, g);
      expect(perf.mismatches).toEqual([]);
      const counts = criticalCounts(g);
      const ineq = morseInequalities(counts, [1, ...new Array(n).fill(0)]);
      expect(ineq.euler).toBe(true);
      expect(ineq.holds).toBe(true);
      // The interior vertex at the origin was paired by the cubical (Brooks–Masden) construction.
      const o = Array.from({ length: c.vertexCount }, (_, v) => v).find((v) => [...c.vertices.subarray(v * n, v * n + n)].every((x) => x === 0))!;
      expect(g.method[ctx.lowerStars.unitOfVertex[o]]).toBe(PairingMethod.Cubical);
      expect(criticalPoints(ctx).filter((p) => !p.boundary).map((p) => p.index)).toEqual([interior.indexOf(1)]);
      for (const chk of sublevelChecks(ctx, g, levelsBetweenCriticalValues(ctx, g))) expect(chk.holds).toBe(true);
    });
  }

  it('monkey saddle: greedy pairing leaves two critical edges in its lower star', () => {
    const ctx = morseContext(fanComplex([1, -1, 1, -1, 1, -1]));
    const g = discreteGradient(ctx);
    expect(checkAcyclic(ctx.complex, g).acyclic).toBe(true);
    expect(relativePerfectness(ctx, g).mismatches).toEqual([]);
    expect(criticalCounts(g)).toEqual([3, 2, 0]);
    // Each of the two critical edges flows to two of the three rim minima: ∂ᴹ has rank 2, H = [1, 0, 0].
    const mc = morseComplex(ctx.complex, g);
    expect(mc.connections).toEqual([0, 4, 0]);
    expect(mc.betti).toEqual([1, 0, 0]);
  });

  it('Morse complex of a field with a wrongly chosen critical cell is still the homology (a perturbed pairing)', () => {
    // Unpair one pair of the bowl's field: two extra critical cells that cancel in the Morse complex.
    const c = gridComplex([[-1, 0, 1], [-1, 0, 1]], ([x, y]) => Math.abs(x) + Math.abs(y));
    const ctx = morseContext(c);
    const g = discreteGradient(ctx);
    const e = g.up[0].findIndex((t) => t >= 0);
    const t = g.up[0][e];
    g.up[0][e] = -1;
    g.down[1][t] = -1;
    const mc = morseComplex(c, g);
    expect(mc.critical.map((x) => x.length)).toEqual([2, 1, 0]);
    expect(mc.connections[1] % 2).toBe(0);
    expect(mc.betti).toEqual([1, 0, 0]);
  });

  it('detects a cycle in a field that is not a gradient', () => {
    // Square [0,1]²: pair the four vertex/edge incidences around the boundary cyclically.
    const c = gridComplex([[0, 1], [0, 1]], ([x, y]) => x + 2 * y);
    const ctx = morseContext(c);
    const up = ctx.incidence.counts.map((k) => new Int32Array(k).fill(-1));
    const down = ctx.incidence.counts.map((k) => new Int32Array(k).fill(-1));
    // Walk the boundary cycle v0 e0 v1 e1 … and pair each vertex with the next edge.
    const ev = ctx.incidence.cellVertices[1];
    const used = new Set<number>();
    let v = 0;
    for (let step = 0; step < 4; step++) {
      const e = [0, 1, 2, 3].find((e) => !used.has(e) && (ev.indices[2 * e] === v || ev.indices[2 * e + 1] === v))!;
      used.add(e);
      up[0][v] = e;
      down[1][e] = v;
      v = ev.indices[2 * e] === v ? ev.indices[2 * e + 1] : ev.indices[2 * e];
    }
    const r = checkAcyclic(c, { up, down });
    expect(r.acyclic).toBe(false);
    expect(r.cycle!.length).toBe(8);
  });
});
