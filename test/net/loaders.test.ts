/**
 * Every format loads the same network; format detection; corrupt and truncated files fail with a
 * TesseraError (never another exception, never a hang).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TesseraError, detectFormat, evaluate, evaluateBatch, hiddenWidths, loadNetwork, networkToNpz, networkToONNX,
  networkToSafetensors, parseNetwork, saveNetwork, signSequence, signString, type Network, type NetworkFormat,
} from '../../src/index.js';
import { writeZip } from '../../src/net/load/zip.js';

const EXAMPLES = ['small-2d.json', 'small-2d.onnx', 'small-2d-matmul.onnx', 'small-2d.npz', 'small-2d.safetensors'];
const reference = loadNetwork('examples/small-2d.json');

function sameWeights(a: Network, b: Network): void {
  expect(b.layers.length).toBe(a.layers.length);
  a.layers.forEach((l, i) => {
    expect([b.layers[i].outDim, b.layers[i].inDim]).toEqual([l.outDim, l.inDim]);
    expect(Array.from(b.layers[i].weight)).toEqual(Array.from(l.weight));
    expect(Array.from(b.layers[i].bias)).toEqual(Array.from(l.bias));
  });
}

/** A seeded grid of points in [-1.5, 1.5]², flat. */
function points(count: number): Float64Array {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 3 - 1.5;
  return Float64Array.from({ length: 2 * count }, next);
}

describe('examples in every format', () => {
  it.each(EXAMPLES)('%s holds the same network as small-2d.json, and agrees to 1e-12', (file) => {
    const net = loadNetwork(`examples/${file}`);
    sameWeights(reference, net);
    const pts = points(500);
    const a = evaluateBatch(reference, pts);
    const b = evaluateBatch(net, pts);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-12);
  });

  it('matches hand-computed values (weights are integers / 64)', () => {
    // x = 0: layer 1 = relu(b₁) = [6,0,3,0,10,0]/64; layer 2 = relu(W₂a + b₂) = [425, 318, 0, 1760]/4096;
    // output = (64·425 − 77·318 + 38·1760)/64/4096 = 69594/262144.
    for (const file of EXAMPLES) expect(evaluate(loadNetwork(`examples/${file}`), [0, 0])[0]).toBe(69594 / 262144);
    // Neuron 6 has zero weight·0 and zero bias at the origin: the sign sequence has a 0 there.
    expect(signString(signSequence(reference, [0, 0]), hiddenWidths(reference))).toBe('+-+-+0|++-+');
    // x = (1, 0): layer 1 = relu([70, 6, −48, 39, −16, 83]/64) = [70, 6, 0, 39, 0, 83]/64;
    // layer 2 = relu([6390 + 384, −7675, 5582 − 384, 2322 + 832]/4096) = [6774, 0, 5198, 3154]/4096;
    // output = (64·6774 + 51·5198 + 38·3154)/262144 = 818486/262144.
    expect(evaluate(reference, [1, 0])[0]).toBe(818486 / 262144);
  });

  it('writers round-trip in float64 and float32 styles', () => {
    const odd = loadNetwork('examples/mnist-mlp.json');
    const f64: [NetworkFormat, Uint8Array][] = [
      ['onnx', networkToONNX(odd, { dtype: 'float64' })],
      ['onnx', networkToONNX(odd, { style: 'matmul', dtype: 'float64', constants: true })],
      ['npz', networkToNpz(odd, { dtype: 'f8', compress: true, prefix: 'model.layers.' })],
      ['safetensors', networkToSafetensors(odd, { dtype: 'F64', prefix: 'net.' })],
    ];
    for (const [format, bytes] of f64) sameWeights(odd, parseNetwork(bytes, format));
    // float32 rounds each weight to the nearest float: 3-decimal values move by < 2^-24 relative.
    const f32 = parseNetwork(networkToONNX(odd), 'onnx');
    odd.layers.forEach((l, i) => l.weight.forEach((w, k) => expect(f32.layers[i].weight[k]).toBe(Math.fround(w))));
  });
});

describe('the MNIST example', () => {
  it('classifies the three digits of slice-mnist.json as 0, 3 and 7', () => {
    const net = loadNetwork('examples/mnist-mlp.json');
    const { points } = JSON.parse(readFileSync('examples/slice-mnist.json', 'utf8')) as { points: number[][] };
    expect(points.map((p) => p.length)).toEqual([784, 784, 784]);
    const predicted = points.map((p) => {
      const y = Array.from(evaluate(net, p));
      return y.indexOf(Math.max(...y));
    });
    expect(predicted).toEqual([0, 3, 7]);
  });
});

describe('evaluateBatch', () => {
  it('equals single-point evaluation to the bit (784→32→16→10, 200 points)', () => {
    const net = loadNetwork('examples/mnist-mlp.json');
    let s = 3;
    const pts = Float64Array.from({ length: 200 * 784 }, () => ((s = (s * 16807) % 2147483647) / 2147483647));
    const batch = evaluateBatch(net, pts);
    for (let p = 0; p < 200; p++) {
      expect(Array.from(batch.subarray(10 * p, 10 * p + 10))).toEqual(Array.from(evaluate(net, pts.subarray(784 * p, 784 * p + 784))));
    }
    expect(evaluateBatch(net, pts, 3).length).toBe(30);
    expect(() => evaluateBatch(net, pts.subarray(0, 1000))).toThrow(/not a whole number of 784-dimensional points/);
  });
});

describe('saveNetwork', () => {
  it('writes every format by extension, exactly (float64)', () => {
    const net = loadNetwork('examples/mnist-mlp.json');
    const dir = mkdtempSync(join(tmpdir(), 'tessera-save-'));
    try {
      for (const ext of ['json', 'onnx', 'npz', 'safetensors']) {
        const file = join(dir, `net.${ext}`);
        saveNetwork(file, net);
        sameWeights(net, loadNetwork(file));
      }
      expect(() => saveNetwork(join(dir, 'net.txt'), net)).toThrow(/cannot tell the format/);
      expect(() => saveNetwork(join(dir, 'missing-dir', 'net.json'), net)).toThrow(/cannot write \(ENOENT\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('format detection', () => {
  it('goes by extension, then by content', () => {
    const cases: [string, NetworkFormat][] = [
      ['examples/small-2d.json', 'json'],
      ['examples/small-2d.onnx', 'onnx'],
      ['examples/small-2d.npz', 'npz'],
      ['examples/small-2d.safetensors', 'safetensors'],
    ];
    for (const [file, format] of cases) {
      const bytes = readFileSync(file);
      expect(detectFormat(file, bytes)).toBe(format);
      expect(detectFormat('weights.bin', bytes)).toBe(format); // content only
      sameWeights(reference, parseNetwork(bytes, detectFormat('weights.bin', bytes)));
    }
    expect(() => detectFormat('notes.txt', new TextEncoder().encode('hello, world'))).toThrow(/unknown network format/);
    expect(() => detectFormat('empty.bin', new Uint8Array(0))).toThrow(TesseraError);
    expect(() => detectFormat('model.pth', new Uint8Array([0x80, 0x02]))).toThrow(/PyTorch checkpoint \(torch.save\) is a pickle/);
    const torchZip = writeZip([{ name: 'archive/data.pkl', data: new Uint8Array([0x80, 0x02, 0x2e]) }]);
    expect(() => parseNetwork(torchZip, detectFormat('model.bin', torchZip))).toThrow(/zip is a PyTorch checkpoint/);
  });

  it('names the file in errors from loadNetwork', () => {
    expect(() => loadNetwork('examples/no-such-net.onnx')).toThrow(/no such file/);
    try {
      loadNetwork('examples/make-examples.ts');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TesseraError);
      expect((err as TesseraError).file).toBe('examples/make-examples.ts');
    }
  });
});

describe('corrupt and truncated files', () => {
  /** Parse and report: 'ok' (a valid network came out) or the error kind; anything else fails the test. */
  function attempt(bytes: Uint8Array, format: NetworkFormat): string {
    try {
      const net = parseNetwork(bytes, format);
      return net.layers.length > 0 ? 'ok' : 'empty';
    } catch (err) {
      if (err instanceof TesseraError) return err.kind;
      throw new Error(`${format}: ${(err as Error).stack}`);
    }
  }

  it.each(EXAMPLES)('every truncation of %s is a TesseraError', (file) => {
    const bytes = new Uint8Array(readFileSync(`examples/${file}`));
    const format = detectFormat(file, bytes);
    // A JSON file stays valid without its trailing newline; every other prefix must be refused.
    const length = format === 'json' ? bytes.lastIndexOf(0x7d) + 1 : bytes.length;
    let refused = 0;
    for (let n = 0; n < length; n++) if (attempt(bytes.subarray(0, n), format) !== 'ok') refused++;
    // Protobuf has no length prefix for the whole message, so a few ONNX prefixes (those ending at a
    // field boundary after the graph) may still decode; all other formats refuse every prefix.
    if (format === 'onnx') expect(refused).toBeGreaterThan(length * 0.9);
    else expect(refused).toBe(length);
  });

  it.each(EXAMPLES)('random byte corruption of %s never escapes as another error', (file) => {
    const bytes = new Uint8Array(readFileSync(`examples/${file}`));
    const format = detectFormat(file, bytes);
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 48271) % 2147483647) % n);
    const kinds = new Set<string>();
    for (let trial = 0; trial < 2000; trial++) {
      const copy = bytes.slice();
      for (let k = 0; k < 3; k++) copy[rand(copy.length)] = rand(256);
      kinds.add(attempt(copy, format));
    }
    expect(kinds.size).toBeGreaterThan(0);
  });

  it('npz corruption is caught by the CRC', () => {
    const bytes = new Uint8Array(readFileSync('examples/small-2d.npz'));
    bytes[200] ^= 0x01; // inside the first member's float data
    expect(() => parseNetwork(bytes, 'npz')).toThrow(/CRC/);
  });
});
