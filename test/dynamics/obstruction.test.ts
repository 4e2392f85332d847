import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/net/index.js';
import { rng } from '../../src/numeric/random.js';
import {
  analyseObstruction, classifyQuadric, initNetwork, obstructionProbability, parseSignPattern, pathologicalProbability, reachability,
  sampledComponents, studentTwoSidedTail, teacherNeurons, unreachableProbability,
} from '../../src/dynamics/index.js';

/** A one-hidden-layer net with the given (w, b, a) per neuron, 1-D input. */
function shallow1d(neurons: [number, number, number][]) {
  return createNetwork([
    { weight: neurons.map(([w]) => [w]), bias: neurons.map(([, b]) => b) },
    { weight: [neurons.map(([, , a]) => a)], bias: [0] },
  ]);
}

describe('quadrics', () => {
  it('classifies by the sign of c and the dimensions (notes §2.3)', () => {
    expect(classifyQuadric(0.5, 1, 3, 1)).toMatchObject({ components: 2, frozen: 'output-sign', shape: 'two-sheeted' });
    expect(classifyQuadric(-0.5, 1, 3, 1)).toMatchObject({ components: 1, frozen: null, shape: 'one-sheeted' });
    expect(classifyQuadric(-0.5, 1, 1, 1)).toMatchObject({ components: 2, frozen: 'input-sign' });
    expect(classifyQuadric(0.5, 1, 2, 2)).toMatchObject({ components: 1, frozen: null });
    // c within the tolerance of 0 relative to the terms: the cone, connected through its apex.
    expect(classifyQuadric(1e-12, 2, 2, 1)).toMatchObject({ components: 1, shape: 'cone' });
    expect(classifyQuadric(1e-6, 2, 2, 1).shape).toBe('two-sheeted');
  });

  // Brute force: sample each quadric (Newton from random starts), join ε-close points, count.
  const cases: [number, number, number, number][] = [
    // c, m, e, expected components
    [0.6, 2, 1, 2],
    [-0.6, 2, 1, 1],
    [-0.6, 1, 1, 2],
    [0.6, 1, 1, 2],
    [0.6, 1, 2, 1],
    [-0.6, 1, 2, 2],
  ];
  for (const [c, m, e, expected] of cases) {
    it(`Q(${c}) in ℝ^${m} × ℝ^${e}: sampled connectivity agrees with the closed form (${expected})`, () => {
      const res = sampledComponents([c], m, e, { count: 3000, epsilon: 0.35, radius: 2, rand: rng(7) });
      expect(res.points).toBe(3000);
      // Specks of a few points near the box's edge are sampling noise; the big pieces hold ≥ 97%.
      const big = res.sizes.filter((s) => s >= 30);
      expect(big.length).toBe(expected);
      expect(big.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.97 * res.points);
      expect(classifyQuadric(c, 1, m, e).components).toBe(expected);
    });
  }

  it('products: sampled components of H(c) = Π Q(c_k) equal the product of the counts', () => {
    const cs = [0.5, -0.4, 0.7];
    const res = sampledComponents(cs, 1, 1, { count: 4000, epsilon: 0.45, radius: 1.8, rand: rng(3) });
    // m = 1: every factor has 2 components → 8.
    expect(res.sizes.filter((s) => s > 20).length).toBe(8);
    expect(res.sizes.filter((s) => s > 20).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.9 * res.points);
    const res2 = sampledComponents([0.6, -0.5], 2, 1, { count: 4000, epsilon: 0.35, radius: 1.8, rand: rng(4) });
    expect(res2.sizes.filter((s) => s > 20).length).toBe(2);
    const net = shallow1d([[0.3, 0.2, 0.9], [0.8, 0.3, 0.2]]);
    expect(analyseObstruction(net).components).toBe(2);
  });
});

describe('analyseObstruction', () => {
  it('counts components and the classes distinct up to symmetry (Fig. 2b: 4 components, 3 classes)', () => {
    const net = shallow1d([[0.2, 0.1, 0.9], [0.1, 0.3, -0.8], [1, 0.5, 0.3]]);
    const ob = analyseObstruction(net);
    expect(ob.incomingDim).toBe(2);
    expect(ob.neurons.map((n) => n.c)).toEqual([0.81 - 0.05, 0.64 - 0.1, 0.09 - 1.25].map((v) => expect.closeTo(v, 14)));
    expect(ob.pathological).toBe(2);
    expect(ob.components).toBe(4);
    expect(ob.distinctComponents).toBe(3);
    expect(ob.component).toBe('+−·');
  });

  it('distinct classes match brute-force orbit counting of sign labels under permutation', () => {
    for (let lMinus = 0; lMinus <= 5; lMinus++) {
      const labels = new Set<string>();
      for (let mask = 0; mask < 1 << lMinus; mask++) {
        const signs = Array.from({ length: lMinus }, (_, k) => ((mask >> k) & 1 ? '+' : '-'));
        labels.add(signs.sort().join('')); // canonical form under permutations
      }
      const neurons: [number, number, number][] = Array.from({ length: lMinus }, (_, k) => [0.1, 0.1, k % 2 ? 1 : -1]);
      neurons.push([1, 1, 0.2]);
      expect(analyseObstruction(shallow1d(neurons)).distinctComponents).toBe(labels.size);
    }
  });

  it('with frozen biases and 1-D input, c < 0 freezes the input sign', () => {
    const net = shallow1d([[0.9, 0, 0.2], [-0.8, 0, 0.1], [0.1, 0, 0.5]]);
    const ob = analyseObstruction(net, { trainedBias: false });
    expect(ob.incomingDim).toBe(1);
    expect(ob.inputFrozen).toBe(2);
    expect(ob.pathological).toBe(1);
    expect(ob.components).toBe(8);
    expect(ob.distinctComponents).toBe(2 * 3);
    expect(() => analyseObstruction(shallow1d([[0.9, 0.1, 0.2]]), { trainedBias: false })).toThrow(/frozen biases/);
  });

  it('refuses deep or multi-output networks', () => {
    expect(() => analyseObstruction(initNetwork([2, 3, 3, 1]))).toThrow(/one-hidden-layer network with scalar output/);
    expect(() => analyseObstruction(initNetwork([2, 3, 2]))).toThrow(/2 → 3 → 2/);
  });
});

describe('reachability', () => {
  const teacher = shallow1d([[1, -0.5, 1], [-1, -0.5, 1]]);

  it('reduces a teacher to minimal form (merging parallel neurons, dropping inert ones)', () => {
    const redundant = shallow1d([[1, -0.5, 0.5], [2, -1, 0.25], [-1, -0.5, 1], [0.3, 0.2, 0], [-2, 1, -0.7]]);
    // neurons 0 and 1 are the same direction: 0.5 + 2·0.25 = 1 > 0; neuron 3 has a = 0.
    expect(teacherNeurons(redundant).map((t) => t.outSign)).toEqual([1, 1, -1]);
    const cancelling = shallow1d([[1, 0, 1], [3, 0, -1 / 3]]);
    expect(teacherNeurons(cancelling)).toEqual([]);
  });

  it('decides by matching frozen signs to the target', () => {
    const target = teacherNeurons(teacher);
    const obstructed = analyseObstruction(shallow1d([[0.9, -0.3, 0.5], [-0.3, -0.2, -0.8]]));
    expect(reachability(obstructed, target)).toMatchObject({ reachable: false, matched: 1, positive: 2, negative: 0 });
    const free = analyseObstruction(shallow1d([[0.9, -0.3, 0.5], [-0.7, -0.2, -0.4]]));
    expect(reachability(free, target).reachable).toBe(true);
    const wide = analyseObstruction(shallow1d([[0.1, 0.1, -0.9], [0.1, 0.1, 0.9], [0.1, 0.1, 0.9]]));
    expect(reachability(wide, target).reachable).toBe(true);
    expect(reachability(wide, parseSignPattern('---')).reachable).toBe(false);
    expect(reachability(wide, parseSignPattern('++-')).reachable).toBe(true);
    expect(reachability(wide, parseSignPattern('++--')).reason).toMatch(/needs 4 neurons/);
    expect(() => parseSignPattern('+x')).toThrow(/pattern of \+ and -/);
  });
});

describe('closed-form probabilities (notes §2.6)', () => {
  it('Student-t tail matches closed forms for ν = 1, 2', () => {
    // ν = 1 (Cauchy): P(|T| > t) = 1 − 2 atan(t)/π; ν = 2: 1 − t/√(t² + 2).
    for (const t of [0.3, 1, 2.5]) {
      expect(studentTwoSidedTail(t, 1)).toBeCloseTo(1 - (2 * Math.atan(t)) / Math.PI, 12);
      expect(studentTwoSidedTail(t, 2)).toBeCloseTo(1 - t / Math.sqrt(t * t + 2), 12);
    }
  });

  it('reproduces the reference tables', () => {
    const xavier: [number, number, number][] = [[1, 2, 0.75], [2, 5, 0.855], [5, 10, 0.701], [10, 100, 0.721], [50, 2, 0.182], [10, 500, 0.995]];
    for (const [d, l, p] of xavier) expect(obstructionProbability(d, l, 'xavier')).toBeCloseTo(p, 3);
    const kaiming: [number, number, number][] = [[1, 2, 0.63], [2, 2, 0.5], [2, 500, 0.631], [5, 10, 0.224], [10, 5, 0.223], [50, 5, 0.141]];
    for (const [d, l, p] of kaiming) expect(obstructionProbability(d, l, 'kaiming')).toBeCloseTo(p, 3);
  });

  it('the closed form agrees with sampling our own initialisation', () => {
    const d = 3;
    const l = 4;
    const rand = rng(12);
    let hits = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) if (analyseObstruction(initNetwork([d, l, 1], 'kaiming', rand)).pathological > 0) hits++;
    const p = obstructionProbability(d, l, 'kaiming');
    expect(Math.abs(hits / trials - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / trials));
  });

  it('the teacher-specific probability agrees with enumeration', () => {
    // l = 2, target ++: reachable iff no pathological neuron is negative → 1 − (1 − p/2)².
    const p = pathologicalProbability(2, 2, 'kaiming');
    expect(unreachableProbability(2, p, 2, 0)).toBeCloseTo(1 - (1 - p / 2) ** 2, 14);
    expect(unreachableProbability(3, 0, 2, 1)).toBe(0);
    expect(unreachableProbability(3, 1, 3, 0)).toBeCloseTo(1 - 1 / 8, 14);
    expect(unreachableProbability(2, 0.3, 2, 1)).toBe(1);
  });
});
