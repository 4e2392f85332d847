import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';
import { createNetwork } from '../../src/net/network.js';
import { homologyThrough } from '../../src/rank/through.js';
import { rng, normals } from '../../src/numeric/random.js';

describe('reproduce beshkov --quick', () => {
  it('prints one JSON object whose numbers go the paper’s way, and writes tables and figures', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tessera-beshkov-'));
    const io = bufferIO();
    const code = await main(['node', 'tessera', 'reproduce', 'beshkov', '--quick', '--json', '--out', out], io);
    expect(code).toBe(0);
    const r = JSON.parse(io.stdout);
    const cell = (m: number, n: number) => r.widthSweep.cells.find((c: { inputDim: number; width: number }) => c.inputDim === m && c.width === n);
    // Narrow nets: low rank on the data almost surely; wide ones (n ≥ 5m): never (Fig. 2a).
    expect(cell(5, 2).lowRankProbability).toBe(1);
    expect(cell(2, 25).lowRankProbability).toBe(0);
    expect(cell(5, 25).meanMinRank).toBe(5);
    // Mean weight 0.2 always brings low rank (Fig. 2b); μ = 0 with width 50 does not.
    const mw = (n: number, mu: number) => r.meanWeight.cells.find((c: { width: number; mean: number }) => c.width === n && c.mean === mu);
    expect(mw(50, 0.2).lowRankProbability).toBe(1);
    expect(mw(50, 0).lowRankProbability).toBe(0);
    // Dale: a single inhibitory input keeps full rank; balance (r ≈ m/5 = 4) opens the window.
    expect(r.dale.rows[0]).toMatchObject({ inhibitory: 1, daleMin: 20, daleMax: 20 });
    expect(r.dale.balancedWindow).toEqual([4, 4]);
    // Training on MNIST helps, and ranks are counted on every test digit.
    expect(r.mnist.accuracyAfter).toBeGreaterThan(r.mnist.accuracyBefore);
    expect(r.mnist.before[0].histogram.reduce((s: number, v: number) => s + v, 0)).toBe(r.mnist.testDigits);
    expect(r.topology.runs[0].before[0].betti).toEqual([2, 2]);
    expect(r.files).toHaveLength(11);
    // A wide layer (25 units for a circle in ℝ²) never collapses it.
    expect(r.circle.find((c: { width: number }) => c.width === 25).collapsed).toBe(0);
    const svg = readFileSync(join(out, 'beshkov-width.svg'), 'utf8');
    expect(svg).toContain('P(low-rank region on the data)');
    expect(readFileSync(join(out, 'beshkov-width.csv'), 'utf8').split('\n')[0]).toBe('inputDim,width,nets,meanMinRank,stdMinRank,meanMaxRank,lowRankProbability');
  });
});

describe('H₂ through a layer', () => {
  it('a sphere keeps H₂ through an injective layer and loses it when the layer flattens a direction', () => {
    // 300 roughly uniform points on S² (normalised Gaussians).
    const g = normals(rng(9), 300 * 3);
    for (let p = 0; p < 300; p++) {
      const r = Math.hypot(g[3 * p], g[3 * p + 1], g[3 * p + 2]);
      for (let i = 0; i < 3; i++) g[3 * p + i] /= r;
    }
    const e = (i: number) => [0, 1, 2].map((j) => (j === i ? 1 : 0));
    const neg = (v: number[]) => v.map((x) => -x);
    // ReLU(±x), ReLU(±y), ReLU(±z) is injective; dropping z (only ±x, ±y) flattens the sphere onto a disc.
    const keep = createNetwork([{ weight: [e(0), neg(e(0)), e(1), neg(e(1)), e(2), neg(e(2))] }, { weight: [[1, -1, 0, 0, 0, 0]] }]);
    const flat = createNetwork([{ weight: [e(0), neg(e(0)), e(1), neg(e(1))] }, { weight: [[1, -1, 0, 0]] }]);
    const k = homologyThrough(keep, g, 300, { maxPoints: 120 });
    expect(k.layers[0].betti).toEqual([1, 0, 1]);
    expect(k.layers[1].betti).toEqual([1, 0, 1]);
    expect(k.layers[1].verdict).toBe('preserved');
    const f = homologyThrough(flat, g, 300, { maxPoints: 120 });
    expect(f.layers[1].betti).toEqual([1, 0, 0]);
    expect(f.layers[1].verdict).toBe('changed');
    // Every region of the flattening layer has rank ≤ 2 < 3 on the sphere's span.
    expect(f.layers[1].collapsedShare).toBe(1);
    expect(f.spanDim).toBe(3);
  });
});
