import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { writeNpy } from '../../src/net/load/npy.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-topology-'));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

// F = |x|₁ on R²; and a two-output classifier whose class 1 wins on |x|₁ ≤ ½
const l1 = file('l1.json', JSON.stringify({ layers: [{ weight: [[1, 0], [-1, 0], [0, 1], [0, -1]] }, { weight: [[1, 1, 1, 1]] }] }));
const two = file('two.json', JSON.stringify({ layers: [{ weight: [[1, 0], [-1, 0], [0, 1], [0, -1]] }, { weight: [[1, 1, 1, 1], [0, 0, 0, 0]], bias: [-0.5, 0] }] }));

async function run(...args: string[]) {
  const io = bufferIO();
  const code = await main(['node', 'tessera', ...args], io);
  return { code, out: io.stdout, err: io.stderr, json: () => JSON.parse(io.stdout) };
}

describe('tessera topology', () => {
  it('--level: sublevel disk, superlevel annulus', async () => {
    const r = await run('topology', l1, '--level', '0.5', '--json');
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.sublevel.betti).toEqual([1, 0, 0]);
    expect(j.superlevel.betti).toEqual([1, 1, 0]);
    expect(j.superlevel.eulerCharacteristic).toBe(0);
    expect(j.level).toBe(0.5);
    expect(j.cellsByDim.length).toBe(3);
  });

  it('--integer adds integral homology; --box changes the domain', async () => {
    const j = (await run('topology', l1, '--level', '0.5', '--integer', '--box', '-0.4,0.4', '--json')).json();
    // the box [−0.4, 0.4]² lies inside {|x|₁ ≤ ½} except its corners: {F ≥ ½} is the four corners
    expect(j.superlevel.betti).toEqual([4, 0, 0]);
    expect(j.sublevel.integral).toEqual({ betti: [1, 0, 0], torsion: [[], [], []] });
    const capped = await run('topology', l1, '--level', '0.5', '--integer', '--max-integer-cells', '10');
    expect(capped.code).toBe(2);
    expect(capped.err).toMatch(/over the limit of 10 .*raise --max-integer-cells/);
  });

  it('--class: decision regions of a two-output net and of a thresholded one-output net', async () => {
    expect((await run('topology', two, '--class', '1', '--json')).json().decisionRegion.betti).toEqual([1, 0, 0]);
    expect((await run('topology', two, '--class', '0', '--json')).json().decisionRegion.betti).toEqual([1, 1, 0]);
    expect((await run('topology', l1, '--class', '1', '--level', '0.5', '--json')).json().decisionRegion.betti).toEqual([1, 1, 0]);
  });

  it('--persistence: one essential H₀ class born at the minimum; --svg writes a diagram', async () => {
    const svg = join(dir, 'p.svg');
    const r = await run('topology', l1, '--persistence', '--json', '--svg', svg);
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.barcode[0]).toEqual([{ birth: 0, death: null }]);
    expect(j.betti).toEqual([1, 0, 0]);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg/);
    expect(text).toContain('H₀ (1)');
  });

  it('--slice: the plane x₃ = 0 through a 3-D |x|₁ net; a polytope domain file', async () => {
    const l13 = file('l13.json', JSON.stringify({ layers: [{ weight: [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]] }, { weight: [[1, 1, 1, 1, 1, 1]] }] }));
    const slice = file('plane.json', JSON.stringify({ points: [[0, 0, 0], [1, 0, 0], [0, 1, 0]] }));
    const j = (await run('topology', l13, '--slice', slice, '--box', '-1,1', '--level', '0.5', '--json')).json();
    expect(j.inputDim).toBe(2);
    expect(j.sublevel.betti).toEqual([1, 0, 0]);
    expect(j.superlevel.betti).toEqual([1, 1, 0]);
    // the triangle x ≥ −0.9, y ≥ −0.9, x + y ≤ 0.9 contains the origin: {|x|₁ ≥ ½} is connected with one hole
    const tri = file('tri.json', JSON.stringify({ A: [[-1, 0], [0, -1], [1, 1]], b: [0.9, 0.9, 0.9] }));
    const k = (await run('topology', l1, '--box', tri, '--level', '0.5', '--json')).json();
    expect(k.sublevel.betti).toEqual([1, 0, 0]);
    expect(k.superlevel.betti).toEqual([1, 1, 0]);
  });

  it('human output and errors', async () => {
    const r = await run('topology', l1, '--level', '0.5');
    expect(r.out).toMatch(/\{F ≥ T\}\s+betti \[1, 1, 0\]/);
    expect((await run('topology', l1)).err).toMatch(/nothing to compute/);
    expect((await run('topology', l1, '--level', 'abc')).code).toBe(2);
    const bad = await run('topology', l1, '--level', '1', '--output', '3');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/has 1 output/);
    expect((await run('topology', two, '--class', '5')).err).toMatch(/class 5 does not exist/);
    expect((await run('topology', l1, '--level', '1', '--svg', 'x.svg')).err).toMatch(/add --persistence/);
  });
});

describe('tessera homology', () => {
  const n = 24;
  const circle = Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);

  it('CSV with a header: a circle has b₁ = 1 below the threshold where it fills in', async () => {
    const csv = file('circle.csv', 'x,y\n' + circle.map((p) => p.join(',')).join('\n') + '\n');
    const r = await run('homology', csv, '--max-dim', '1', '--threshold', '1', '--json');
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.points).toBe(n);
    expect(j.dim).toBe(2);
    expect(j.betti).toEqual([1, 1]);
    expect(j.barcode[1]).toEqual([{ birth: expect.closeTo(2 * Math.sin(Math.PI / n), 12), death: null }]);
    const full = (await run('homology', csv, '--json')).json();
    expect(full.betti).toEqual([1, 0]);
    expect(full.barcode[1][0].death).toBeCloseTo(Math.sqrt(3), 12);
    for (const flag of ['--collapse', '--no-collapse']) {
      const forced = (await run('homology', csv, '--max-dim', '2', '--threshold', '1.5', '--json', flag)).json();
      const auto = (await run('homology', csv, '--max-dim', '2', '--threshold', '1.5', '--json')).json();
      expect(forced.barcode).toEqual(auto.barcode);
    }
  });

  it('.npy input (float32) and whitespace tables give the same barcode; --svg', async () => {
    const npy = file('circle.npy', writeNpy([n, 2], circle.flat(), 'f8'));
    const txt = file('circle.txt', circle.map((p) => p.join('  ')).join('\n'));
    const svg = join(dir, 'rips.svg');
    const a = (await run('homology', npy, '--max-dim', '2', '--json', '--svg', svg)).json();
    const b = (await run('homology', txt, '--max-dim', '2', '--json')).json();
    expect(a.barcode).toEqual(b.barcode);
    expect(a.maxDim).toBe(2);
    expect(readFileSync(svg, 'utf8')).toContain('H₂');
    const f32 = file('c32.npy', writeNpy([n, 2], circle.flat(), 'f4'));
    expect((await run('homology', f32, '--json')).json().betti).toEqual([1, 0]);
  });

  it('bad input: one line on stderr, exit 2', async () => {
    const ragged = file('ragged.csv', '0,0\n1,2,3\n');
    const r = await run('homology', ragged);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ragged\.csv: point 1 has 3 coordinates, point 0 has 2/);
    expect((await run('homology', file('words.csv', '1,2\nfoo,bar\n'))).err).toMatch(/line 2: expected numbers/);
    expect((await run('homology', join(dir, 'missing.csv'))).err).toMatch(/no such file/);
    const big = file('big.csv', Array.from({ length: 30 }, (_, i) => `${i},0`).join('\n'));
    expect((await run('homology', big, '--max-points', '10')).err).toMatch(/raise --max-points/);
    const cube = file('cube.npy', writeNpy([2, 2, 2], new Array(8).fill(0), 'f8'));
    expect((await run('homology', cube)).err).toMatch(/must be 2-D/);
  });
});
