import { describe, expect, it } from 'vitest';
import {
  affineMapForPattern, applyAffine, createNetwork, evaluate, evaluateBatch, localAffineMap, packSigns,
  parseNetworkJSON, planeThroughPoints, signSequence, signString, sliceNetwork, unpackSigns, TesseraError,
} from '../src/index.js';

// DESIGN.md's example network: F(x) = relu(x1 − x2) + relu(0.5 x1 + 2 x2 + 0.1).
const designNet = parseNetworkJSON(
  '{"format":"relu-mlp","layers":[{"weight":[[1,-1],[0.5,2]],"bias":[0,0.1]},{"weight":[[1,1]],"bias":[0]}]}',
);

describe('evaluate', () => {
  it('matches hand-computed values', () => {
    expect(evaluate(designNet, [0.3, 0.2])[0]).toBeCloseTo(0.1 + 0.15 + 0.4 + 0.1, 15);
    // x = (−1, 1): relu(−2) + relu(−0.5 + 2 + 0.1) = 1.6
    expect(evaluate(designNet, [-1, 1])[0]).toBeCloseTo(1.6, 15);
    // x = (1, −1): relu(2) + relu(0.5 − 2 + 0.1) = 2
    expect(evaluate(designNet, [1, -1])[0]).toBe(2);
  });

  it('batch evaluation agrees with single evaluation', () => {
    const pts = new Float64Array([0.3, 0.2, -1, 1, 1, -1, 0, 0]);
    const out = evaluateBatch(designNet, pts);
    expect(Array.from(out)).toEqual([0, 1, 2, 3].map((p) => evaluate(designNet, pts.subarray(2 * p, 2 * p + 2))[0]));
  });

  it('refuses a point of the wrong dimension', () => {
    expect(() => evaluate(designNet, [1, 2, 3])).toThrow(/3 coordinates but the network takes 2/);
  });
});

describe('sign sequences and affine maps', () => {
  it('reads signs with zeros on bent hyperplanes', () => {
    expect(signString(signSequence(designNet, [1, -1]))).toBe('+-');
    expect(signString(signSequence(designNet, [0.5, 0.5]))).toBe('0+');
    // 0.5·0.2 + 2·(−0.1) + 0.1 = 0 up to rounding: the tolerance policy calls it 0.
    expect(signString(signSequence(designNet, [0.2, -0.1]))).toBe('+0');
  });

  it('packs and unpacks 2 bits a neuron', () => {
    const s = Int8Array.from({ length: 37 }, (_, i) => ((i * 7) % 3) - 1);
    expect(Array.from(unpackSigns(packSigns(s), 37))).toEqual(Array.from(s));
    expect(packSigns(s).length).toBe(3);
  });

  it('local affine map reproduces the network near the point', () => {
    const x = [0.3, 0.2];
    const map = localAffineMap(designNet, x);
    expect(Array.from(map.jacobian)).toEqual([1.5, 1]);
    expect(map.offset[0]).toBeCloseTo(0.1, 15);
    const y = [0.31, 0.19];
    expect(applyAffine(map, y)[0]).toBeCloseTo(evaluate(designNet, y)[0], 14);
  });

  it('maps to a hidden layer', () => {
    const m = affineMapForPattern(designNet, [1, 0], 0);
    expect(Array.from(m.jacobian)).toEqual([1, -1, 0.5, 2]);
  });
});

describe('validation', () => {
  it('rejects shape mismatches and non-finite weights', () => {
    expect(() => createNetwork([{ weight: [[1, 2]], bias: [0] }, { weight: [[1, 1]], bias: [0] }])).toThrow(/layer 1 takes 2 inputs but layer 0 gives 1/);
    expect(() => createNetwork([{ weight: [[1, NaN]], bias: [0] }])).toThrow(TesseraError);
    expect(() => createNetwork([{ weight: [[1, 2]], bias: [0, 1] }])).toThrow(/bias has 2 entries, expected 1/);
    expect(() => parseNetworkJSON('{"layers": [{"weight": [[1, null]], "bias": [0]}]}')).toThrow(/not a finite number/);
    expect(() => parseNetworkJSON('{"format": "keras"}')).toThrow(/unknown network format "keras"/);
    expect(() => parseNetworkJSON('{"layers": [')).toThrow(/malformed JSON/);
  });
});

describe('slices', () => {
  it('the sliced network equals the network on the plane', () => {
    const net = createNetwork([
      { weight: [[1, 2, -1], [0.5, -1, 1]], bias: [0.1, -0.2] },
      { weight: [[1, -2]], bias: [0.3] },
    ]);
    const plane = planeThroughPoints([[0, 0, 0], [1, 0, 1], [0, 2, -1]]);
    const sliced = sliceNetwork(net, plane);
    for (const [s, t] of [[0, 0], [1, 0], [0, 1], [0.3, 0.7], [-0.5, 1.5]]) {
      const x = [s, 2 * t, s - t];
      expect(evaluate(sliced, [s, t])[0]).toBeCloseTo(evaluate(net, x)[0], 14);
    }
    expect(() => planeThroughPoints([[0, 0], [1, 1], [2, 2]])).toThrow(/affinely dependent/);
  });
});
