/**
 * The forward region mapper (shared prefixes, in-place updates) against the plain backward pass, and
 * its promise that a region's map depends only on the regions since the last first-layer change.
 */
import { describe, expect, it } from 'vitest';
import { backwardRegionMapper } from '../../src/complex/assemble.js';
import { FRESH_RUNS, forwardRegionMapper, freshStarts } from '../../src/complex/regionmap.js';
import { boxDomain, buildComplex } from '../../src/complex/index.js';
import { rng } from '../../src/numeric/random.js';
import type { Network } from '../../src/net/index.js';
import { heNetwork } from './helpers.js';
import { signOrder } from '../../src/complex/regionorder.js';

function maps(net: Network, signs: Uint32Array, W: number, order: readonly number[], forward: boolean): { J: Float64Array; c: Float64Array } {
  const m = net.outputDim;
  const n = net.inputDim;
  const R = signs.length / W;
  const J = new Float64Array(R * m * n);
  const c = new Float64Array(R * m);
  const map = forward ? forwardRegionMapper(net) : backwardRegionMapper(net);
  for (const r of order) map(signs, r * W, J, r * m * n, c, r * m);
  return { J, c };
}

/** Largest difference per region, relative to the region's largest entry. */
function worst(a: { J: Float64Array; c: Float64Array }, b: { J: Float64Array; c: Float64Array }, m: number, n: number): number {
  let out = 0;
  for (let r = 0; r < b.c.length / m; r++) {
    let scale = 0;
    let diff = 0;
    for (let k = r * m * n; k < (r + 1) * m * n; k++) {
      scale = Math.max(scale, Math.abs(b.J[k]));
      diff = Math.max(diff, Math.abs(a.J[k] - b.J[k]));
    }
    for (let k = r * m; k < (r + 1) * m; k++) {
      scale = Math.max(scale, Math.abs(b.c[k]));
      diff = Math.max(diff, Math.abs(a.c[k] - b.c[k]));
    }
    out = Math.max(out, diff / Math.max(scale, 1e-300));
  }
  return out;
}

describe('forward region maps', () => {
  const cases: [number[], number][] = [[[2, 9, 1], 3], [[2, 12, 10, 8, 2], 5], [[2, 24, 24, 24, 3], 7], [[2, 5, 17, 33, 6, 1], 9]];
  for (const [arch, seed] of cases) {
    it(`agree with the backward pass in any region order (${arch.join('→')})`, () => {
      const net = heNetwork(arch, seed);
      const cx = buildComplex(net, boxDomain(2));
      const { signs } = cx.cells[2];
      const W = cx.signWords;
      const R = cx.cells[2].count;
      const inOrder = Array.from({ length: R }, (_, r) => r);
      const back = maps(net, signs, W, inOrder, false);
      expect(worst(maps(net, signs, W, inOrder, true), back, net.outputDim, 2)).toBeLessThan(1e-12);
      // The builder's own maps are these.
      expect(worst({ J: cx.topJacobians, c: cx.topOffsets }, back, net.outputDim, 2)).toBeLessThan(1e-12);
      const rand = rng(seed);
      const shuffled = inOrder.slice();
      for (let i = R - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(worst(maps(net, signs, W, shuffled, true), back, net.outputDim, 2)).toBeLessThan(1e-12);
    });
  }

  it('agree with the backward pass in 3-D too (general input width)', () => {
    const net = heNetwork([3, 7, 6, 2], 13);
    const cx = buildComplex(net, boxDomain(3));
    const W = cx.signWords;
    const R = cx.cells[3].count;
    const m = net.outputDim;
    const J = new Float64Array(R * m * 3);
    const c = new Float64Array(R * m);
    const map = forwardRegionMapper(net);
    for (let r = 0; r < R; r++) map(cx.cells[3].signs, r * W, J, r * m * 3, c, r * m);
    expect(worst({ J, c }, { J: cx.topJacobians, c: cx.topOffsets }, m, 3)).toBeLessThan(1e-12);
    // The builder maps them in sign order (mapOrder); the backward pass needs no order.
    const back = maps(net, cx.cells[3].signs, W, Array.from({ length: R }, (_, r) => r), false);
    expect(worst({ J: cx.topJacobians, c: cx.topOffsets }, back, m, 3)).toBeLessThan(1e-12);
  });

  it('sign order sorts the regions by their words, word 0 first, ties in place (radix and comparison sorts)', () => {
    const rand = rng(5);
    // Past 10 words the comparison sort takes over from the radix sort.
    for (const W of [1, 2, 3, 10, 11, 40]) {
      const R = 500;
      // Few distinct values per word, so that ties and equal prefixes are common.
      const pool = [0, 1, 0x10000, 0x10001, 0xffffffff, 0x80000000, 0x5555];
      const signs = Uint32Array.from({ length: R * W }, () => pool[Math.floor(rand() * pool.length)]);
      const order = signOrder(signs, W, R);
      expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: R }, (_, r) => r));
      for (let i = 1; i < R; i++) {
        const a = order[i - 1];
        const b = order[i];
        let cmp = 0;
        for (let q = 0; q < W && cmp === 0; q++) cmp = signs[a * W + q] - signs[b * W + q];
        expect(cmp < 0 || (cmp === 0 && a < b)).toBe(true);
      }
    }
  });

  it('give the same bits when the regions are split where the mapper starts afresh', () => {
    // Wide enough for several fresh starts (every FRESH_RUNS-th region of the first layer's arrangement).
    const net = heNetwork([2, 48, 14, 12, 2], 11);
    const cx = buildComplex(net, boxDomain(2));
    const { signs } = cx.cells[2];
    const W = cx.signWords;
    const R = cx.cells[2].count;
    const whole = maps(net, signs, W, Array.from({ length: R }, (_, r) => r), true);
    const { runs, fresh } = freshStarts(net, signs, W, R);
    expect(runs[R - 1]).toBeGreaterThan(3 * FRESH_RUNS);
    const cuts = [0];
    for (let r = 1; r < R; r++) if (fresh[r] && r - cuts[cuts.length - 1] > R / 7) cuts.push(r);
    cuts.push(R);
    expect(cuts.length).toBeGreaterThan(3);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const slice = signs.slice(cuts[k] * W, cuts[k + 1] * W);
      const part = maps(net, slice, W, Array.from({ length: cuts[k + 1] - cuts[k] }, (_, r) => r), true);
      const m = net.outputDim;
      expect(Array.from(part.J)).toEqual(Array.from(whole.J.subarray(cuts[k] * m * 2, cuts[k + 1] * m * 2)));
      expect(Array.from(part.c)).toEqual(Array.from(whole.c.subarray(cuts[k] * m, cuts[k + 1] * m)));
    }
  });
});
