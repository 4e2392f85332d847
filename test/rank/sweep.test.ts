import { describe, it, expect } from 'vitest';
import { rng, uniforms } from '../../src/numeric/random.js';
import { randomNetwork, daleNetwork, signFlippedNetwork } from '../../src/rank/randomNets.js';
import { boxSample, rankRangeOnPoints, sweepStats } from '../../src/rank/sweep.js';

const box = (m: number, count = 100) => (rand: () => number) => ({ points: boxSample(rand, count, m), count });

describe('low-rank sweep (Beshkov & Einevoll Fig. 2a/2b protocol)', () => {
  it('narrow nets almost always have low-rank regions on the data, wide ones never (Fig. 2a extremes)', () => {
    const rand = rng(1);
    const narrow = sweepStats(rand, 30, (r) => randomNetwork(r, [2, 2, 1]), box(2), 2);
    const wide = sweepStats(rand, 30, (r) => randomNetwork(r, [2, 100, 1]), box(2), 2);
    const veryNarrow = sweepStats(rand, 30, (r) => randomNetwork(r, [10, 2, 1]), box(10), 10);
    const wide5 = sweepStats(rand, 20, (r) => randomNetwork(r, [5, 50, 1]), box(5), 5);
    // Paper / notes §3.4: P = 1.00, 0, 1, 0; mean min rank 0.1, 2.0, 0.0, 5.0.
    expect(narrow.lowRankProbability).toBeGreaterThanOrEqual(0.9);
    expect(narrow.meanMinRank).toBeLessThan(0.5);
    expect(wide.lowRankProbability).toBe(0);
    expect(wide.meanMinRank).toBe(2);
    expect(veryNarrow.lowRankProbability).toBe(1);
    expect(veryNarrow.meanMinRank).toBe(0);
    expect(wide5.lowRankProbability).toBe(0);
    expect(wide5.meanMinRank).toBe(5);
  });
  it('a larger mean weight lowers the rank (Fig. 2b: m = 10, width 50)', () => {
    const rand = rng(2);
    const mk = (mean: number) => (r: () => number) => randomNetwork(r, [10, 50, 1], { kind: 'normal', mean, std: 0.1 });
    const centred = sweepStats(rand, 10, mk(0), box(10), 10);
    const shifted = sweepStats(rand, 10, mk(0.2), box(10), 10);
    // Notes §3.4 re-run: 10.0 at μ = 0, 0 at μ = 0.2.
    expect(centred.meanMinRank).toBeGreaterThan(9);
    expect(shifted.meanMinRank).toBeLessThan(1);
    expect(shifted.lowRankProbability).toBe(1);
  });
  it('Dale’s principle: few inhibitory inputs keep full rank, balance brings collapse (Fig. 2d)', () => {
    const rand = rng(3);
    const nonNegative = (r: () => number) => uniforms(r, 100 * 50, 0, 10);
    const range = (inhibitory: number) => {
      let min = 0;
      let max = 0;
      const nets = 4;
      for (let k = 0; k < nets; k++) {
        const rr = rankRangeOnPoints(daleNetwork(rand, 50, 100, inhibitory), nonNegative(rand), 100);
        min += Math.min(rr.min, 50) / nets;
        max += Math.min(rr.max, 50) / nets;
      }
      return { min, max };
    };
    const few = range(2);
    const balanced = range(12);
    const many = range(30);
    expect(few).toEqual({ min: 50, max: 50 });
    expect(balanced.min).toBeLessThan(49);
    expect(balanced.max).toBeGreaterThan(balanced.min);
    expect(many.max).toBeLessThan(5);
  });
  it('sign-flipped nets: the rank far along −𝟙 is the number of flipped neurons (Fig. 2c theory)', () => {
    const net = signFlippedNetwork(rng(4), 3, 10, 2);
    const far = new Float64Array([-100, -100, -100, 100, 100, 100]);
    const pr = rankRangeOnPoints(net, far.subarray(0, 3), 1);
    expect(pr.min).toBe(2);
    expect(rankRangeOnPoints(net, far.subarray(3), 1).min).toBe(3); // n − r = 8 active, capped by m = 3
  });
});
