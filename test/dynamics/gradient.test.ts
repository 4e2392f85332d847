import { describe, expect, it } from 'vitest';
import { createNetwork, evaluateBatch } from '../../src/net/index.js';
import { rng, normals } from '../../src/numeric/random.js';
import {
  adam, conservedQuantities, gradientDescent, initNetwork, objective, packNetwork, paramLayout, projectConserved, softplus,
  unpackNetwork, type Batch, type LossName,
} from '../../src/dynamics/index.js';

function randomBatch(n: number, count: number, targets: Float64Array, targetDim: number, seed = 5): Batch {
  return { inputs: normals(rng(seed), count * n), targets, count, inputDim: n, targetDim };
}

describe('parameter layout', () => {
  it('packs and unpacks a network without change', () => {
    const net = initNetwork([3, 4, 2, 1], 'kaiming', 7);
    const { layout, theta } = packNetwork(net);
    expect(layout.size).toBe(3 * 4 + 4 + 4 * 2 + 2 + 2 + 1);
    const back = unpackNetwork(layout, theta);
    const x = normals(rng(1), 30);
    expect(Array.from(evaluateBatch(back, x))).toEqual(Array.from(evaluateBatch(net, x)));
  });

  it('refuses non-positive widths', () => {
    expect(() => paramLayout([2, 0, 1])).toThrow(/positive integers/);
  });
});

describe('objective', () => {
  const cases: [LossName, number[], (count: number) => [Float64Array, number]][] = [
    ['mse', [3, 5, 4, 2], (c) => [normals(rng(2), 2 * c), 2]],
    ['bce', [3, 5, 1], (c) => [Float64Array.from({ length: c }, (_, i) => i % 2), 1]],
    ['ce', [3, 6, 3], (c) => [Float64Array.from({ length: c }, (_, i) => i % 3), 1]],
  ];
  for (const [loss, arch, make] of cases) {
    it(`${loss}: the gradient matches central finite differences`, () => {
      const count = 17;
      const [targets, td] = make(count);
      const batch = randomBatch(arch[0], count, targets, td);
      const { layout, theta } = packNetwork(initNetwork(arch, 'xavier', 3));
      for (let k = 0; k < theta.length; k++) theta[k] += 0.05 * Math.sin(k); // non-zero biases too
      const f = objective(layout, batch, loss);
      const grad = new Float64Array(layout.size);
      f(theta, grad);
      const scratch = new Float64Array(layout.size);
      const h = 1e-6;
      let worst = 0;
      for (let k = 0; k < theta.length; k++) {
        const save = theta[k];
        theta[k] = save + h;
        const up = f(theta, scratch);
        theta[k] = save - h;
        const down = f(theta, scratch);
        theta[k] = save;
        worst = Math.max(worst, Math.abs((up - down) / (2 * h) - grad[k]));
      }
      expect(worst).toBeLessThan(1e-7);
    });
  }

  it('mse is the mean squared error of the network outputs', () => {
    const net = createNetwork([{ weight: [[1, -1], [0.5, 2]], bias: [0, 0.1] }, { weight: [[1, 1]], bias: [0] }]);
    const inputs = new Float64Array([0.3, 0.2, -1, 1]);
    const targets = new Float64Array([1, 1]);
    const { layout, theta } = packNetwork(net);
    const value = objective(layout, { inputs, targets, count: 2, inputDim: 2, targetDim: 1 }, 'mse')(theta, new Float64Array(layout.size));
    // F(0.3, 0.2) = 0.75, F(−1, 1) = 1.6 (test/net.test.ts): ((0.25)² + (0.6)²) / 2.
    expect(value).toBeCloseTo((0.0625 + 0.36) / 2, 14);
  });

  it('bce of a zero logit is log 2, and softplus does not overflow', () => {
    const { layout, theta } = packNetwork(createNetwork([{ weight: [[0]], bias: [0] }, { weight: [[0]], bias: [0] }]));
    const value = objective(layout, { inputs: new Float64Array([1]), targets: new Float64Array([1]), count: 1, inputDim: 1, targetDim: 1 }, 'bce')(theta, new Float64Array(layout.size));
    expect(value).toBeCloseTo(Math.LN2, 15);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBeGreaterThanOrEqual(0);
  });

  it('refuses mismatched data', () => {
    const layout = paramLayout([2, 3, 1]);
    expect(() => objective(layout, randomBatch(3, 4, new Float64Array(4), 1), 'mse')).toThrow(/3 input column\(s\) but the architecture starts with 2/);
    expect(() => objective(layout, randomBatch(2, 4, new Float64Array([0, 1, 2, 0]), 1), 'bce')).toThrow(/targets in \[0, 1\]/);
    expect(() => objective(paramLayout([2, 3, 2]), randomBatch(2, 2, new Float64Array([0, 5]), 1), 'ce')).toThrow(/not a class index/);
  });
});

describe('conserved quantities', () => {
  it('one gd step changes c by exactly η²(‖∇a‖² − ‖∇w‖² − ∇b²) (notes §2.2)', () => {
    const arch = [2, 4, 1];
    const batch = randomBatch(2, 20, normals(rng(9), 20), 1);
    const { layout, theta } = packNetwork(initNetwork(arch, 'kaiming', 11));
    const f = objective(layout, batch, 'mse');
    const grad = new Float64Array(layout.size);
    f(theta, grad);
    const before = conservedQuantities(layout, theta).c.slice();
    const lr = 0.3;
    gradientDescent(f, layout.size, lr).step(theta);
    const after = conservedQuantities(layout, theta).c;
    for (let k = 0; k < 4; k++) {
      const ga = grad[layout.weightOffset[1] + k];
      const gw2 = grad[layout.weightOffset[0] + 2 * k] ** 2 + grad[layout.weightOffset[0] + 2 * k + 1] ** 2 + grad[layout.biasOffset[0] + k] ** 2;
      const predicted = lr * lr * (ga * ga - gw2);
      expect(after[k] - before[k]).toBeCloseTo(predicted, 14);
      expect(Math.abs(predicted)).toBeGreaterThan(1e-6); // the test has something to detect
    }
  });

  it('the rescaling projection restores c without changing the function', () => {
    const net = initNetwork([2, 5, 3, 1], 'kaiming', 4);
    const { layout, theta } = packNetwork(net);
    const target = Float64Array.from({ length: 8 }, (_, k) => 0.3 * Math.cos(k));
    projectConserved(layout, theta, target);
    const { c } = conservedQuantities(layout, theta);
    for (let k = 0; k < 8; k++) expect(c[k]).toBeCloseTo(target[k], 12);
    const x = normals(rng(3), 40);
    const y0 = evaluateBatch(net, x);
    const y1 = evaluateBatch(unpackNetwork(layout, theta), x);
    for (let i = 0; i < y0.length; i++) expect(y1[i]).toBeCloseTo(y0[i], 12);
  });

  it('adam lowers the loss on a small regression', () => {
    const batch = randomBatch(2, 30, normals(rng(9), 30), 1);
    const { layout, theta } = packNetwork(initNetwork([2, 8, 1], 'kaiming', 2));
    const f = objective(layout, batch, 'mse');
    const opt = adam(f, layout.size, 0.01);
    const first = opt.step(theta);
    let last = first;
    for (let i = 0; i < 300; i++) last = opt.step(theta);
    expect(last).toBeLessThan(0.5 * first);
  });
});
