import { describe, it, expect } from 'vitest';
import { createNetwork } from '../../src/net/network.js';
import { exactArithmetic } from '../../src/numeric/arithmetic.js';
import { rational, ratAdd, ratMul, ratToString, type Rational } from '../../src/numeric/rational.js';
import { shallowZonotopes, zonotope } from '../../src/tropical/zonotope.js';
import { upperHullVertices } from '../../src/tropical/hull.js';
import { tropicalize, type TropicalRationalMap } from '../../src/tropical/tropicalize.js';
import { rng, exampleB, netB } from './fixtures.js';
import { dualSubdivisionEdges } from '../../src/tropical/dual.js';

const E = exactArithmetic;

function randomShallow(seed: number, n: number, p: number, outputs: number) {
  const r = rng(seed);
  const int = (k = 3) => Math.round((r() * 2 - 1) * k);
  return createNetwork([
    { weight: Array.from({ length: p }, () => Array.from({ length: n }, () => int())), bias: Array.from({ length: p }, () => int()) },
    { weight: Array.from({ length: outputs }, () => Array.from({ length: p }, () => int(2) || 1)), bias: Array.from({ length: outputs }, () => int()) },
  ]);
}

describe('zonotopes of one hidden layer', () => {
  it('generic generators reach the Gritzmann–Sturmfels count: m = 4 in ℝ³ → 14, in ℝ² → 8', () => {
    const g3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 2, 3]].map((v) => v.map((x) => rational(x)));
    const z3 = zonotope(E, g3, 3);
    expect(z3.vertices.length).toBe(14);
    expect(z3.vertexBound).toBe(14n);
    const g2 = [[1, 0], [0, 1], [1, 1], [1, -2]].map((v) => v.map((x) => rational(x)));
    expect(zonotope(E, g2, 2).vertices.length).toBe(8);
    // Parallel generators: fewer vertices than the bound (a parallelogram).
    expect(zonotope(E, [[1, 0], [2, 0], [0, 1]].map((v) => v.map((x) => rational(x))), 2).vertices.length).toBe(4);
  });
  it("one output: the zonotopes' upper vertices are the monomials of f and g", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const net = randomShallow(seed, 2, 5, 1);
      const m = tropicalize(net) as TropicalRationalMap<Rational>;
      const z = shallowZonotopes(E, net, m);
      expect(z.kind).toBe('single-output');
      expect(z.first.upperVertexCount).toBe(m.numerators[0].count);
      expect(z.second.upperVertexCount).toBe(m.denominators[0].count);
      expect(BigInt(z.first.vertices.length)).toBeLessThanOrEqual(z.first.vertexBound);
    }
  });
  it('two classes (Alfarra Thm 2): the decision polynomial R is the upper hull of the two shifted zonotopes', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const net = randomShallow(100 + seed, 2, 4, 2);
      const m = tropicalize(net) as TropicalRationalMap<Rational>;
      const z = shallowZonotopes(E, net, m);
      const [hidden, out] = net.layers;
      const H = hidden.outDim;
      // Shared base point Σ_j (|B₁ⱼ| + |B₂ⱼ|)·(a⁻_j, 0), lifted by the output bias of each class.
      const base = [rational(0), rational(0), rational(0)];
      for (let j = 0; j < H; j++) {
        const w = rational(Math.abs(out.weight[j]) + Math.abs(out.weight[H + j]));
        for (let k = 0; k < 2; k++) base[k] = ratAdd(base[k], ratMul(w, rational(Math.max(-hidden.weight[j * 2 + k], 0))));
      }
      const pts: Rational[][] = [];
      z.first.vertices.forEach((v) => pts.push(v.map((x, k) => ratAdd(ratAdd(x, base[k]), k === 2 ? rational(out.bias[0]) : rational(0)))));
      z.second.vertices.forEach((v) => pts.push(v.map((x, k) => ratAdd(ratAdd(x, base[k]), k === 2 ? rational(out.bias[1]) : rational(0)))));
      const flat = pts.flat();
      const upper = upperHullVertices(E, flat, pts.length, 3);
      const fromZonotopes = new Set(Array.from(upper, (i) => pts[i].map(ratToString).join(',')));
      const R = z.boundaryPolynomial;
      const fromR = new Set(Array.from({ length: R.count }, (_, i) => [R.exponents[2 * i], R.exponents[2 * i + 1], R.coefficients[i]].map(ratToString).join(',')));
      expect(fromR).toEqual(fromZonotopes);
      expect(z.boundaryMonomialsFromFirst + z.boundaryMonomialsFromSecond).toBe(R.count);
    }
  });
  it('the decision boundary lies in the tropical hypersurface of R (points found by bisection)', () => {
    const net = randomShallow(7, 2, 5, 1);
    const m = tropicalize(net, { mode: 'float' }) as TropicalRationalMap<number>;
    const z = shallowZonotopes(m.arithmetic, net, m);
    const R = z.boundaryPolynomial;
    const nu = (x: number[]) => {
      let f = -Infinity;
      let g = -Infinity;
      const p = m.numerators[0];
      const q = m.denominators[0];
      for (let i = 0; i < p.count; i++) f = Math.max(f, p.coefficients[i] + p.exponents[2 * i] * x[0] + p.exponents[2 * i + 1] * x[1]);
      for (let i = 0; i < q.count; i++) g = Math.max(g, q.coefficients[i] + q.exponents[2 * i] * x[0] + q.exponents[2 * i + 1] * x[1]);
      return f - g;
    };
    const r = rng(4);
    let found = 0;
    for (let t = 0; t < 200 && found < 20; t++) {
      let a = [(r() * 2 - 1) * 4, (r() * 2 - 1) * 4];
      let b = [(r() * 2 - 1) * 4, (r() * 2 - 1) * 4];
      if (Math.sign(nu(a)) === Math.sign(nu(b))) continue;
      for (let k = 0; k < 80; k++) {
        const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        if (Math.sign(nu(mid)) === Math.sign(nu(a))) a = mid;
        else b = mid;
      }
      const x = a;
      const vals = Array.from({ length: R.count }, (_, i) => R.coefficients[i] + R.exponents[2 * i] * x[0] + R.exponents[2 * i + 1] * x[1]).sort((u, v) => v - u);
      expect(vals[0] - vals[1]).toBeLessThan(1e-9 * (1 + Math.abs(vals[0])) * 100);
      found++;
    }
    expect(found).toBeGreaterThan(5);
  });
});

describe('dual subdivisions', () => {
  it('ExampleB (4 generic lines): 11 vertices, 16 edges, and V − E + F = 1 with 6 bounded cells', () => {
    const m = tropicalize(exampleB) as TropicalRationalMap<Rational>;
    const f = m.numerators[0];
    const edges = dualSubdivisionEdges(E, f);
    expect(f.count).toBe(11);
    expect(edges.length).toBe(16);
    // Every edge joins exponents whose difference is a multiple of a generator B_i·A_i (a zonotope tiling).
    const gens = [[4, 0], [2, 1], [2, 4], [0, 6]];
    for (const [i, j] of edges) {
      const d = [Number(f.exponents[2 * j].num - f.exponents[2 * i].num), Number(f.exponents[2 * j + 1].num - f.exponents[2 * i + 1].num)];
      expect(gens.some((g) => d[0] * g[1] - d[1] * g[0] === 0)).toBe(true);
    }
  });
  it('Net B numerator (two hinges): a parallelogram cut into 4 edges', () => {
    const m = tropicalize(netB) as TropicalRationalMap<Rational>;
    expect(dualSubdivisionEdges(E, m.numerators[0]).length).toBe(4);
  });
});
