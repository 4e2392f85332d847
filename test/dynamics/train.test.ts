import { describe, expect, it } from 'vitest';
import { createNetwork, evaluateBatch } from '../../src/net/index.js';
import {
  analyseObstruction, dopriStepper, reachability, teacherData, teacherNeurons, train, xorData,
} from '../../src/dynamics/index.js';

// The toy of notes §2.5, made obstructed even with a trained output bias: the teacher
// f*(x) = σ(x − ½) + σ(−x − ½) has two convex kinks inside [−1, 1], so it needs two neurons with
// positive output weight. Student width 2.
const teacher = createNetwork([{ weight: [[1], [-1]], bias: [-0.5, -0.5] }, { weight: [[1, 1]], bias: [0] }]);
const data = teacherData(teacher, { samples: 64, seed: 3 });
// Neuron 2 pathological (c = 0.64 − 0.09 − 0.04 > 0) with a < 0: its sign can never turn positive.
const obstructed = createNetwork([{ weight: [[0.9], [-0.3]], bias: [-0.3, -0.2] }, { weight: [[0.5, -0.8]], bias: [0] }]);
// Both neurons c < 0 and a > 0.
const unobstructed = createNetwork([{ weight: [[0.9], [-0.7]], bias: [-0.3, -0.2] }, { weight: [[0.5, 0.4]], bias: [0] }]);

describe('Dormand–Prince', () => {
  it('integrates y′ = −y to the exact exponential within tolerance', () => {
    const stepper = dopriStepper((y, d) => { d[0] = -y[0]; d[1] = -2 * y[1]; }, 2, { rtol: 1e-10, atol: 1e-14, maxSteps: 10000 });
    const y = new Float64Array([1, 1]);
    for (let k = 0; k < 10; k++) stepper.advance(y, 0.3);
    expect(Math.abs(y[0] - Math.exp(-3)) / Math.exp(-3)).toBeLessThan(1e-8);
    expect(Math.abs(y[1] - Math.exp(-6)) / Math.exp(-6)).toBeLessThan(1e-8);
    expect(stepper.stats.rejected + stepper.stats.accepted).toBeLessThan(500);
  });

  it('refuses to run past its step budget', () => {
    const stepper = dopriStepper((y, d) => { d[0] = Math.cos(1000 * y[0]) * 1000; }, 1, { rtol: 1e-12, atol: 1e-14, maxSteps: 5 });
    expect(() => stepper.advance(new Float64Array([0]), 10)).toThrow(/raise --max-steps/);
  });
});

describe('training', () => {
  it('gradient flow conserves every c_k to 1e-8 relative; gd and adam do not', () => {
    const flow = train(obstructed, data, { loss: 'mse', optimizer: 'flow', epochs: 100, lr: 0.5 });
    expect(flow.conserved.maxRelativeDrift).toBeLessThan(1e-8);
    expect(flow.flow!.time).toBe(50);
    const flowGood = train(unobstructed, data, { loss: 'mse', optimizer: 'flow', epochs: 100, lr: 0.5 });
    expect(flowGood.conserved.maxRelativeDrift).toBeLessThan(1e-8);
    // The loss really moved, so conservation is not trivial.
    expect(flowGood.finalLoss).toBeLessThan(0.2 * flowGood.lossCurve[0]);
    const gd = train(obstructed, data, { loss: 'mse', optimizer: 'gd', epochs: 250, lr: 0.2 });
    expect(gd.conserved.maxRelativeDrift).toBeGreaterThan(1e-4);
    const ad = train(obstructed, data, { loss: 'mse', optimizer: 'adam', epochs: 250, lr: 0.01 });
    expect(ad.conserved.maxRelativeDrift).toBeGreaterThan(1e-2);
  });

  it('gd with small steps follows the flow', () => {
    const flow = train(unobstructed, data, { loss: 'mse', optimizer: 'flow', epochs: 20, lr: 0.5 });
    const gd = train(unobstructed, data, { loss: 'mse', optimizer: 'gd', epochs: 2000, lr: 0.005 });
    for (let k = 0; k < flow.theta.length; k++) expect(Math.abs(gd.theta[k] - flow.theta[k])).toBeLessThan(5e-3);
  });

  it('projection holds c to machine precision and keeps the loss', () => {
    const r = train(obstructed, data, { loss: 'mse', optimizer: 'gd', epochs: 300, lr: 0.2, project: true });
    expect(r.conserved.maxRelativeDrift).toBeLessThan(1e-14);
    expect(r.conserved.preProjectionDrift!).toBeGreaterThan(1e-8);
  });

  it('an obstructed teacher/student pair never reaches zero loss; the unobstructed one does', () => {
    const target = teacherNeurons(teacher);
    expect(target.map((t) => t.outSign)).toEqual([1, 1]);
    expect(reachability(analyseObstruction(obstructed), target).reachable).toBe(false);
    expect(reachability(analyseObstruction(unobstructed), target).reachable).toBe(true);
    for (const optimizer of ['gd', 'adam'] as const) {
      const lr = optimizer === 'gd' ? 0.2 : 0.01;
      const bad = train(obstructed, data, { loss: 'mse', optimizer, epochs: 4000, lr });
      const good = train(unobstructed, data, { loss: 'mse', optimizer, epochs: 4000, lr });
      expect(Math.min(...bad.lossCurve)).toBeGreaterThan(0.019);
      expect(good.finalLoss).toBeLessThan(1e-9);
      // The pathological neuron's output weight kept its sign.
      expect(bad.network.layers[1].weight[1]).toBeLessThan(0);
      const out = evaluateBatch(good.network, data.inputs);
      for (let i = 0; i < data.count; i++) expect(out[i]).toBeCloseTo(data.targets[i], 4);
    }
  });

  it('classifies xor with bce', () => {
    const xor = xorData({ samples: 80, seed: 2 });
    const init = createNetwork([{ weight: [[1, 0.2], [-0.3, 1], [0.7, -0.8], [-1, -0.4]], bias: [0, 0, 0, 0] }, { weight: [[0.5, -0.5, 0.4, 0.3]], bias: [0] }]);
    const r = train(init, xor, { loss: 'bce', optimizer: 'adam', epochs: 600, lr: 0.05 });
    expect(r.accuracy).toBe(1);
    expect(r.finalLoss).toBeLessThan(0.1);
  });

  it('refuses a diverging run with a clear message', () => {
    expect(() => train(unobstructed, data, { loss: 'mse', optimizer: 'gd', epochs: 400, lr: 50 })).toThrow(/diverged.*lower --lr/);
  });
});
