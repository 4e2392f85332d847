/**
 * The domain options shared by regions, critical, morse, topology and rank (src/cli/domain.ts): every
 * command accepts the same --box interval or file, --polytope file and --slice file (JSON or CSV), and
 * builds the same complex from them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-domain-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function run(...args: string[]) {
  const io = bufferIO();
  const code = await main(['node', 'tessera', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

// F = |x₁| + |x₂| on R², and the same with a third input that it ignores.
const l1 = file('l1.json', JSON.stringify({ layers: [{ weight: [[1, 0], [-1, 0], [0, 1], [0, -1]] }, { weight: [[1, 1, 1, 1]] }] }));
const l1in3 = file('l1in3.json', JSON.stringify({ layers: [{ weight: [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0]] }, { weight: [[1, 1, 1, 1]] }] }));
const boxFile = file('box.json', JSON.stringify({ lo: [-0.5, -0.5], hi: [1, 1] }));
const diamond = file('diamond.json', JSON.stringify({ A: [[1, 1], [1, -1], [-1, 1], [-1, -1]], b: [2, 2, 2, 2] }));
const sliceJSON = file('slice.json', JSON.stringify({ points: [[-1, -1, 0], [1, -1, 0], [-1, 1, 0]], box: [0, 1] }));
const sliceCSV = file('slice.csv', '# the plane x3 = 0\n-1,-1,0\n1,-1,0\n-1,1,0\n');

describe('domain options, shared by the commands that build a complex', () => {
  it('--box as an interval and as a file give the same complex in every command', async () => {
    for (const cmd of ['regions', 'critical', 'morse', 'rank']) {
      const a = await run(cmd, l1, '--box', '-0.5,1', '--json');
      const b = await run(cmd, l1, '--box', boxFile, '--json');
      const whole = await run(cmd, l1, '--json');
      expect(a.code, a.err).toBe(0);
      expect(b.code, b.err).toBe(0);
      const strip = (t: string) => JSON.stringify({ ...JSON.parse(t), seconds: 0, domain: 0 });
      expect(strip(b.out)).toEqual(strip(a.out));
      // F = |x|₁ has the same cells and critical points on both boxes; rank reports their volumes
      if (cmd === 'rank') expect(strip(whole.out)).not.toEqual(strip(a.out));
    }
    // On [−0.5,1]² the set {F ≥ 0.5} is the square minus the diamond |x|₁ < 0.5: an annulus.
    const t = await run('topology', l1, '--box', boxFile, '--level', '0.5', '--json');
    expect(JSON.parse(t.out).superlevel.betti).toEqual([1, 1, 0]);
    const r = await run('regions', l1, '--box', boxFile);
    expect(r.out).toMatch(/on \[-0\.5,1\]\^2/);
  });

  it('--polytope works in every command: the diamond |x₁| + |x₂| ≤ 2 cut by the axes into 4 regions', async () => {
    const r = JSON.parse((await run('regions', l1, '--polytope', diamond, '--json')).out);
    expect(r.cellsByDim).toEqual([5, 8, 4]);
    expect(r.eulerCharacteristic).toBe(1);
    const c = JSON.parse((await run('critical', l1, '--polytope', diamond, '--json')).out);
    expect(c.countsByIndex).toEqual([1, 0, 0]); // the minimum at the origin
    const t = JSON.parse((await run('topology', l1, '--polytope', diamond, '--level', '1', '--json')).out);
    expect(t.sublevel.betti).toEqual([1, 0, 0]);
    expect(t.superlevel.betti).toEqual([1, 1, 0]);
    const k = JSON.parse((await run('rank', l1, '--polytope', diamond, '--json')).out);
    expect(k.totalVolume).toBeCloseTo(8, 12);
  });

  it('--slice reads JSON (with its parameter box) and CSV alike; --box overrides the file’s box', async () => {
    const fromJSON = JSON.parse((await run('regions', l1in3, '--slice', sliceJSON, '--json')).out);
    const fromCSV = JSON.parse((await run('regions', l1in3, '--slice', sliceCSV, '--box', '0,1', '--json')).out);
    expect(fromCSV.cellsByDim).toEqual(fromJSON.cellsByDim);
    // t ∈ [0,1]² maps onto [−1,1]², where the axes cut the square into 4 regions
    expect(fromJSON.cellsByDim).toEqual([9, 12, 4]);
    const critical = JSON.parse((await run('critical', l1in3, '--slice', sliceCSV, '--box', '0,1', '--json')).out);
    expect(critical.countsByIndex).toEqual([1, 0, 0]);
    const rank = JSON.parse((await run('rank', l1in3, '--slice', sliceJSON, '--json')).out);
    expect(rank.regions).toBe(4);
  });

  it('conflicting or malformed domains get one line and exit 2', async () => {
    const both = await run('critical', l1, '--polytope', diamond, '--box', '-1,1');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--polytope and --box cannot be combined/);
    const bad = await run('rank', l1, '--box', file('bad.json', '{"lo": [0]}'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.json: a domain file needs/);
    const wrongDim = await run('topology', l1, '--box', file('box3.json', JSON.stringify({ lo: [0, 0, 0], hi: [1, 1, 1] })), '--level', '0');
    expect(wrongDim.err).toMatch(/the box has 3\/3 bounds but the domain has 2 dimensions/);
    const polySlice = await run('regions', l1in3, '--slice', sliceCSV, '--polytope', diamond);
    expect(polySlice.err).toMatch(/--polytope and --slice cannot be combined/);
    expect(polySlice.err.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
