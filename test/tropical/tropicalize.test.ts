import { describe, it, expect } from 'vitest';
import { createNetwork } from '../../src/net/network.js';
import { evaluate } from '../../src/net/evaluate.js';
import { exactArithmetic, floatArithmetic } from '../../src/numeric/arithmetic.js';
import { TesseraError } from '../../src/numeric/errors.js';
import { rational, ratToString, ratEquals, ratAdd, ratMul, ratSub, ratDiv, ratCmp, type Rational } from '../../src/numeric/rational.js';
import { tropicalize, tropicalizeWith, evaluateTropicalMap, type TropicalRationalMap } from '../../src/tropical/tropicalize.js';
import { monomialsToJSON, evaluatePolynomial, type TropicalPolynomial } from '../../src/tropical/polynomial.js';
import { pruneRedundant, newtonPolytopeVertices } from '../../src/tropical/prune.js';
import { tropicalProduct, tropicalSum } from '../../src/tropical/operations.js';
import { netA, netB, netC, serraFig2, exampleB, evaluateExact, rng } from './fixtures.js';

const E = exactArithmetic;
const asSet = (m: TropicalRationalMap<unknown>, which: 'numerators' | 'denominators') =>
  new Set(monomialsToJSON(m.arithmetic, m[which][0] as TropicalPolynomial<unknown>).map((t) => `(${t.exponent.join(',')}):${t.coefficient}`));

function randomIntegerNet(widths: number[], seed: number, range = 3) {
  const r = rng(seed);
  const int = () => Math.round((r() * 2 - 1) * range);
  const layers = [];
  for (let l = 1; l < widths.length; l++) {
    layers.push({ weight: Array.from({ length: widths[l] }, () => Array.from({ length: widths[l - 1] }, int)), bias: Array.from({ length: widths[l] }, int) });
  }
  return createNetwork(layers);
}

describe('tropicalize: the notes test vectors (§5.1), exact', () => {
  it('Net A: F and G monomials after pruning', () => {
    const m = tropicalize(netA);
    expect(m.arithmetic.exact).toBe(true);
    expect(asSet(m, 'numerators')).toEqual(new Set(['(0,0):-2', '(0,2):-1', '(0,4):-1', '(4,4):-2', '(4,6):-1', '(6,6):-3', '(6,10):-1']));
    expect(asSet(m, 'denominators')).toEqual(new Set(['(0,0):3', '(0,2):4', '(0,6):4', '(2,2):3', '(2,4):4', '(2,8):4', '(6,6):0', '(6,10):2']));
    // Unpruned sizes of the output layer: |F| 12 → 7, |G| 14 → 8.
    const last = m.layers[m.layers.length - 1];
    expect([last.numeratorBeforePruning, last.numeratorMonomials, last.denominatorBeforePruning, last.denominatorMonomials]).toEqual([12, 7, 14, 8]);
  });
  it('Net B: F has 4 monomials, G 18', () => {
    const m = tropicalize(netB);
    expect(asSet(m, 'numerators')).toEqual(new Set(['(0,11):2', '(0,12):-1', '(4,3):2', '(4,4):-1']));
    expect(m.denominators[0].count).toBe(18);
  });
  it('Net C: |F| = 9, |G| = 5', () => {
    const m = tropicalize(netC);
    expect([m.numerators[0].count, m.denominators[0].count]).toEqual([9, 5]);
  });
  it('Serra Fig. 2: F = max(−1, 2x, 4x − 1, 6x − 3), G = 2x', () => {
    const m = tropicalize(serraFig2);
    expect(asSet(m, 'numerators')).toEqual(new Set(['(0):-1', '(2):0', '(4):-1', '(6):-3']));
    expect(asSet(m, 'denominators')).toEqual(new Set(['(2):0']));
  });
  it('geodavic ExampleB: 16 raw monomials → 11, value 79 at (3, 5)', () => {
    const m = tropicalize(exampleB);
    expect(m.layers[1].numeratorBeforePruning).toBe(16);
    expect(asSet(m, 'numerators')).toEqual(
      new Set(['(0,0):10', '(4,0):12', '(6,1):11', '(2,4):14', '(6,4):16', '(4,5):13', '(8,5):15', '(0,6):-5', '(2,10):-1', '(4,11):-2', '(8,11):0']),
    );
    const v = evaluateTropicalMap(m as TropicalRationalMap<Rational>, [rational(3), rational(5)]);
    expect(ratToString(v[0])).toBe('79');
    expect(evaluate(exampleB, [3, 5])[0]).toBe(79);
  });
});

describe('tropical map = network', () => {
  const randomRational = (r: () => number) => rational(Math.round((r() * 2 - 1) * 4000), 1 + Math.floor(r() * 97));
  for (const [name, net] of Object.entries({ netA, netB, netC, serraFig2, random: randomIntegerNet([3, 5, 4, 2], 7) })) {
    it(`${name}: exactly equal at 200 random rational points`, () => {
      const m = tropicalize(net) as TropicalRationalMap<Rational>;
      const r = rng(11);
      for (let t = 0; t < 200; t++) {
        const x = Array.from({ length: net.inputDim }, () => randomRational(r));
        const trop = evaluateTropicalMap(m, x);
        const direct = evaluateExact(net, x);
        for (let o = 0; o < net.outputDim; o++) expect(ratEquals(trop[o], direct[o])).toBe(true);
      }
    });
  }
  it('rational weights in --exact mode: exact equality (0.1 is read as 1/10)', () => {
    const net = createNetwork([
      { weight: [[0.5, -0.1], [0.25, 0.3], [-1.5, 0.2]], bias: [0.1, -0.2, 0.05] },
      { weight: [[1.1, -0.7, 0.3]], bias: [0.01] },
    ]);
    const m = tropicalize(net, { mode: 'exact' }) as TropicalRationalMap<Rational>;
    const r = rng(3);
    for (let t = 0; t < 100; t++) {
      const x = [randomRational(r), randomRational(r)];
      expect(ratToString(evaluateTropicalMap(m, x)[0])).toBe(ratToString(evaluateExact(net, x)[0]));
    }
  });
  it('real weights in float mode: equal to the network within the tolerance', () => {
    const r = rng(5);
    const g = () => (r() * 2 - 1) * 1.3;
    const net = createNetwork([
      { weight: Array.from({ length: 4 }, () => [g(), g(), g()]), bias: Array.from({ length: 4 }, g) },
      { weight: Array.from({ length: 3 }, () => Array.from({ length: 4 }, g)), bias: Array.from({ length: 3 }, g) },
      { weight: Array.from({ length: 2 }, () => Array.from({ length: 3 }, g)), bias: Array.from({ length: 2 }, g) },
    ]);
    const m = tropicalize(net) as TropicalRationalMap<number>;
    expect(m.arithmetic.exact).toBe(false);
    for (let t = 0; t < 300; t++) {
      const x = [g() * 5, g() * 5, g() * 5];
      const a = evaluateTropicalMap(m, x);
      const b = evaluate(net, x);
      for (let o = 0; o < 2; o++) expect(Math.abs(a[o] - b[o])).toBeLessThan(1e-9 * (1 + Math.abs(b[o])) * 50);
    }
  });
  it('float and exact modes give the same monomial counts on integer nets', () => {
    for (const net of [netA, netB, netC, randomIntegerNet([2, 5, 5, 1], 21)]) {
      const e = tropicalize(net, { mode: 'exact' });
      const f = tropicalize(net, { mode: 'float' });
      expect(f.numerators.map((p) => p.count)).toEqual(e.numerators.map((p) => p.count));
      expect(f.denominators.map((p) => p.count)).toEqual(e.denominators.map((p) => p.count));
    }
  });
  it('refuses a product over the monomial budget with a budget error', () => {
    let err: unknown;
    try {
      tropicalize(netB, { maxMonomials: 10 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TesseraError);
    expect((err as TesseraError).kind).toBe('budget');
    expect((err as Error).message).toMatch(/--max-monomials/);
  });
});

/**
 * Independent upper-hull test in 2 variables (Carathéodory): (α_j, c_j) is redundant iff some triangle,
 * segment or point of the other lifted points lies at or above it at α_j. Exact barycentric coordinates.
 */
function bruteForceVertices(p: TropicalPolynomial<Rational>): number {
  const pts = Array.from({ length: p.count }, (_, i) => [p.exponents[2 * i], p.exponents[2 * i + 1], p.coefficients[i]]);
  const Z = rational(0);
  const covers = (j: number, tri: number[]): boolean => {
    const [a, b, c] = tri.map((i) => pts[i]);
    // Solve λa + μb + νc = target (2 coords) with λ+μ+ν = 1, all ≥ 0.
    const det = ratSub(ratMul(ratSub(b[0], a[0]), ratSub(c[1], a[1])), ratMul(ratSub(c[0], a[0]), ratSub(b[1], a[1])));
    const t = pts[j];
    if (ratCmp(det, Z) === 0) return false; // degenerate triangles are covered by their edges below
    const mu = ratDiv(ratSub(ratMul(ratSub(t[0], a[0]), ratSub(c[1], a[1])), ratMul(ratSub(c[0], a[0]), ratSub(t[1], a[1]))), det);
    const nu = ratDiv(ratSub(ratMul(ratSub(b[0], a[0]), ratSub(t[1], a[1])), ratMul(ratSub(t[0], a[0]), ratSub(b[1], a[1]))), det);
    const la = ratSub(ratSub(rational(1), mu), nu);
    if (ratCmp(mu, Z) < 0 || ratCmp(nu, Z) < 0 || ratCmp(la, Z) < 0) return false;
    const h = ratAdd(ratAdd(ratMul(la, a[2]), ratMul(mu, b[2])), ratMul(nu, c[2]));
    return ratCmp(h, t[2]) >= 0;
  };
  const onSegment = (j: number, i: number, k: number): boolean => {
    const [a, b, t] = [pts[i], pts[k], pts[j]];
    const cross = ratSub(ratMul(ratSub(b[0], a[0]), ratSub(t[1], a[1])), ratMul(ratSub(t[0], a[0]), ratSub(b[1], a[1])));
    if (ratCmp(cross, Z) !== 0) return false;
    const axis = ratCmp(a[0], b[0]) !== 0 ? 0 : 1;
    if (ratCmp(a[axis], b[axis]) === 0) return ratCmp(a[2], t[2]) >= 0 && ratCmp(a[0], t[0]) === 0 && ratCmp(a[1], t[1]) === 0;
    const s = ratDiv(ratSub(t[axis], a[axis]), ratSub(b[axis], a[axis]));
    if (ratCmp(s, Z) < 0 || ratCmp(s, rational(1)) > 0) return false;
    return ratCmp(ratAdd(a[2], ratMul(s, ratSub(b[2], a[2]))), t[2]) >= 0;
  };
  let vertices = 0;
  for (let j = 0; j < p.count; j++) {
    let redundant = false;
    for (let i = 0; i < p.count && !redundant; i++) {
      if (i === j) continue;
      for (let k = i; k < p.count && !redundant; k++) {
        if (k === j) continue;
        if (onSegment(j, i, k)) redundant = true;
        for (let l = k + 1; l < p.count && !redundant; l++) if (l !== j && covers(j, [i, k, l])) redundant = true;
      }
    }
    if (!redundant) vertices++;
  }
  return vertices;
}

describe('pruning keeps exactly the upper-hull vertices', () => {
  const randomPoly = (r: () => number, count: number, range: number): TropicalPolynomial<Rational> => {
    const exponents = [];
    const coefficients = [];
    for (let i = 0; i < count; i++) {
      exponents.push(rational(Math.floor(r() * range)), rational(Math.floor(r() * range)));
      coefficients.push(rational(Math.round((r() * 2 - 1) * 6)));
    }
    return { dim: 2, count, exponents, coefficients };
  };
  it('random 2-variable polynomials: LP pruning = brute-force hull, same function', () => {
    const r = rng(99);
    for (let t = 0; t < 12; t++) {
      // Products and sums of small random polynomials: many collinear / coplanar lifted points.
      const a = randomPoly(r, 4 + (t % 3), 5);
      const b = randomPoly(r, 3 + (t % 4), 4);
      const raw = tropicalSum(E, tropicalProduct(E, a, b), randomPoly(r, 5, 8));
      const pruned = pruneRedundant(E, raw);
      expect(pruned.count).toBe(bruteForceVertices(raw));
      for (let s = 0; s < 50; s++) {
        const x = [rational(Math.round((r() * 2 - 1) * 500), 37), rational(Math.round((r() * 2 - 1) * 500), 41)];
        expect(ratEquals(evaluatePolynomial(E, raw, x), evaluatePolynomial(E, pruned, x))).toBe(true);
      }
    }
  });
  it('the pruned Net A/C polynomials are their own upper hulls', () => {
    for (const net of [netA, netC]) {
      const m = tropicalize(net) as TropicalRationalMap<Rational>;
      for (const p of [...m.numerators, ...m.denominators]) expect(bruteForceVertices(p)).toBe(p.count);
    }
  });
  it('1-D uses the monotone chain and agrees with the LP path in floats', () => {
    const F = floatArithmetic();
    // max(0, x, 2x) with the middle monomial lower-dimensional (notes §3.5): 2 survive.
    const p = { dim: 1, count: 3, exponents: [0, 1, 2], coefficients: [0, 0, 0] };
    expect(pruneRedundant(F, p).count).toBe(2);
    // max(0, 2x, x − 1): the x − 1 piece never wins.
    expect(pruneRedundant(F, { dim: 1, count: 3, exponents: [0, 2, 1], coefficients: [0, 0, -1] }).count).toBe(2);
    // ⊕_k (−k²) x^k: all 6 survive (strictly concave coefficients).
    expect(pruneRedundant(E, { dim: 1, count: 6, exponents: [0, 1, 2, 3, 4, 5].map((k) => rational(k)), coefficients: [0, 1, 2, 3, 4, 5].map((k) => rational(-k * k)) }).count).toBe(6);
  });
  it('3 variables: float and exact pruning agree on a random integer net', () => {
    const net = randomIntegerNet([3, 4, 3, 1], 5);
    const e = tropicalizeWith(E, net);
    const f = tropicalizeWith(floatArithmetic(), net);
    expect(f.numerators[0].count).toBe(e.numerators[0].count);
    expect(f.denominators[0].count).toBe(e.denominators[0].count);
  });
  it('Newton polytope vertices: a subset of the exponents, the hull of all of them', () => {
    const m = tropicalize(netA) as TropicalRationalMap<Rational>;
    const v = newtonPolytopeVertices(E, m.numerators[0]);
    const pts = Array.from(v, (i) => `${ratToString(m.numerators[0].exponents[2 * i])},${ratToString(m.numerators[0].exponents[2 * i + 1])}`);
    // F's exponents: (0,0) (0,2) (0,4) (4,4) (4,6) (6,6) (6,10): hull vertices (0,0) (6,6) (6,10) (0,4).
    expect(new Set(pts)).toEqual(new Set(['0,0', '6,6', '6,10', '0,4']));
  });
});

describe('float mode on badly scaled and degenerate-by-rounding nets (regression)', () => {
  // Weights ×100 make coefficients ~ exponents² (ill-conditioned LPs); ±1.2 weights in 3-D give exponents
  // equal up to rounding. Both once dropped live monomials in floating point.
  const cases: [number[], number, number][] = [
    [[2, 5, 5, 1], 100, 1006],
    [[3, 4, 4, 1], 1.2, 1002],
    [[2, 3, 3, 3, 1], 100, 1000],
    [[2, 6, 2], 1.2, 1009],
  ];
  for (const [widths, range, seed] of cases) {
    it(`${widths.join('→')} with weights in ±${range}: equal to the network at 300 points`, () => {
      const r = rng(seed);
      const v = () => (r() * 2 - 1) * range;
      const layers = [];
      for (let l = 1; l < widths.length; l++) layers.push({ weight: Array.from({ length: widths[l] }, () => Array.from({ length: widths[l - 1] }, v)), bias: Array.from({ length: widths[l] }, v) });
      const net = createNetwork(layers);
      const m = tropicalize(net, { mode: 'float' }) as TropicalRationalMap<number>;
      for (let t = 0; t < 300; t++) {
        const R = [0.1, 1, 10, 100][t % 4];
        const x = Array.from({ length: net.inputDim }, () => (r() * 2 - 1) * R);
        const a = evaluateTropicalMap(m, x);
        const b = evaluate(net, x);
        for (let o = 0; o < net.outputDim; o++) expect(Math.abs(a[o] - b[o])).toBeLessThan(1e-9 * (1 + Math.abs(b[o]) + R * range * range));
      }
    });
  }
});
