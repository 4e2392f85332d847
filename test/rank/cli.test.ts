import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';
import { networkToJSON } from '../../src/net/network.js';
import { writeNpy } from '../../src/net/load/npy.js';
import { runHomologyThrough } from '../../src/cli/commands/homologyThrough.js';
import { loadPointCloud } from '../../src/rank/pointCloud.js';
import { fold, identity4, quadrant, circle } from './fixtures.js';

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-rank-'));
  writeFileSync(file('quadrant.json'), JSON.stringify(networkToJSON(quadrant)));
  writeFileSync(file('fold.json'), JSON.stringify(networkToJSON(fold)));
  writeFileSync(file('identity4.json'), JSON.stringify(networkToJSON(identity4)));
  const { points, count } = circle(120);
  writeFileSync(file('circle.csv'), 'x,y\n' + Array.from({ length: count }, (_, i) => `${points[2 * i]},${points[2 * i + 1]}`).join('\n') + '\n');
  writeFileSync(file('circle.npy'), writeNpy([count, 2], points, 'f8'));
  writeFileSync(file('slice.json'), JSON.stringify({ points: [[0, 0], [1, 0], [0, 1]] }));
});

async function run(...args: string[]) {
  const io = bufferIO();
  const code = await main(['node', 'tessera', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('tessera rank', () => {
  it('--json: shares of the box by rank and the low-rank cells', async () => {
    const { code, out } = await run('rank', file('quadrant.json'), '--json', '--layer', '1');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.measure).toBe('volume');
    expect(r.regions).toBe(4);
    expect(r.totalVolume).toBeCloseTo(4, 12);
    expect(r.layers).toHaveLength(1);
    const l = r.layers[0];
    expect(l.label).toBe('1');
    expect(l.shares.map((s: { rank: number; share: number }) => [s.rank, +s.share.toFixed(12)])).toEqual([[0, 0.25], [1, 0.5], [2, 0.25]]);
    expect(l.lowRankShare).toBeCloseTo(0.75, 12);
    expect(l.lowRankRegions).toBe(3);
    expect([...l.ranks].sort()).toEqual([0, 1, 1, 2]);
    const zero = l.lowRankList.find((c: { rank: number }) => c.rank === 0);
    expect(zero.signSequence).toBe('--');
    expect(zero.point[0]).toBeLessThan(0);
    expect(zero.point[1]).toBeLessThan(0);
  });
  it('--data: shares of data points (CSV with header and .npy agree)', async () => {
    for (const data of ['circle.csv', 'circle.npy']) {
      const { code, out } = await run('rank', file('fold.json'), '--data', file(data), '--json');
      expect(code).toBe(0);
      const r = JSON.parse(out);
      expect(r.measure).toBe('points');
      expect(r.points).toBe(120);
      expect(r.regions).toBe(2);
      expect(r.layers[0].shares).toEqual([{ rank: 1, amount: 120, share: 1, regions: 2 }]);
      expect(r.layers[0].lowRankList[0].points).toBe(60);
    }
  });
  it('--samples: the paper’s sampling protocol, reproducible from the seed', async () => {
    const a = JSON.parse((await run('rank', file('quadrant.json'), '--samples', '400', '--seed', '3', '--json', '--layer', '1')).out);
    const b = JSON.parse((await run('rank', file('quadrant.json'), '--samples', '400', '--seed', '3', '--json', '--layer', '1')).out);
    expect(a).toEqual(b);
    expect(a.domain).toEqual({ kind: 'samples', count: 400, lo: -1, hi: 1, seed: 3 });
    expect(a.regions).toBe(4);
    // Uniform samples of the box: shares near the exact volume shares 1/4, 1/2, 1/4.
    const shares = a.layers[0].shares.map((s: { share: number }) => s.share);
    expect(shares[0]).toBeGreaterThan(0.18);
    expect(shares[0]).toBeLessThan(0.32);
    expect(shares[1]).toBeGreaterThan(0.42);
    expect(shares[1]).toBeLessThan(0.58);
    const both = await run('rank', file('quadrant.json'), '--samples', '10', '--data', file('circle.csv'));
    expect(both.code).toBe(2);
  });
  it('--slice and --svg: a picture with one panel per layer', async () => {
    const svg = file('rank.svg');
    const { code, out } = await run('rank', file('quadrant.json'), '--slice', file('slice.json'), '--box=-1,1', '--svg', svg);
    expect(code).toBe(0);
    expect(out).toContain('low-rank share');
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.match(/<path /g)!.length).toBeGreaterThanOrEqual(8); // 4 cells × 2 panels, + outlines
    expect(text).toContain('layer output');
  });
  it('a domain file, and --data with --svg draws the points over the complex', async () => {
    writeFileSync(file('box.json'), JSON.stringify({ lo: [0, -1], hi: [1, 1] }));
    const r = JSON.parse((await run('rank', file('quadrant.json'), '--box', file('box.json'), '--json', '--layer', '1')).out);
    expect(r.domain).toEqual({ kind: 'box', lo: [0, -1], hi: [1, 1] });
    expect(r.layers[0].shares.map((s: { rank: number; share: number }) => [s.rank, +s.share.toFixed(12)])).toEqual([[1, 0.5], [2, 0.5]]);
    const svg = file('data.svg');
    expect((await run('rank', file('fold.json'), '--data', file('circle.csv'), '--box=-1.5,1.5', '--svg', svg)).code).toBe(0);
    expect(readFileSync(svg, 'utf8').match(/<circle /g)).toHaveLength(2 * 120);
    writeFileSync(file('three.json'), JSON.stringify({ layers: [{ weight: [[1, 0, 0], [0, 1, 1]] }, { weight: [[1, 1]] }] }));
    const three = await run('rank', file('three.json'), '--svg', svg);
    expect(three.code).toBe(2);
    expect(three.err).toMatch(/--svg draws 2-D complexes; this one would be 3-D/);
  });
  it('bad input: one line on stderr, exit 2', async () => {
    const bad = await run('rank', file('quadrant.json'), '--layer', '7');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/--layer: "7" is not a layer/);
    writeFileSync(file('wide.csv'), '1,2,3\n4,5,6\n');
    const dim = await run('rank', file('quadrant.json'), '--data', file('wide.csv'));
    expect(dim.code).toBe(2);
    expect(dim.err).toMatch(/wide\.csv: the data points have 3 coordinates but the network takes 2 inputs \(is a label column left in\?\)/);
    const missing = await run('rank', file('quadrant.json'), '--data', file('nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.csv: no such file/);
    const budget = await run('rank', file('quadrant.json'), '--max-cells', '5');
    expect(budget.code).toBe(2);
    expect(budget.err).toMatch(/--max-cells/);
  });
});

describe('homology --through', () => {
  it('the folding net loses H₁ at layer 1 and names the collapsing regions; the injective net preserves it', async () => {
    const folded = await run('homology', file('circle.csv'), '--through', file('fold.json'), '--json');
    expect(folded.code).toBe(0);
    const json = JSON.parse(folded.out);
    // --max-dim left at the plain mode's default: through a network it means H₀, H₁, H₂.
    expect(json.maxDim).toBe(2);
    expect(json.layers.map((l: { betti: number[] }) => l.betti)).toEqual([[1, 1, 0], [1, 0, 0], [1, 0, 0]]);
    expect(json.layers.map((l: { verdict: string }) => l.verdict)).toEqual(['input', 'changed', 'changed']);
    expect(json.preserved).toBe(false);
    expect(json.spanDim).toBe(2);
    const where = json.layers[1].collapseRegions;
    expect(where.map((c: { signSequence: string }) => c.signSequence).sort()).toEqual(['+-', '-+']);
    expect(where.every((c: { rank: number; points: number; newAtLayer: boolean }) => c.rank === 1 && c.points === 60 && c.newAtLayer)).toBe(true);
    expect(json.layers[1].collapsedShare).toBe(1);
    // The paper's prediction: M/A (each arc crushed to a point) has the homology of Φ₁(M).
    expect(json.layers[1].quotientBetti).toEqual([1, 0, 0]);

    const kept = await run('homology', file('circle.npy'), '--through', file('identity4.json'), '--json', '--max-dim', '1', '--barcodes', '--svg', file('betti.svg'));
    const chart = readFileSync(file('betti.svg'), 'utf8');
    expect(chart.match(/<polyline /g)).toHaveLength(4); // β₀, β₁ and their M/A predictions
    const k = JSON.parse(kept.out);
    expect(k.layers.map((l: { betti: number[] }) => l.betti)).toEqual([[1, 1], [1, 1], [1, 1]]);
    expect(k.preserved).toBe(true);
    expect(k.layers[1].collapseRegionCount).toBe(0);
    expect(k.layers[1].quotientBetti).toEqual([1, 1]);
    expect(k.layers[0].barcode[1].length).toBeGreaterThanOrEqual(1);
  });
  it('human output and option errors', async () => {
    const io = bufferIO();
    runHomologyThrough(file('circle.csv'), { through: file('fold.json'), maxDim: '1' }, io);
    expect(io.stdout).toMatch(/changed/);
    expect(io.stdout).toMatch(/\+-\s+rank 1 on the data\s+60 point\(s\)\s+\(new at this layer\)/);
    const bad = await run('homology', file('circle.csv'), '--through', file('fold.json'), '--max-dim', '9');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--max-dim/);
    const wrong = await run('homology', file('circle.csv'), '--through', file('quadrant.json'), '--sample', '0');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--sample/);
    writeFileSync(file('many.csv'), Array.from({ length: 500 }, (_, i) => `${Math.cos(i)},${Math.sin(i)}`).join('\n'));
    const big = await run('homology', file('many.csv'), '--through', file('fold.json'), '--sample', '500');
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/visits about 2\.6e\+9 simplices at each of the 3 layers \(cap 1\.0e\+8\); lower --sample or --max-dim, or raise --max-simplices/);
  });
});

describe('point clouds', () => {
  it('reads the same files as homology (CSV with header, .npy)', () => {
    const csv = loadPointCloud(file('circle.csv'));
    const npy = loadPointCloud(file('circle.npy'));
    expect(csv.count).toBe(120);
    expect(npy.dim).toBe(2);
    for (let i = 0; i < 240; i++) expect(csv.points[i]).toBeCloseTo(npy.points[i], 12);
  });
});
