import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';
import { complexFromJSON, eulerCharacteristic } from '../../src/complex/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-regions-'));
const run = async (...args: string[]) => {
  const io = bufferIO();
  const code = await main(['node', 'tessera', 'regions', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
};

describe('tessera regions', () => {
  it('--json prints the documented keys with real values', async () => {
    const { code, out } = await run('examples/small-2d.json', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual(['inputDim', 'cellsByDim', 'activationRegions', 'linearRegions', 'eulerCharacteristic', 'seconds']);
    expect(r.inputDim).toBe(2);
    expect(r.cellsByDim).toEqual([64, 113, 50]);
    expect(r.activationRegions).toBe(50);
    expect(r.eulerCharacteristic).toBe(1);
    expect(r.linearRegions).toBeLessThanOrEqual(50);
  });

  it('prints a human summary, writes --out and --svg', async () => {
    const out = join(dir, 'c.json');
    const svg = join(dir, 'c.svg');
    const r = await run('examples/small-2d.json', '--box', '-2,2', '--out', out, '--svg', svg, '--color', 'value');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/activation regions\s+\d+/);
    const c = complexFromJSON(readFileSync(out, 'utf8'));
    expect(eulerCharacteristic(c)).toBe(1);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect((text.match(/<path /g) ?? []).length).toBe(c.cells[2].count + 1);
  });

  it('--slice takes a JSON or CSV file of points', async () => {
    const net5 = join(dir, 'n5.json');
    writeFileSync(net5, JSON.stringify({ layers: [{ weight: [[1, 0, 0, 1, 0], [0, 1, 1, 0, 0], [1, -1, 0, 0, 1]], bias: [0.1, -0.2, 0] }, { weight: [[1, 1, 1]] }] }));
    const sj = join(dir, 's.json');
    writeFileSync(sj, JSON.stringify({ points: [[0, 0, 0, 0, 0], [1, 0, 0, 0, 0], [0, 1, 0, 0, 0]] }));
    const a = JSON.parse((await run(net5, '--slice', sj, '--json')).out);
    expect(a.inputDim).toBe(2);
    const sc = join(dir, 's.csv');
    writeFileSync(sc, '0,0,0,0,0\n1,0,0,0,0\n0,1,0,0,0\n');
    const b = JSON.parse((await run(net5, '--slice', sc, '--json', '--svg', join(dir, 's.svg'), '--color', 'rank')).out);
    expect(b.cellsByDim).toEqual(a.cellsByDim);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '0,0\n1,0\n0,1\n');
    const e = await run(net5, '--slice', bad);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/bad\.csv: .*2 coordinates but the network takes 5/);
  });

  it('refuses over-budget jobs and bad options with exit code 2 and one line', async () => {
    const r = await run('examples/small-2d.json', '--max-cells', '50');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').length).toBe(1);
    expect(r.err).toMatch(/--max-cells/);
    const m = await run('examples/mnist-mlp.json', '--slice', 'examples/slice-mnist.json', '--max-memory', '0.0001');
    expect(m.code).toBe(2);
    expect(m.err.trim().split('\n').length).toBe(1);
    expect(m.err).toMatch(/memory limit of 0\.000 GiB.*--max-memory/);
    expect((await run('examples/small-2d.json', '--max-memory', 'lots')).err).toMatch(/--max-memory: expected a finite number, got "lots"/);
    expect((await run('examples/small-2d.json', '--max-memory', '0')).err).toMatch(/--max-memory: expected a positive number of GiB, got "0"/);
    expect((await run('examples/small-2d.json', '--box', '3,1')).code).toBe(2);
    expect((await run('examples/small-2d.json', '--color', 'pink')).code).toBe(2);
  });

  it('draws a progress bar on an interactive stderr, and not with --json or --quiet', async () => {
    const big = join(dir, 'big.json');
    const rows = (n: number, m: number, seed: number) =>
      Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => Math.sin(seed + 12.9898 * i + 78.233 * j) * 1.3));
    writeFileSync(big, JSON.stringify({ layers: [{ weight: rows(24, 3, 1), bias: rows(1, 24, 2)[0].map((x) => x / 4) }, { weight: rows(16, 24, 3), bias: rows(1, 16, 4)[0].map((x) => x / 4) }, { weight: rows(1, 16, 5) }] }));
    const io = bufferIO();
    const tty = { out: io.out, err: io.err, interactive: true };
    expect(await main(['node', 'tessera', 'regions', big, '--box', '-2,2'], tty)).toBe(0);
    expect(io.stderr).toMatch(/\[#+ *\] neuron \d+\/40/);
    const quiet = bufferIO();
    expect(await main(['node', 'tessera', 'regions', big, '--quiet'], { out: quiet.out, err: quiet.err, interactive: true })).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('a polytope domain from a file', async () => {
    const p = join(dir, 'p.json');
    writeFileSync(p, JSON.stringify({ A: [[1, 0], [0, 1], [-1, -1]], b: [1, 1, 1] }));
    const r = JSON.parse((await run('examples/small-2d.json', '--polytope', p, '--json')).out);
    expect(r.eulerCharacteristic).toBe(1);
    writeFileSync(p, JSON.stringify({ A: [[1, 0], [0, 1]], b: [1, 1] }));
    const e = await run('examples/small-2d.json', '--polytope', p);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/p\.json: /);
  });
});
