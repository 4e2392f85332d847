import { describe, it, expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';
import { TesseraError } from '../../src/numeric/errors.js';
import { rng, normals } from '../../src/numeric/random.js';
import { randomNetwork } from '../../src/rank/randomNets.js';
import { ranksAtPoints } from '../../src/rank/points.js';
import { parseMnistFlags, hiddenLayerRanks } from '../../src/experiments/beshkov-mnist.js';

async function run(...args: string[]) {
  const io = bufferIO();
  const code = await main(['node', 'tessera', ...args], io);
  return { code, err: io.stderr };
}

describe('reproduce beshkov --mnist-*', () => {
  it('parses the MNIST sizes; none given means none', () => {
    expect(parseMnistFlags({})).toBeUndefined();
    expect(parseMnistFlags({ mnistArch: '784,512,256,128,100,10', mnistEpochs: '5', mnistTrain: '3000', mnistTest: '300' })).toEqual({
      arch: [784, 512, 256, 128, 100, 10],
      epochs: 5,
      train: 3000,
      test: 300,
    });
    expect(parseMnistFlags({ mnistEpochs: '3' })).toMatchObject({ epochs: 3 });
  });
  it('refuses bad values with an input error', () => {
    for (const flags of [{ mnistArch: '784,10' }, { mnistArch: '100,50,10' }, { mnistArch: '784,64,9' }, { mnistArch: '784,x,10' }, { mnistArch: '784,0,10' }, { mnistEpochs: '0' }, { mnistEpochs: '2.5' }, { mnistTrain: '3005' }, { mnistTest: '-10' }]) {
      expect(() => parseMnistFlags(flags), JSON.stringify(flags)).toThrow(TesseraError);
    }
  });
  it('on the command line: one line and exit 2 for other experiments, bad values and too many digits', async () => {
    const other = await run('reproduce', 'nurisso', '--mnist-epochs', '5');
    expect(other.code).toBe(2);
    expect(other.err.trim().split('\n')).toHaveLength(1);
    expect(other.err).toMatch(/apply only to "tessera reproduce beshkov"/);
    const bad = await run('reproduce', 'beshkov', '--mnist-arch', '784,64');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--mnist-arch: must start with 784/);
    const many = await run('reproduce', 'beshkov', '--mnist-train', '8000', '--mnist-test', '1000');
    expect(many.code).toBe(2);
    expect(many.err).toMatch(/at most 8630 together/);
  });
});

describe('hiddenLayerRanks', () => {
  it('gives the ranks ranksAtPoints gives, with and without the layer-1 short cut', () => {
    const rand = rng('fast-ranks');
    // Narrow first layer (full row rank: the short cut), then a wide one (the fallback), then a
    // first layer with a repeated row (not full row rank: the fallback again).
    const narrow = randomNetwork(rand, [30, 20, 12, 8, 3]);
    const wide = randomNetwork(rand, [6, 20, 12, 8, 3]);
    const repeated = randomNetwork(rand, [30, 20, 12, 8, 3]);
    repeated.layers[0].weight.copyWithin(30, 0, 30);
    for (const net of [narrow, wide, repeated]) {
      const n = net.inputDim;
      const points = normals(rand, 80 * n);
      expect(Array.from(hiddenLayerRanks(net, points, 80))).toEqual(Array.from(ranksAtPoints(net, points, 80, { upTo: 3 }).ranks));
    }
  });
});
