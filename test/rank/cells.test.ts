import { describe, it, expect } from 'vitest';
import { buildComplex, boxDomain, topCellVolume, sliceComplex } from '../../src/complex/index.js';
import { rng } from '../../src/numeric/random.js';
import { matrixRank } from '../../src/numeric/linalg.js';
import { tolerance } from '../../src/numeric/tolerance.js';
import { signSequence } from '../../src/net/signs.js';
import { cellRanks } from '../../src/rank/cells.js';
import { topCellVolumes } from '../../src/rank/volume.js';
import { rankShares } from '../../src/rank/shares.js';
import { patternRanks } from '../../src/rank/jacobian.js';
import { randomNetwork } from '../../src/rank/randomNets.js';
import { quadrant, fold, identity4, finiteDifferenceJacobian } from './fixtures.js';

describe('ranks of the cells of the complex', () => {
  it('quadrant net on [−1,1]²: volume shares 1/4, 1/2, 1/4 for ranks 0, 1, 2 at layer 1', () => {
    const c = buildComplex(quadrant, boxDomain(2));
    const cr = cellRanks(quadrant, c);
    expect(cr.regions).toBe(4);
    expect(cr.totalVolume).toBeCloseTo(4, 12);
    const shares = rankShares(cr.ranks, cr.regions, cr.layers, 0, cr.volumes);
    expect(shares.map((s) => [s.rank, +s.share.toFixed(12), s.regions])).toEqual([[0, 0.25, 1], [1, 0.5, 2], [2, 0.25, 1]]);
  });
  it('fold is rank 1 on its whole domain, identity4 rank 2', () => {
    for (const [net, rank] of [[fold, 1], [identity4, 2]] as const) {
      const cr = cellRanks(net, buildComplex(net, boxDomain(2)));
      const shares = rankShares(cr.ranks, cr.regions, cr.layers, 0, cr.volumes);
      expect(shares.map((s) => [s.rank, +s.share.toFixed(12)])).toEqual([[rank, 1]]);
    }
  });
  it('rank per cell = rank of the finite-difference Jacobian at the cell’s interior point (2-D, 3-D)', () => {
    const rand = rng(21);
    let low = 0;
    for (const widths of [[2, 3, 2, 2], [3, 4, 2, 3, 1], [3, 2, 5, 2]]) {
      const net = randomNetwork(rand, widths, { kind: 'normal', mean: 0, std: 1 });
      const n = widths[0];
      const c = buildComplex(net, boxDomain(n, -2, 2));
      const cr = cellRanks(net, c);
      for (let r = 0; r < cr.regions; r++) {
        const x = c.topInteriorPoints.subarray(r * n, (r + 1) * n);
        // The interior point is in the cell: its pattern's ranks are the cell's.
        expect(Array.from(patternRanks(net, signSequence(net, x)))).toEqual(Array.from(cr.ranks.subarray(r * cr.layers, (r + 1) * cr.layers)));
        for (let l = 1; l <= cr.layers; l++) {
          const width = widths[l];
          const J = finiteDifferenceJacobian(net, x, l, 1e-7);
          expect(cr.ranks[r * cr.layers + l - 1]).toBe(matrixRank(J, width, n, tolerance(1e-5)));
          if (cr.ranks[r * cr.layers + l - 1] < n) low++;
        }
      }
    }
    expect(low).toBeGreaterThan(0);
  });
  it('volumes by pulling triangulation match the complex’s own 2-D/3-D volumes and sum to the box in 4-D', () => {
    const rand = rng(22);
    for (const n of [2, 3]) {
      const net = randomNetwork(rand, [n, 6, 4, 1], { kind: 'normal', mean: 0, std: 1 });
      const c = buildComplex(net, boxDomain(n));
      const v = topCellVolumes(c);
      let sum = 0;
      for (let r = 0; r < v.length; r++) {
        expect(v[r]).toBeCloseTo(topCellVolume(c, r), 10);
        sum += v[r];
      }
      expect(sum).toBeCloseTo(2 ** n, 10);
    }
    const net4 = randomNetwork(rand, [4, 5, 1], { kind: 'normal', mean: 0, std: 1 });
    const c4 = buildComplex(net4, boxDomain(4, 0, 0.5));
    const v4 = topCellVolumes(c4);
    expect(v4.reduce((s, x) => s + x, 0)).toBeCloseTo(0.5 ** 4, 12);
    for (const x of v4) expect(x).toBeGreaterThan(0);
  });
  it('on a slice, cells carry the ranks of the full network’s maps', () => {
    const net = randomNetwork(rng(23), [5, 3, 4, 2], { kind: 'normal', mean: 0, std: 1 });
    const pts = [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 1, 0]];
    const c = sliceComplex(net, pts);
    const cr = cellRanks(net, c);
    for (let r = 0; r < cr.regions; r++) {
      const t = c.topInteriorPoints.subarray(r * 2, r * 2 + 2);
      const x = pts[0].map((p0, i) => p0 + t[0] * (pts[1][i] - p0) + t[1] * (pts[2][i] - p0));
      expect(Array.from(patternRanks(net, signSequence(net, x)))).toEqual(Array.from(cr.ranks.subarray(r * 3, r * 3 + 3)));
    }
    // A width-3 first layer caps every rank at 3 < 5: the whole slice is low-rank.
    expect(Math.max(...cr.ranks)).toBeLessThanOrEqual(3);
    expect(cr.totalVolume).toBeCloseTo(1.2 * 1.2, 10);
  });
});
