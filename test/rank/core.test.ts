import { describe, it, expect } from 'vitest';
import { createNetwork } from '../../src/net/network.js';
import { affineMapForPattern } from '../../src/net/affine.js';
import { signSequence } from '../../src/net/signs.js';
import { matrixRank } from '../../src/numeric/linalg.js';
import { rng, uniforms, normals } from '../../src/numeric/random.js';
import { tolerance } from '../../src/numeric/tolerance.js';
import { TesseraError } from '../../src/numeric/errors.js';
import { patternRanks, representationJacobian } from '../../src/rank/jacobian.js';
import { ranksAtPoints } from '../../src/rank/points.js';
import { representations } from '../../src/rank/represent.js';
import { rankShares, lowRankShare } from '../../src/rank/shares.js';
import { dataSpan } from '../../src/rank/span.js';
import { parseLayers, layerLabel } from '../../src/rank/layers.js';
import { randomNetwork } from '../../src/rank/randomNets.js';
import { fold, identity4, quadrant, circle, finiteDifferenceJacobian } from './fixtures.js';

describe('pattern ranks', () => {
  it('the folding net has rank 1 on both of its regions; the preserving net rank 2 everywhere', () => {
    expect(Array.from(patternRanks(fold, [1, -1]))).toEqual([1, 1]);
    expect(Array.from(patternRanks(fold, [-1, 1]))).toEqual([1, 1]);
    expect(Array.from(patternRanks(fold, [-1, -1]))).toEqual([0, 0]);
    for (const p of [[1, 1, -1, -1], [-1, 1, 1, -1], [1, -1, -1, 1], [-1, -1, 1, 1]]) expect(Array.from(patternRanks(identity4, p))).toEqual([2, 2]);
  });
  it('quadrant net: ranks 2, 1, 1, 0 in the four quadrants', () => {
    expect(Array.from(patternRanks(quadrant, [1, 1]))).toEqual([2, 1]);
    expect(Array.from(patternRanks(quadrant, [1, -1]))).toEqual([1, 1]);
    expect(Array.from(patternRanks(quadrant, [-1, -1]))).toEqual([0, 0]);
    // A 0 in a sign sequence counts as off (closure convention).
    expect(Array.from(patternRanks(quadrant, [0, 1]))).toEqual([1, 1]);
  });
  it('agrees with the rank of the finite-difference Jacobian of Φ_l at sample points (random deep nets)', () => {
    const rand = rng(11);
    let checked = 0;
    const seen = new Set<number>();
    for (let trial = 0; trial < 6; trial++) {
      const net = randomNetwork(rand, [4, 3, 5, 2, 3], { kind: 'normal', mean: 0, std: 1 });
      const pts = uniforms(rand, 40 * 4, -3, 3);
      const pr = ranksAtPoints(net, pts, 40);
      for (let p = 0; p < 40; p++) {
        const x = pts.subarray(p * 4, p * 4 + 4);
        for (let l = 1; l <= 4; l++) {
          const width = net.layers[l - 1].outDim;
          const J = finiteDifferenceJacobian(net, x, l, 1e-6);
          const fd = matrixRank(J, width, 4, tolerance(1e-6));
          expect(pr.ranks[p * 4 + l - 1]).toBe(fd);
          seen.add(fd);
          checked++;
        }
      }
    }
    expect(checked).toBe(6 * 40 * 4);
    // The check saw genuinely different ranks, including drops below the input dimension.
    expect(seen.has(0) || seen.has(1)).toBe(true);
    expect(seen.has(2)).toBe(true);
  });
  it('output rank equals the rank of affineMapForPattern’s Jacobian; ranks never increase with depth', () => {
    const rand = rng(5);
    for (let t = 0; t < 20; t++) {
      const net = randomNetwork(rand, [5, 6, 4, 6, 3]);
      const x = normals(rand, 5, 0, 3);
      const s = signSequence(net, x);
      const ranks = patternRanks(net, s);
      const map = affineMapForPattern(net, s);
      expect(ranks[3]).toBe(matrixRank(map.jacobian, map.rows, map.cols));
      for (let l = 1; l < 4; l++) expect(ranks[l]).toBeLessThanOrEqual(ranks[l - 1]);
      // Full Jacobian of a hidden layer: the pre-activation map's rows with inactive ones zeroed.
      const pre = affineMapForPattern(net, s, 1);
      const post = representationJacobian(net, s, 2);
      for (let o = 0; o < 4; o++) for (let j = 0; j < 5; j++) expect(post[o * 5 + j]).toBeCloseTo(s[6 + o] > 0 ? pre.jacobian[o * 5 + j] : 0, 12);
    }
  });
  it('restricting to a basis gives the rank on that subspace', () => {
    // Quadrant net on the line y = 0 (basis e₁): region (+,+) has rank 1 there, region (−,+) rank 0.
    const e1 = new Float64Array([1, 0]);
    expect(patternRanks(quadrant, [1, 1], { basis: e1, basisCols: 1 })[0]).toBe(1);
    expect(patternRanks(quadrant, [-1, 1], { basis: e1, basisCols: 1 })[0]).toBe(0);
    expect(() => patternRanks(quadrant, [1])).toThrow(TesseraError);
  });
});

describe('ranks at points and shares', () => {
  it('quadrant net: a grid puts 1/4, 1/2, 1/4 of the points in ranks 0, 1, 2', () => {
    const pts: number[] = [];
    for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) pts.push(-0.975 + i * 0.1, -0.975 + j * 0.1);
    const pr = ranksAtPoints(quadrant, Float64Array.from(pts), 400);
    expect(pr.patterns.length).toBe(4);
    const shares = rankShares(pr.ranks, 400, 2, 0);
    expect(shares.map((s) => [s.rank, s.share])).toEqual([[0, 0.25], [1, 0.5], [2, 0.25]]);
    expect(lowRankShare(shares, 2)).toBeCloseTo(0.75, 15);
  });
  it('the circle through the folding net lands in rank-1 regions only', () => {
    const { points, count } = circle(64);
    const pr = ranksAtPoints(fold, points, count);
    expect(new Set(pr.ranks).size).toBe(1);
    expect(pr.ranks[0]).toBe(1);
  });
  it('representations are post-ReLU for hidden layers and the output last', () => {
    const reps = representations(fold, new Float64Array([0.5, 0.2, -0.3, 0.9]), 2);
    expect(Array.from(reps[0])).toEqual([0.5, 0, 0, 0.3]);
    expect(Array.from(reps[1]).map((v) => +v.toFixed(12))).toEqual([0.5, 0, -0.3, 0]);
  });
});

describe('data span and layers', () => {
  it('a circle embedded linearly in ℝ⁵ spans 2 dimensions', () => {
    const { points, count } = circle(50);
    const A = normals(rng(2), 2 * 5);
    const emb = new Float64Array(count * 5);
    for (let p = 0; p < count; p++) for (let j = 0; j < 5; j++) emb[p * 5 + j] = points[p * 2] * A[j] + points[p * 2 + 1] * A[5 + j] + 3;
    const span = dataSpan(emb, count, 5);
    expect(span.dim).toBe(2);
    expect(span.centroid[0]).toBeCloseTo(3, 12);
  });
  it('parses layer lists', () => {
    const net = randomNetwork(rng(1), [2, 3, 3, 1]);
    expect(parseLayers(undefined, net)).toEqual([1, 2, 3]);
    expect(parseLayers('output,1', net)).toEqual([1, 3]);
    expect(layerLabel(net, 3)).toBe('output');
    expect(() => parseLayers('4', net)).toThrow(/not a layer/);
    expect(() => parseLayers('x', net)).toThrow(TesseraError);
  });
});

describe('quotient metric (M/A)', () => {
  it('crushes a class to a point and closes distances through it', async () => {
    const { quotientDistances } = await import('../../src/rank/quotient.js');
    // Four points on a line at 0, 1, 2, 10; points 1 and 2 form one class.
    const x = [0, 1, 2, 10];
    const d = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) d[i * 4 + j] = Math.abs(x[i] - x[j]);
    const q = quotientDistances(d, 4, Int32Array.from([-1, 7, 7, -1]));
    expect(q.nodes).toBe(3);
    // Nodes: point 0, point 3, class {1,2}: d(0, A) = 1, d(3, A) = 8, d(0, 3) = min(10, 1 + 8) = 9.
    expect(Array.from(q.dist)).toEqual([0, 9, 1, 9, 0, 8, 1, 8, 0]);
  });
});
