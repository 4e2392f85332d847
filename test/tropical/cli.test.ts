import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';
import { networkToJSON } from '../../src/net/network.js';
import { netB, serraFig2, exampleB } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-tropical-'));
const write = (name: string, net: Parameters<typeof networkToJSON>[0]) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(networkToJSON(net)));
  return file;
};
const netBFile = write('netB.json', netB);
const fig2File = write('fig2.json', serraFig2);
const shallowFile = join(dir, 'shallow.json');
writeFileSync(shallowFile, JSON.stringify({ layers: [{ weight: [[1, 2], [2, -1], [-1, 1], [0.5, 1]], bias: [0.5, -0.25, 0, 1] }, { weight: [[1, -2, 1, 1], [-1, 1, 2, -1]], bias: [0, 0.5] }] }));

async function run(...args: string[]) {
  const io = bufferIO();
  const code = await main(['node', 'tessera', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('tessera tropical', () => {
  it('--json: monomials, Newton vertices, bounds and the four counts for the 2→4→4→1 net', async () => {
    const r = await run('tropical', netBFile, '--json', '--box', '-30,30');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.mode).toBe('exact');
    expect(j.architecture).toEqual([2, 4, 4, 1]);
    expect(j.outputs[0].numerator.count).toBe(4);
    expect(j.outputs[0].denominator.count).toBe(18);
    expect(j.outputs[0].numerator.monomials).toContainEqual({ exponent: [4, 3], coefficient: 2 });
    expect(j.outputs[0].numerator.newtonVertices).toHaveLength(4);
    expect(j.bounds).toMatchObject({ zhang: 121, serra: 121, montufar: 121, shallow: 37, trivial: 256 });
    expect(j.counts).toEqual({
      domain: { lo: -30, hi: 30 },
      activationRegions: 25,
      linearRegions: 18,
      distinctAffineMaps: 15,
      tropicalCells: 18,
      tropicalLinearRegions: 18,
      tropicalDistinctAffineMaps: 15,
    });
    expect(j.zonotopes).toBeNull();
    expect(j.layers).toHaveLength(3);
  });
  it('human output names the four notions; --float gives the same counts', async () => {
    const r = await run('tropical', netBFile, '--box', '-30,30', '--float');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/float arithmetic/);
    expect(r.out).toMatch(/activation regions \(complex top cells\)\s+25/);
    expect(r.out).toMatch(/linear regions \(complex, Def\. 1\)\s+18/);
    expect(r.out).toMatch(/tropical cells \(f × g refinement\)\s+18/);
  });
  it('one hidden layer, two outputs: Alfarra zonotopes and the decision polynomial', async () => {
    const r = await run('tropical', shallowFile, '--json', '--no-monomials');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.mode).toBe('float');
    expect(j.outputs[0].numerator.monomials).toBeUndefined();
    expect(j.zonotopes.kind).toBe('two-class');
    expect(j.zonotopes.first.generators).toHaveLength(4);
    expect(j.zonotopes.first.vertexCount).toBeLessThanOrEqual(j.zonotopes.first.vertexBound);
    expect(j.zonotopes.decisionBoundary.monomials).toBe(j.zonotopes.decisionBoundary.fromFirst + j.zonotopes.decisionBoundary.fromSecond);
  });
  it('--exact reads decimals as exact fractions', async () => {
    const r = await run('tropical', shallowFile, '--json', '--exact', '--no-counts');
    const j = JSON.parse(r.out);
    expect(j.mode).toBe('exact');
    expect(j.counts).toBeNull();
    const coefs = j.outputs[0].numerator.monomials.map((m: { coefficient: unknown }) => m.coefficient);
    expect(coefs.some((c: unknown) => typeof c === 'string' && /^-?\d+\/\d+$/.test(c as string))).toBe(true);
  });
  it('--svg writes Newton polygons next to the regions', async () => {
    const svg = join(dir, 'b.svg');
    const r = await run('tropical', netBFile, '--svg', svg, '--no-counts');
    expect(r.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toMatch(/Newton polygon of f · 4 monomials/);
    expect(text).toMatch(/Newton polygon of g · 18 monomials/);
    expect((text.match(/<circle/g) ?? []).length).toBe(22);
    expect(text).toMatch(/activation regions/);
  });
  it('bad input: one line on stderr, exit 2', async () => {
    const both = await run('tropical', netBFile, '--exact', '--float');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/cannot be combined/);
    const svg1d = await run('tropical', fig2File, '--svg', join(dir, 'x.svg'));
    expect(svg1d.code).toBe(2);
    expect(svg1d.err).toMatch(/2-D inputs/);
    const budget = await run('tropical', netBFile, '--max-monomials', '5');
    expect(budget.code).toBe(2);
    expect(budget.err).toMatch(/--max-monomials/);
    expect(budget.err.trim().split('\n')).toHaveLength(1);
    const missing = await run('tropical', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    // 784 inputs, 32 first-layer neurons: refused up front with the estimate, not ground through.
    const t0 = performance.now();
    const mnist = await run('tropical', 'examples/mnist-mlp.json');
    expect(mnist.code).toBe(2);
    expect(mnist.err).toMatch(/4294967296 monomials.*--max-monomials/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it('geodavic ExampleB through the CLI: 11 monomials', async () => {
    const r = await run('tropical', write('exB.json', exampleB), '--json', '--no-counts');
    expect(JSON.parse(r.out).outputs[0].numerator.count).toBe(11);
  });
});

describe('tessera reproduce', () => {
  it('--list names zhang-lim', async () => {
    const r = await run('reproduce', '--list', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).experiments.map((e: { name: string }) => e.name)).toContain('zhang-lim');
  });
  it('unknown experiment: exit 2 naming the available ones', async () => {
    const r = await run('reproduce', 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown experiment "nope".*zhang-lim/);
  });
  it('zhang-lim --quick --json --out: table rows respect the order of the four notions and the bounds', async () => {
    const out = join(dir, 'zl');
    const r = await run('reproduce', 'zhang-lim', '--quick', '--json', '--out', out, '--seed', '3');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.summary.map((s: { config: string }) => s.config)).toEqual(['2→6→1', '2→3→3→1', '2→2→2→2→1']);
    expect(j.summary.every((s: { group: string }) => s.group === '6 neurons')).toBe(true);
    for (const row of j.rows) {
      expect(row.distinctAffineMaps).toBeLessThanOrEqual(row.linearRegions);
      expect(row.linearRegions).toBeLessThanOrEqual(row.activationRegions);
      if (row.tropicalCells !== null) {
        expect(row.tropicalCells).toBeGreaterThanOrEqual(row.linearRegions);
        expect(row.tropicalCells).toBeLessThanOrEqual(row.activationRegions);
      }
      expect(row.activationRegions).toBeLessThanOrEqual(Number(row.serraBound));
    }
    expect(j.summary[0].serraBound).toBe(22);
    expect(existsSync(join(out, 'zhang-lim.csv'))).toBe(true);
    expect(readFileSync(join(out, 'zhang-lim.csv'), 'utf8').split('\n')[0]).toMatch(/^group,config,seed,parameters,zhangBound,serraBound/);
    expect(readFileSync(join(out, 'zhang-lim.svg'), 'utf8')).toMatch(/Serra bound/);
  });
});
