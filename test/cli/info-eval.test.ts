/** `info` and `eval` in-process (main() with a buffer IO), and `--help` for every registered command. */
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { buildProgram, main } from '../../src/cli/main.js';

async function tessera(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = bufferIO();
  const code = await main(['node', 'tessera', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const FORMATS = ['small-2d.json', 'small-2d.onnx', 'small-2d-matmul.onnx', 'small-2d.npz', 'small-2d.safetensors'];

describe('tessera info', () => {
  it.each(FORMATS)('--json on %s', async (name) => {
    const file = `examples/${name}`;
    const r = await tessera('info', file, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // 2·6 + 6 + 6·4 + 4 + 4·1 + 1 = 51 parameters.
    expect(JSON.parse(r.stdout)).toEqual({ file, architecture: [2, 6, 4, 1], inputDim: 2, outputDim: 1, hiddenLayers: 2, hiddenNeurons: 10, parameters: 51 });
  });

  it('the MNIST example and the human summary', async () => {
    const r = await tessera('info', 'examples/mnist-mlp.json', '--json');
    // 784·32 + 32 + 32·16 + 16 + 16·10 + 10 = 25818.
    expect(JSON.parse(r.stdout)).toMatchObject({ architecture: [784, 32, 16, 10], hiddenNeurons: 48, parameters: 25818 });
    const human = await tessera('info', 'examples/small-2d.onnx');
    expect(human.stdout).toContain('architecture   2 → 6 → 4 → 1');
    expect(human.stdout).toContain('parameters     51');
  });
});

describe('tessera eval', () => {
  it.each(FORMATS)('--json on %s at (1, 0)', async (name) => {
    const r = await tessera('eval', `examples/${name}`, '--point', '1,0', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Hand computation in test/net/loaders.test.ts: F(1, 0) = 818486 / 2^18.
    expect(out.output).toEqual([818486 / 262144]);
    // Layer 1 pre-activations [70, 6, −48, 39, −16, 83]/64; layer 2 [6774, −7675, 5198, 3154]/4096.
    expect(out.signSequence).toBe('++-+-+|+-++');
    expect(out.onBentHyperplane).toBe(false);
    // The local map reproduces F at the point: J·x + c = F(x).
    const [[j1, j2]] = out.affineMap.jacobian;
    expect(j1 * 1 + j2 * 0 + out.affineMap.offset[0]).toBeCloseTo(818486 / 262144, 12);
  });

  it('the local affine map is the product of the active rows (design.json)', async () => {
    const r = await tessera('eval', 'examples/design.json', '--point', '0.3,0.2', '--json');
    expect(JSON.parse(r.stdout)).toEqual({
      point: [0.3, 0.2],
      output: [0.75],
      signSequence: '++',
      onBentHyperplane: false,
      affineMap: { jacobian: [[1.5, 1]], offset: [0.1] },
    });
  });

  it('reports a point on a bent hyperplane', async () => {
    const out = JSON.parse((await tessera('eval', 'examples/small-2d.npz', '--point', '0,0', '--json')).stdout);
    expect(out.signSequence).toBe('+-+-+0|++-+');
    expect(out.onBentHyperplane).toBe(true);
    expect(out.output).toEqual([69594 / 262144]);
  });

  it('errors are one line with exit code 2', async () => {
    const r = await tessera('eval', 'examples/small-2d.json', '--point', '1,x');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tessera: --point: expected comma-separated finite numbers, got "1,x"\n');
  });
});

describe('--help', () => {
  const names = buildProgram(bufferIO()).commands.map((c) => c.name());

  it('lists every command at the top level', async () => {
    const r = await tessera('--help');
    expect(r.code).toBe(0);
    for (const name of names) expect(r.stdout).toContain(name);
    expect(names).toEqual(expect.arrayContaining(['info', 'eval']));
  });

  it.each(names)('tessera %s --help exits 0 and prints its usage', async (name) => {
    const r = await tessera(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: tessera ${name}`);
  });
});
