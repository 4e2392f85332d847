/**
 * What the explorer's workers compute, run here in node: the drawable geometry of a complex, the
 * level sets, the analysis layers and the playground trainer — each checked against an
 * independent computation (areas, re-evaluating the network, the barcode vs the sublevel complex).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/net/evaluate.js';
import { loadNetwork } from '../../src/net/load/index.js';
import { signSequence } from '../../src/net/signs.js';
import { planeThroughPoints, planePoint } from '../../src/net/slice.js';
import { unpackSigns } from '../../src/net/signs.js';
import { criticalOf, emptyCache, ranksOf, topologyOf, tropicalOf } from '../../web/src/analysis.js';
import { computeComplex, computeLevelSet, computeSublevel, emptyState, setNetwork } from '../../web/src/compute.js';
import { regionAt } from '../../web/src/draw.js';
import { networkToPayload } from '../../web/src/payload.js';
import { createSession } from '../../web/src/trainer.js';
import type { ComplexGeometry } from '../../web/src/protocol.js';

const small = loadNetwork('examples/small-2d.json');
const box = { x0: -1, x1: 1, y0: -1, y1: 1 };

function loaded(net = small, plane: Parameters<typeof setNetwork>[2] = null) {
  const state = emptyState();
  setNetwork(state, networkToPayload(net), plane);
  return state;
}

function ringArea(g: ComplexGeometry, r: number): number {
  let a = 0;
  for (let k = g.ringOffsets[r], n = g.ringOffsets[r + 1]; k < n; k++) {
    const i = g.ringVertices[k];
    const j = g.ringVertices[k + 1 < n ? k + 1 : g.ringOffsets[r]];
    a += g.vertices[2 * i] * g.vertices[2 * j + 1] - g.vertices[2 * j] * g.vertices[2 * i + 1];
  }
  return a / 2;
}

describe('complex geometry for drawing', () => {
  const state = loaded();
  const g = computeComplex(state, box, 1e6);

  it('rings tile the box: positive areas summing to its area, χ = 1', () => {
    let total = 0;
    for (let r = 0; r < g.regionCount; r++) {
      const a = ringArea(g, r);
      expect(a).toBeGreaterThan(0); // counter-clockwise, non-degenerate
      total += a;
    }
    expect(total).toBeCloseTo(4, 10);
    expect(g.eulerCharacteristic).toBe(1);
    expect(g.cellsByDim[0] - g.cellsByDim[1] + g.cellsByDim[2]).toBe(1);
    expect(g.regionCount).toBeGreaterThan(20); // a real test case (the exact count is checked by the grid below)
  });

  it('regions have distinct sign sequences, and a dense grid finds no other', () => {
    const key = (signs: ArrayLike<number>) => Array.from(signs).join(',');
    const shown = new Set(Array.from({ length: g.regionCount }, (_, r) => key(unpackSigns(g.regionSigns, g.hiddenCount, r * g.signWords))));
    expect(shown.size).toBe(g.regionCount);
    const found = new Set<string>();
    for (let i = 0; i < 150; i++) for (let j = 0; j < 150; j++) {
      const s = signSequence(small, [-1 + (2 * (i + 0.5)) / 150, -1 + (2 * (j + 0.5)) / 150]);
      if (!s.includes(0)) found.add(key(s));
    }
    for (const k of found) expect(shown.has(k)).toBe(true);
    expect(found.size).toBeGreaterThan(0.8 * g.regionCount); // thin slivers may hide between grid points
  });

  it('each region holds its interior point, with the sign sequence and map the network has there', () => {
    for (let r = 0; r < g.regionCount; r++) {
      const x = g.interiorPoints[2 * r];
      const y = g.interiorPoints[2 * r + 1];
      expect(regionAt(g, x, y)).toBe(r);
      expect(Array.from(unpackSigns(g.regionSigns, g.hiddenCount, r * g.signWords))).toEqual(Array.from(signSequence(small, [x, y])));
      const F = evaluate(small, [x, y])[0];
      expect(g.jacobians[2 * r] * x + g.jacobians[2 * r + 1] * y + g.offsets[r]).toBeCloseTo(F, 12);
    }
    expect(regionAt(g, 3, 3)).toBe(-1);
  });

  it('level-set segments lie on F = T, and there are none outside the range of F', () => {
    const T = 0.3;
    const s = computeLevelSet(state, box, T, 0);
    expect(s.length).toBeGreaterThan(0);
    expect(s.length % 4).toBe(0);
    for (let i = 0; i < s.length; i += 2) expect(evaluate(small, [s[i], s[i + 1]])[0]).toBeCloseTo(T, 9);
    expect(computeLevelSet(state, box, 1e6, 0)).toHaveLength(0);
  });

  it('the sublevel set is exact: cells below the level, with the area a fine grid measures', () => {
    const T = 0.3;
    const { offsets, xy } = computeSublevel(state, box, T, 0);
    let area = 0;
    for (let k = 0; k + 1 < offsets.length; k++) {
      let a = 0;
      let cx = 0;
      let cy = 0;
      const n = offsets[k + 1] - offsets[k];
      for (let i = offsets[k]; i < offsets[k + 1]; i++) {
        const j = i + 1 < offsets[k + 1] ? i + 1 : offsets[k];
        a += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
        cx += xy[2 * i] / n;
        cy += xy[2 * i + 1] / n;
      }
      expect(a).toBeGreaterThan(0);
      expect(evaluate(small, [cx, cy])[0]).toBeLessThanOrEqual(T + 1e-9); // a convex cell's centroid is inside it
      area += a / 2;
    }
    let below = 0;
    const N = 400;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (evaluate(small, [-1 + (2 * (i + 0.5)) / N, -1 + (2 * (j + 0.5)) / N])[0] <= T) below++;
    expect(area).toBeCloseTo((4 * below) / (N * N), 2);
    expect(computeSublevel(state, box, 1e6, 0).offsets.length - 1).toBe(g.regionCount); // everything
    expect(computeSublevel(state, box, -1e6, 0).offsets).toHaveLength(1); // nothing
  });

  it('a worker that lost its complex rebuilds it from the box a request names', () => {
    const fresh = loaded();
    const s = computeLevelSet(fresh, box, 0.3, 0);
    expect(Array.from(s)).toEqual(Array.from(computeLevelSet(state, box, 0.3, 0)));
    expect(fresh.complex?.cells[2].count).toBe(g.regionCount);
  });
});

describe('slices', () => {
  it('draws the plane through three points of a 3-input network', () => {
    const net = { layers: [
      { inDim: 3, outDim: 3, weight: Float64Array.of(1, -0.5, 0.3, 0.2, 1, -0.7, -0.6, 0.4, 1), bias: Float64Array.of(0.1, -0.2, 0.05) },
      { inDim: 3, outDim: 1, weight: Float64Array.of(1, -1, 0.5), bias: Float64Array.of(0) },
    ], inputDim: 3, outputDim: 1 };
    const plane = planeThroughPoints([[0, 0, 0], [1, 0.2, -0.3], [0.1, 1, 0.4]]);
    const state = loaded(net, plane);
    const g = computeComplex(state, { x0: -0.3, x1: 1.3, y0: -0.3, y1: 1.3 }, 1e6);
    for (let r = 0; r < g.regionCount; r++) {
      const t = [g.interiorPoints[2 * r], g.interiorPoints[2 * r + 1]];
      const x = planePoint(plane, t);
      expect(Array.from(unpackSigns(g.regionSigns, g.hiddenCount, r * g.signWords))).toEqual(Array.from(signSequence(net, x)));
    }
    expect(() => setNetwork(emptyState(), networkToPayload(net), null)).toThrow('choose a 2-D slice');
  });
});

describe('analysis layers', () => {
  const state = loaded();
  computeComplex(state, box, 1e6);
  const cache = emptyCache();

  it('critical points satisfy Σ(−1)^k c_k = χ(box) = 1', () => {
    const c = criticalOf(cache, state.complex!, 0);
    expect(c.euler.holds).toBe(true);
    expect(c.euler.total).toBe(1);
    for (const p of c.points) expect(Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1).toBe(true);
  });

  it('sublevel Betti numbers from the barcode equal those of the sublevel complex at every level', () => {
    const first = topologyOf(cache, state.complex!, 0, 0);
    const [lo, hi] = first.range;
    for (let k = 0; k <= 10; k++) {
      const t = lo + ((hi - lo) * k) / 10;
      const r = topologyOf(cache, state.complex!, 0, t);
      expect(r.bettiAtLevel.slice(0, r.bettiFromBarcode.length)).toEqual(r.bettiFromBarcode);
    }
    // {F ≤ max F} is the whole box: connected, no holes.
    expect(topologyOf(cache, state.complex!, 0, hi).bettiAtLevel).toEqual([1, 0, 0]);
  });

  it('Newton polygons: the hull vertices are monomial exponents and turn counter-clockwise', () => {
    const r = tropicalOf(loadNetwork('examples/design.json'), 0);
    for (const p of [r.numerator, r.denominator]) {
      const pts = new Set(Array.from({ length: p.count }, (_, i) => `${p.points[2 * i]},${p.points[2 * i + 1]}`));
      for (let i = 0; i < p.hull.length; i += 2) expect(pts.has(`${p.hull[i]},${p.hull[i + 1]}`)).toBe(true);
      const h = p.hull;
      const k = h.length / 2;
      for (let i = 0; k >= 3 && i < k; i++) {
        const [ax, ay, bx, by, cx, cy] = [h[2 * i], h[2 * i + 1], h[(2 * i + 2) % h.length], h[(2 * i + 3) % h.length], h[(2 * i + 4) % h.length], h[(2 * i + 5) % h.length]];
        expect((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)).toBeGreaterThan(0);
      }
    }
  });

  it('ranks never exceed the generic rank and never grow with depth', () => {
    const r = ranksOf(small, state.complex!);
    expect(Array.from(r.fullRank)).toEqual([2, 2, 1]);
    for (let i = 0; i < r.ranks.length / r.layers; i++) {
      for (let l = 0; l < r.layers; l++) {
        expect(r.ranks[i * r.layers + l]).toBeLessThanOrEqual(r.fullRank[l]);
        if (l > 0) expect(r.ranks[i * r.layers + l]).toBeLessThanOrEqual(r.ranks[i * r.layers + l - 1]);
      }
    }
    expect(r.volumes.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 10);
  });
});

describe('playground trainer', () => {
  it('lowers the loss on xor and reports the conserved quantities', () => {
    const s = createSession({ data: 'xor', hidden: [6, 6], lr: 0.05, optimizer: 'gd', seed: 3 });
    const start = s.snapshot();
    const after = s.steps(200);
    expect(after.step).toBe(200);
    expect(after.losses).toHaveLength(200);
    expect(after.losses[0]).toBeCloseTo(start.loss, 12);
    expect(after.loss).toBeLessThan(start.loss);
    expect(after.conserved).toHaveLength(12);
    // Gradient descent only approximates the flow: c_k drifts, but by little at this step size.
    expect(after.drift).toBeGreaterThan(0);
    expect(after.drift).toBeLessThan(0.05);
  });

  it('gradient flow keeps the conserved quantities to integration accuracy', () => {
    const s = createSession({ data: 'moons', hidden: [5], lr: 0.1, optimizer: 'flow', seed: 2 });
    const start = s.snapshot();
    const after = s.steps(3);
    expect(after.loss).toBeLessThan(start.loss);
    expect(after.drift).toBeLessThan(1e-8);
    expect(Array.from(after.conserved)).toEqual(Array.from(start.conserved).map((c) => expect.closeTo(c, 6)));
  });
});
