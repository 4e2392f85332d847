import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { loadNetwork, evaluateBatch } from '../../src/net/index.js';
import { nurisso, nurissoPair, nurissoTeacher } from '../../src/experiments/nurisso.js';
import { networkToJSON } from '../../src/net/network.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-dynamics-'));
const run = async (...args: string[]) => {
  const io = bufferIO();
  const code = await main(['node', 'tessera', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
};
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('tessera train', () => {
  it('trains on xor, writes a network every command can read, and reports the drift', async () => {
    const out = join(dir, 'xor.json');
    const svg = join(dir, 'xor.svg');
    const r = await run('train', 'xor', '--arch', '2,8,1', '--optimizer', 'adam', '--epochs', '300', '--lr', '0.05', '--out', out, '--svg', svg, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ data: 'xor', samples: 200, architecture: [2, 8, 1], loss: 'bce', optimizer: 'adam', epochs: 300, flow: null });
    expect(j.accuracy).toBeGreaterThan(0.95);
    expect(j.finalLoss).toBeLessThan(j.initialLoss);
    expect(j.conserved.initial).toHaveLength(8);
    expect(j.conserved.maxRelativeDrift).toBeGreaterThan(1e-3);
    const net = loadNetwork(out);
    expect(net.inputDim).toBe(2);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*relative drift[\s\S]*<\/svg>\n$/);
    const info = await run('info', out, '--json');
    expect(JSON.parse(info.out).architecture).toEqual([2, 8, 1]);
  });

  it('gradient flow from a given init conserves c_k, on a CSV file', async () => {
    const teacher = nurissoTeacher();
    const xs = Array.from({ length: 40 }, (_, i) => -1 + (2 * i) / 39);
    const ys = evaluateBatch(teacher, Float64Array.from(xs));
    const csv = write('toy.csv', 'x,y\n' + xs.map((x, i) => `${x},${ys[i]}`).join('\n') + '\n');
    const init = write('init.json', networkToJSON(nurissoPair().unobstructed));
    const r = await run('train', csv, '--init', init, '--optimizer', 'flow', '--epochs', '20', '--lr', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.loss).toBe('mse');
    expect(j.flow.time).toBe(20);
    expect(j.conserved.maxRelativeDrift).toBeLessThan(1e-8);
    expect(j.finalLoss).toBeLessThan(0.5 * j.initialLoss);
  });

  it('draws a progress bar on an interactive stderr, and each neuron on its quadric in the SVG', async () => {
    const io = { ...bufferIO(), interactive: true };
    io.out = (t: string) => void (io.stdout += t);
    io.err = (t: string) => void (io.stderr += t);
    const init = write('init2.json', networkToJSON(nurissoPair().obstructed));
    const svg = join(dir, 'pair.svg');
    const code = await main(['node', 'tessera', 'train', 'teacher:' + write('t.json', networkToJSON(nurissoTeacher())), '--init', init, '--epochs', '400', '--lr', '0.2', '--svg', svg], io);
    expect(code).toBe(0);
    expect(io.stderr).toMatch(/\rtraining \[#{30}\] 100%  epoch 400\/400/);
    expect(io.stderr.endsWith('\r\x1b[K')).toBe(true);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/each neuron on its quadric/);
    expect(text).toMatch(/neuron 1: c = 0\.510/);
  });

  it('prints a human summary', async () => {
    const r = await run('train', 'moons', '--epochs', '50', '--samples', '40');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/trained 2 → 16 → 1 on moons \(40 samples\) with gd, bce loss/);
    expect(r.out).toMatch(/max relative drift/);
  });

  it('refuses bad input with one line and exit 2', async () => {
    for (const args of [
      ['train', 'nope.csv'],
      ['train', 'xor', '--arch', '3,4,1'],
      ['train', 'xor', '--optimizer', 'sgd'],
      ['train', 'xor', '--loss', 'ce', '--arch', '2,4,1'],
      ['train', write('bad.csv', 'a,b\n1,2\n3,x\n')],
      ['train', 'spiral:1'],
      ['train', 'xor', '--arch', '2,30000,30000,1'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^tessera: /);
    }
    expect((await run('train', 'xor', '--arch', '2,30000,30000,1')).err).toMatch(/about 20\.4 GiB.*raise --max-memory/);
    expect((await run('train', write('bad2.csv', 'a,b\n1,2\n3,x\n'))).err).toMatch(/line 3, column 2: "x" is not a finite number/);
  });
});

describe('tessera obstruction', () => {
  it('reports quadrics, components and reachability for the obstructed pair', async () => {
    const student = write('student.json', networkToJSON(nurissoPair().obstructed));
    const teacher = write('teacher.json', networkToJSON(nurissoTeacher()));
    const r = await run('obstruction', student, '--teacher', teacher, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ inputDim: 1, hidden: 2, incomingDim: 2, pathological: 1, components: 2, distinctComponents: 2, component: '·−' });
    expect(j.neurons[1]).toMatchObject({ shape: 'two-sheeted', connected: false, components: 2, frozen: 'output-sign', outputSign: -1 });
    expect(j.neurons[1].c).toBeCloseTo(0.64 - 0.09 - 0.04, 14);
    expect(j.reachability).toMatchObject({ positive: 2, negative: 0, reachable: false });
    const human = await run('obstruction', student, '--signs', '+-', '--check');
    expect(human.out).toMatch(/reachable from this initialisation: yes/);
    expect(human.out).toMatch(/brute-force check: 2 component\(s\)/);
  });

  it('refuses networks outside the setting', async () => {
    const r = await run('obstruction', 'examples/small-2d.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/one-hidden-layer network with scalar output/);
  });
});

describe('tessera reproduce nurisso --quick', () => {
  it('checks the closed form and separates obstructed from unobstructed runs', async () => {
    const io = bufferIO();
    const out = join(dir, 'nurisso');
    const result = (await nurisso.run({ json: true, quick: true, seed: 1, out }, io)) as {
      summary: Record<string, number>;
      pair: { name: string; optimizer: string; finalLoss: number; drift: number }[];
      files: string[];
    };
    expect(JSON.parse(io.stdout).summary).toEqual(result.summary);
    expect(result.summary.probabilityWithin4Sigma).toBe(result.summary.probabilityCells);
    expect(result.summary.obstructedRuns).toBeGreaterThan(0);
    expect(result.summary.obstructedReachingZero).toBe(0);
    expect(result.summary.obstructedMinFinalLoss).toBeGreaterThan(1e-3);
    const flowBad = result.pair.find((p) => p.name === 'obstructed' && p.optimizer === 'flow')!;
    const flowGood = result.pair.find((p) => p.name === 'unobstructed' && p.optimizer === 'flow')!;
    expect(flowBad.finalLoss).toBeGreaterThan(10 * flowGood.finalLoss);
    expect(flowBad.drift).toBeLessThan(1e-8);
    expect(result.files.map((f) => f.split('/').pop())).toEqual(['nurisso.json', 'nurisso-probability.csv', 'nurisso-training.csv', 'nurisso-probability.svg', 'nurisso-training.svg', 'nurisso-quadrics.svg']);
  });
});
