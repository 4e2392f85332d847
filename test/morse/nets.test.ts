/**
 * Morse theory on canonical complexes of real networks (built by the complex engine), checked against
 * things derived independently: the fixtures of notes §1.10 with known answers, the network evaluated
 * at and around the critical points, the transversal rule (Masden), the 2-D sign-change rule, the Euler
 * relation and the Morse inequalities on sublevel complexes.
 */
import { describe, it, expect } from 'vitest';
import { buildComplex, boxDomain } from '../../src/complex/index.js';
import { createNetwork, evaluate, type Network } from '../../src/net/index.js';
import { normals, rng } from '../../src/numeric/random.js';
import { morseContext, criticalPoints, flatComponents, vertexBetti, type MorseContext } from '../../src/morse/classify.js';
import { cubicalStar, transversalRule, slopeFrom } from '../../src/morse/cubical.js';
import { discreteGradient, isMatching, relativePerfectness, criticalCounts } from '../../src/morse/gradient.js';
import { checkAcyclic } from '../../src/morse/acyclic.js';
import { criticalReport, morseReport } from '../../src/morse/report.js';
import { row } from '../../src/morse/incidence.js';
import { sublevelBetti } from '../../src/morse/sublevel.js';
import { levelSetTopology } from '../../src/topology/level-set.js';

function randomNet(widths: number[], seed: number): Network {
  const rand = rng(seed);
  return createNetwork(
    widths.slice(1).map((out, l) => ({ weight: normals(rand, out * widths[l], 0, Math.sqrt(2 / widths[l])), bias: normals(rand, out, 0, 0.4), inDim: widths[l], outDim: out })),
  );
}

/** The 2-D rule (notes §1.4 step 6): walk the edges at v by angle and count slope sign changes. */
function signChangeBetti(ctx: MorseContext, v: number): number[] {
  const { complex, incidence: inc, field } = ctx;
  const edges = Array.from(row(inc.vertexStar[1], v));
  const ev = inc.cellVertices[1];
  const items = edges.map((e) => {
    const a = ev.indices[ev.offsets[e]];
    const w = a === v ? ev.indices[ev.offsets[e] + 1] : a;
    const angle = Math.atan2(complex.vertices[2 * w + 1] - complex.vertices[2 * v + 1], complex.vertices[2 * w] - complex.vertices[2 * v]);
    return { angle, s: slopeFrom(inc, field.edgeSlope, e, v) };
  });
  items.sort((a, b) => a.angle - b.angle);
  let ch = 0;
  for (let k = 0; k < items.length; k++) if (items[k].s !== items[(k + 1) % items.length].s) ch++;
  if (ch === 0) return items[0].s > 0 ? [1, 0, 0] : [0, 0, 1];
  return [0, ch / 2 - 1, 0];
}

/** F just around a point: the signs of F(p + r·u) − F(p) over many directions u. */
function localSigns(net: Network, p: number[], r: number, samples = 96): { up: number; down: number } {
  const rand = rng(7);
  const f0 = evaluate(net, p)[0];
  let up = 0;
  let down = 0;
  for (let s = 0; s < samples; s++) {
    const u = normals(rand, p.length);
    const len = Math.hypot(...u);
    const q = p.map((x, j) => x + (r * u[j]) / len);
    const d = evaluate(net, q)[0] - f0;
    if (d > 0) up++;
    else if (d < 0) down++;
  }
  return { up, down };
}

function checkAll(net: Network, lo: number, hi: number) {
  const complex = buildComplex(net, boxDomain(net.inputDim, lo, hi));
  const ctx = morseContext(complex);
  const n = complex.dim;
  const rep = criticalReport(ctx);
  // Euler relation with boundary and flat terms.
  expect(rep.euler.holds).toBe(true);
  expect(rep.euler.interior + rep.euler.boundary + rep.euler.flat).toBe(1);
  // Flat edges really are flat: the network is constant along them (checked at the midpoint).
  const ev = ctx.incidence.cellVertices[1];
  for (let e = 0; e < ctx.incidence.counts[1]; e++) {
    if (!ctx.field.flat[1][e]) continue;
    const [a, b] = [ev.indices[ev.offsets[e]], ev.indices[ev.offsets[e] + 1]];
    const mid = Array.from({ length: n }, (_, j) => (complex.vertices[a * n + j] + complex.vertices[b * n + j]) / 2);
    expect(evaluate(net, mid)[0]).toBeCloseTo(ctx.field.values[a], 9);
  }
  // Values are the network's; minima and maxima are local extrema of the network itself.
  let minGap = Infinity;
  for (let v = 1; v < complex.vertexCount; v++) minGap = Math.min(minGap, Math.hypot(...Array.from({ length: n }, (_, j) => complex.vertices[v * n + j] - complex.vertices[j])));
  for (const p of rep.critical) {
    expect(evaluate(net, p.point)[0]).toBeCloseTo(p.value, 9);
    if (p.index === 0 || p.index === n) {
      const s = localSigns(net, p.point, 1e-7 * (hi - lo));
      if (p.index === 0) expect(s.down).toBe(0);
      else expect(s.up).toBe(0);
    }
  }
  // Independent local rules at interior vertices.
  let cubical = 0;
  for (let v = 0; v < complex.vertexCount; v++) {
    if (ctx.incidence.boundaryVertex[v]) continue;
    const b = vertexBetti(ctx, v);
    if (!b) continue;
    const star = cubicalStar(complex, ctx.incidence, v);
    if (star) {
      cubical++;
      const verdict = transversalRule(star, ctx.incidence, ctx.field.edgeSlope, v);
      const expected = new Array(n + 1).fill(0);
      if (verdict.kind === 'critical') expected[verdict.index] = 1;
      expect(b).toEqual(expected);
    }
    if (n === 2) expect(b).toEqual(signChangeBetti(ctx, v));
  }
  expect(cubical).toBeGreaterThan(0);
  // The discrete gradient.
  const g = discreteGradient(ctx);
  expect(isMatching(ctx, g)).toBe(true);
  expect(checkAcyclic(complex, g).acyclic).toBe(true);
  const m = morseReport(ctx, g);
  expect(m.morseInequalities.betti).toEqual([1, ...new Array(n).fill(0)]);
  expect(m.morseInequalities.holds).toBe(true);
  for (const s of m.sublevel) expect(s.holds).toBe(true);
  // The Morse complex (critical cells joined by gradient paths) has the homology of the box.
  expect(m.morseComplex).toMatchObject({ betti: [1, ...new Array(n).fill(0)], matches: true });
  return { ctx, rep, g, m };
}

const F = (layers: { weight: number[][]; bias: number[] }[]) => createNetwork(layers);

describe('fixtures of notes §1.10 through the complex engine', () => {
  const cases: [string, Network, number][] = [
    ['bowl', F([{ weight: [[1, 0], [0, 1], [1, 1]], bias: [0, 0, 10] }, { weight: [[2, 2, -1]], bias: [0] }]), 0],
    ['saddle', F([{ weight: [[1, 0], [0, 1], [1, -1]], bias: [0, 0, 10] }, { weight: [[2, -2, -1]], bias: [0] }]), 1],
    ['peak', F([{ weight: [[1, 0], [0, 1], [1, 1]], bias: [0, 0, 10] }, { weight: [[-2, -2, 1]], bias: [0] }]), 2],
    ['3-D index 1', F([{ weight: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, -1]], bias: [0, 0, 0, 10] }, { weight: [[2, 2, -2, -1]], bias: [0] }]), 1],
    ['3-D index 2', F([{ weight: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, -1, -1]], bias: [0, 0, 0, 10] }, { weight: [[2, -2, -2, -1]], bias: [0] }]), 2],
  ];
  for (const [name, net, index] of cases) {
    it(`${name}: one interior critical point, index ${index}, at the origin`, () => {
      const { rep, m } = checkAll(net, -3, 3);
      expect(rep.critical).toHaveLength(1);
      expect(rep.critical[0]).toMatchObject({ index, multiplicity: 1 });
      expect(rep.critical[0].point.every((x) => x === 0)).toBe(true);
      expect(rep.plMorse).toBe(true);
      expect(m.relativelyPerfect).toBe(true);
    });
  }

  it('regular: ReLU(x) + ReLU(y) + 3ReLU(x+10) + ½ReLU(y+10) has no interior critical point', () => {
    // Near 0: F = (ReLU(x) + 3x) + (ReLU(y) + y/2) + 35; x is monotone (slopes 3, 4): regular.
    const net = F([{ weight: [[1, 0], [0, 1], [1, 0], [0, 1]], bias: [0, 0, 10, 10] }, { weight: [[1, 1, 3, 0.5]], bias: [0] }]);
    const { rep } = checkAll(net, -3, 3);
    expect(rep.critical).toEqual([]);
    expect(rep.countsByIndex).toEqual([0, 0, 0]);
    expect(rep.plMorse).toBe(true);
  });

  it('without the ½ReLU(y+10) term the edge {x = 0, y < 0} is flat: degenerate, not regular', () => {
    const net = F([{ weight: [[1, 0], [0, 1], [1, 0]], bias: [0, 0, 10] }, { weight: [[1, 1, 3]], bias: [0] }]);
    const ctx = morseContext(buildComplex(net, boxDomain(2, -3, 3)));
    const rep = criticalReport(ctx);
    expect(rep.plMorse).toBe(false);
    expect(rep.degenerate).toHaveLength(1);
    expect(rep.degenerate[0]).toMatchObject({ value: 30, dim: 1, vertexCount: 2, flatCellsByDim: [1, 0] });
    expect(rep.euler.holds).toBe(true);
  });

  it('a plateau (dead second layer on a diamond) is a degenerate flat 2-cell component', () => {
    const net = F([
      { weight: [[1, 0], [-1, 0], [0, 1], [0, -1]], bias: [0, 0, 0, 0] },
      { weight: [[1, 1, 1, 1]], bias: [-1] },
      { weight: [[1]], bias: [0] },
    ]);
    const complex = buildComplex(net, boxDomain(2, -2, 2));
    const ctx = morseContext(complex);
    const rep = criticalReport(ctx);
    expect(rep.plMorse).toBe(false);
    expect(rep.critical).toEqual([]);
    expect(rep.degenerate).toHaveLength(1);
    expect(rep.degenerate[0]).toMatchObject({ value: 0, dim: 2, betti: [1, 0, 0] });
    // The diamond |x|+|y| ≤ 1, cut by the axes: 4 flat triangles, 8 flat edges, 5 vertices.
    expect(rep.degenerate[0].flatCellsByDim).toEqual([8, 4]);
    expect(rep.degenerate[0].vertexCount).toBe(5);
    expect(rep.euler.holds).toBe(true);
    expect(flatComponents(ctx).length).toBe(1);
    const g = discreteGradient(ctx);
    expect(checkAcyclic(complex, g).acyclic).toBe(true);
    expect(relativePerfectness(ctx, g).mismatches).toEqual([]);
    expect(criticalCounts(g)).toEqual([1, 0, 0]);
  });
});

describe('a monkey saddle realised by a deep network', () => {
  it('median(y, x − y, −x) + small tilt: β₁ = 2 at the origin, six sign changes around it', () => {
    // median(L₁, L₂, L₃) = −max(L) − min(L) when L₁ + L₂ + L₃ = 0; it alternates sign in six sectors.
    // Layer 1 passes L₁, L₂ and max(L₁, L₂), max(−L₁, −L₂); layer 2 finishes the two max-of-three; a far
    // neuron adds the tilt ε(0.1x + 0.05y) so that no edge at the origin is flat.
    const eps = 0.1;
    const net = F([
      { weight: [[0, 1], [0, -1], [1, -1], [-1, 1], [1, -2], [-1, 2], [0.1, 0.05]], bias: [0, 0, 0, 0, 0, 0, 10] },
      {
        weight: [
          [-2, 2, -1, 1, -1, 0, 0], // u = ReLU(L₃ − max(L₁, L₂))
          [2, -2, 1, -1, 0, -1, 0], // w = ReLU(−L₃ − max(−L₁, −L₂))
          [-2, 2, 0, 0, -1, 1, 0], // a = ReLU(max(−L₁,−L₂) − max(L₁,L₂))
          [2, -2, 0, 0, 1, -1, 0], // b = ReLU(max(L₁,L₂) − max(−L₁,−L₂))
          [0, 0, 0, 0, 0, 0, 1], // c = the tilt neuron
        ],
        bias: [0, 0, 0, 0, 0],
      },
      { weight: [[-1, 1, 1, -1, eps]], bias: [-10 * eps] },
    ]);
    const med = (x: number, y: number) => [y, x - y, -x].sort((p, q) => p - q)[1] + eps * (0.1 * x + 0.05 * y);
    for (const [x, y] of [[0.3, 0.7], [-0.5, 0.2], [0.9, -0.4]]) expect(evaluate(net, [x, y])[0]).toBeCloseTo(med(x, y), 12);
    // Independent: sign changes of F − F(0) on a small circle.
    let changes = 0;
    const s = (k: number) => Math.sign(evaluate(net, [1e-3 * Math.cos((2 * Math.PI * k) / 720), 1e-3 * Math.sin((2 * Math.PI * k) / 720)])[0] - evaluate(net, [0, 0])[0]);
    for (let k = 0; k < 720; k++) if (s(k) !== s(k + 1)) changes++;
    expect(changes).toBe(6);
    const complex = buildComplex(net, boxDomain(2, -1, 1));
    const ctx = morseContext(complex);
    const rep = criticalReport(ctx);
    expect(rep.critical).toEqual([{ point: [0, 0], value: 0, index: 1, multiplicity: 2 }]);
    expect(rep.countsByIndex).toEqual([0, 2, 0]);
    expect(rep.plMorse).toBe(false);
    expect(rep.euler.holds).toBe(true);
    const m = morseReport(ctx);
    expect(m.acyclic && m.relativelyPerfect).toBe(true);
    expect(m.criticalCells).toEqual(m.plCritical);
  });
});

describe('sublevel complexes vs exact level-set cuts', () => {
  it('β of the lower-star complex K_t equals β of {F ≤ t} cut exactly by the topology engine', () => {
    // Two independent routes (notes §1.8 "Filtration note"): K_t is a union of whole cells, the cut
    // refines the complex along F = t.
    for (const [arch, seed] of [[[2, 8, 6, 1], 2], [[3, 6, 5, 1], 3]] as [number[], number][]) {
      const net = randomNet(arch, seed);
      const complex = buildComplex(net, boxDomain(arch[0], -2, 2));
      const ctx = morseContext(complex);
      const vals = Array.from(ctx.field.values).sort((a, b) => a - b);
      for (const q of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const i = Math.floor(q * (vals.length - 1));
        const t = (vals[i] + vals[i + 1]) / 2;
        if (!(vals[i + 1] > vals[i])) continue;
        expect(sublevelBetti(ctx, t)).toEqual(levelSetTopology(complex, t).sublevel.betti);
      }
    }
  });
});

describe('random networks', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`2-D 2-8-6-1 seed ${seed}: local rules agree, Euler and Morse inequalities hold`, () => {
      const { ctx, rep, m } = checkAll(randomNet([2, 8, 6, 1], seed), -2, 2);
      // Counts: minima − saddles + maxima (with boundary terms) = χ(box) = 1.
      const c = rep.countsByIndex;
      const b = rep.boundary.countsByIndex;
      expect(c[0] - c[1] + c[2] + b[0] - b[1] + b[2]).toBe(1);
      // PL critical points and the discrete field's critical cells agree per index where perfect.
      expect(m.relativelyPerfect).toBe(true);
      expect(m.criticalCells).toEqual(m.plCritical);
      expect(criticalPoints(ctx).length).toBeGreaterThan(0);
    });
  }
  const cases3: [number[], number, number][] = [
    [[3, 6, 5, 1], 1, 2],
    [[3, 8, 8, 1], 1, 3],
    // 4-D, with a 167-vertex flat unit on the boundary that a depth-first greedy left imperfect.
    [[4, 6, 5, 1], 2, 2],
  ];
  for (const [arch, seed, R] of cases3) {
    it(`${arch[0]}-D ${arch.join('-')} seed ${seed}: local rules agree, Euler and Morse inequalities hold`, () => {
      const { rep, m } = checkAll(randomNet(arch, seed), -R, R);
      // Deep 3-D nets have dead regions: flat components enter the relation as units (notes §1.8).
      const t = [...rep.countsByIndex.keys()].reduce((s, k) => s + (k % 2 ? -1 : 1) * (rep.countsByIndex[k] + rep.boundary.countsByIndex[k]), 0);
      const flat = [...rep.degenerate, ...rep.boundary.degenerate].reduce((s, f) => s + f.betti.reduce((a, b, k) => a + (k % 2 ? -b : b), 0), 0);
      expect(t + flat).toBe(1);
      expect(m.acyclic).toBe(true);
      expect(m.relativelyPerfect).toBe(true);
      expect(m.criticalCells).toEqual(m.plCritical);
      if (arch[1] === 8) expect(rep.countsByIndex).toEqual([2, 3, 2, 2]);
    });
  }
});
