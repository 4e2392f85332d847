import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-morse-'));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
};
// F = |x| − |y| − 10 near 0 (notes §1.10): one interior saddle at the origin in [−3,3]².
const saddle = write('saddle.json', { layers: [{ weight: [[1, 0], [0, 1], [1, -1]], bias: [0, 0, 10] }, { weight: [[2, -2, -1]], bias: [0] }] });
// 3-D index 2, for slices.
const idx2 = write('idx2.json', { layers: [{ weight: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, -1, -1]], bias: [0, 0, 0, 10] }, { weight: [[2, -2, -2, -1]], bias: [0] }] });

async function run(...args: string[]) {
  const io = bufferIO();
  const code = await main(['node', 'tessera', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('tessera critical', () => {
  it('--json lists the interior saddle with its index, value and the Euler relation', async () => {
    const r = await run('critical', saddle, '--box', '-3,3', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['inputDim', 'output', 'vertices', 'critical', 'countsByIndex', 'degenerate', 'boundary', 'regularVertices', 'plMorse', 'euler']);
    expect(j.critical).toEqual([{ point: [0, 0], value: -10, index: 1, multiplicity: 1 }]);
    expect(j.countsByIndex).toEqual([0, 1, 0]);
    expect(j.degenerate).toEqual([]);
    expect(j.plMorse).toBe(true);
    expect(j.euler.holds).toBe(true);
    expect(j.euler.total).toBe(1);
    // Interior −1, so the boundary vertices (relative to the box) must contribute +2.
    expect(j.boundary.countsByIndex[0] - j.boundary.countsByIndex[1] + j.boundary.countsByIndex[2]).toBe(2);
  });

  it('human output and --svg picture', async () => {
    const svg = join(dir, 'saddle.svg');
    const r = await run('critical', saddle, '--box', '-3,3', '--svg', svg);
    expect(r.code).toBe(0);
    expect(r.out).toContain('interior critical points by index: [0, 1, 0]');
    expect(r.out).toMatch(/saddle\s+F = -10/);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('saddle, F = -10');
  });

  it('--slice works on the plane through three points of a 3-D net', async () => {
    // The plane z = 0 through (−3,−3,0), (3,−3,0), (−3,3,0): F = |x| − |y| − 10 + 0: a saddle at t = (½, ½).
    const slice = write('slice.json', { points: [[-3, -3, 0], [3, -3, 0], [-3, 3, 0]] });
    const r = await run('critical', idx2, '--slice', slice, '--box', '0,1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.inputDim).toBe(2);
    expect(j.critical).toHaveLength(1);
    expect(j.critical[0]).toMatchObject({ point: [0, 0, 0], slicePoint: [0.5, 0.5], index: 1, value: -10 });
  });

  it('a polytope domain from a JSON file: the diamond |x| + |y| ≤ 3', async () => {
    const dom = write('diamond.json', { A: [[1, 1], [1, -1], [-1, 1], [-1, -1]], b: [3, 3, 3, 3] });
    const j = JSON.parse((await run('critical', saddle, '--box', dom, '--json')).out);
    expect(j.critical).toEqual([{ point: [0, 0], value: -10, index: 1, multiplicity: 1 }]);
    expect(j.euler.holds).toBe(true);
  });

  it('--output picks the output: −F swaps minima and maxima', async () => {
    const two = write('two.json', { layers: [{ weight: [[1, 0], [0, 1], [1, 1]], bias: [0, 0, 10] }, { weight: [[2, 2, -1], [-2, -2, 1]], bias: [0, 0] }] });
    const a = JSON.parse((await run('critical', two, '--box', '-3,3', '--json')).out);
    const b = JSON.parse((await run('critical', two, '--box', '-3,3', '--output', '1', '--json')).out);
    expect(a.countsByIndex).toEqual([1, 0, 0]);
    expect(b.countsByIndex).toEqual([0, 0, 1]);
    expect(b.output).toBe(1);
    expect(b.critical[0].value).toBe(10);
  });

  it('bad input: one line on stderr, exit 2', async () => {
    for (const args of [
      ['critical', saddle, '--output', '1'],
      ['critical', saddle, '--box', '3,-3'],
      ['critical', join(dir, 'missing.json')],
      ['critical', idx2, '--svg', join(dir, 'x.svg')],
      ['critical', saddle, '--box', write('dom.json', { nothing: 1 })],
    ]) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^tessera: /);
    }
  });
});

describe('tessera morse', () => {
  it('--json: the field is an acyclic, relatively perfect matching; Morse inequalities hold', async () => {
    const r = await run('morse', idx2, '--box', '-3,3', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.matching && j.acyclic && j.relativelyPerfect).toBe(true);
    expect(j.criticalCells).toEqual(j.plCritical);
    expect(j.morseInequalities).toMatchObject({ betti: [1, 0, 0, 0], euler: true, holds: true });
    expect(j.sublevel.every((s: { holds: boolean }) => s.holds)).toBe(true);
    // The interior index-2 point owns one critical 2-cell in its lower star.
    const interior = j.cells.filter((c: { boundary: boolean }) => !c.boundary);
    expect(interior).toHaveLength(1);
    expect(interior[0]).toMatchObject({ dim: 2, value: -10, vertexPoint: [0, 0, 0] });
    expect(j.pairing.cubical).toBeGreaterThan(0);
  });

  it('human output and --svg with the gradient drawn', async () => {
    const svg = join(dir, 'grad.svg');
    const r = await run('morse', saddle, '--box', '-3,3', '--svg', svg, '--levels', '4');
    expect(r.code).toBe(0);
    expect(r.out).toContain('matching yes, acyclic yes, relatively perfect yes');
    expect(existsSync(svg)).toBe(true);
  });
});

describe('tessera reproduce brooks-masden', () => {
  it('--quick --json: every index realised, no sign-condition violations', async () => {
    const out = join(dir, 'bm');
    const r = await run('reproduce', 'brooks-masden', '--quick', '--json', '--out', out);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.realisability.map((x: { n: number; index: number }) => `${x.n}:${x.index}`)).toEqual(['2:0', '2:1', '2:2', '3:0', '3:1', '3:2', '3:3']);
    expect(j.realisability.every((x: { verified: boolean }) => x.verified)).toBe(true);
    const pos = j.signClasses.find((c: { signs: string }) => c.signs === 'positive');
    const neg = j.signClasses.find((c: { signs: string }) => c.signs === 'negative');
    expect(pos.countsByIndex.slice(1)).toEqual([0, 0]);
    expect(pos.maxMinimaPerNet).toBeLessThanOrEqual(1);
    expect(neg.countsByIndex.slice(0, 2)).toEqual([0, 0]);
    for (const c of j.signClasses) expect(c.violations).toBe(0);
    expect(existsSync(join(out, 'realisability.csv'))).toBe(true);
    expect(existsSync(join(out, 'shallow-index-1.svg'))).toBe(true);
  });
});
