/** .npz (zip + .npy), safetensors, element types and state-dict naming. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  TesseraError, createNetwork, evaluate, loadNetwork, networkFromStateDict, networkToNpz, networkToSafetensors, parseNetwork,
  parseNpy, parseNpz, parseSafetensors, readNpz, writeNpy, type NamedTensor,
} from '../../src/index.js';
import { bfloat16ToNumber, halfToNumber, numberToBfloat16, numberToHalf } from '../../src/net/load/dtypes.js';
import { crc32, readZip, writeZip } from '../../src/net/load/zip.js';

const reference = loadNetwork('examples/small-2d.json');

function errorOf(work: () => unknown): TesseraError {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(TesseraError);
    return err as TesseraError;
  }
  throw new Error('expected a TesseraError');
}

const t = (name: string, shape: number[], values: number[]): NamedTensor => ({ name, shape, data: Float64Array.from(values) });

describe('element types', () => {
  it('decodes IEEE half and bfloat16 bit patterns exactly', () => {
    expect([0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0x3555, 0x8000].map(halfToNumber)).toEqual([1, -2, 65504, 2 ** -24, 2 ** -14, 0.333251953125, -0]);
    expect(halfToNumber(0x7c00)).toBe(Infinity);
    expect(halfToNumber(0x7e00)).toBeNaN();
    expect([0x3f80, 0xc000, 0x3e80, 0x4049].map(bfloat16ToNumber)).toEqual([1, -2, 0.25, 3.140625]);
  });

  it('encodes with round-to-nearest-even', () => {
    expect(numberToHalf(1)).toBe(0x3c00);
    expect(numberToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie, to even
    expect(numberToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie, to even (up)
    expect(numberToHalf(65504)).toBe(0x7bff);
    expect(numberToHalf(1e6)).toBe(0x7c00);
    expect(numberToHalf(2 ** -24)).toBe(0x0001);
    expect(numberToHalf(-0.333251953125)).toBe(0xb555);
    expect(numberToBfloat16(1 + 2 ** -8)).toBe(0x3f80); // tie, to even
    expect(numberToBfloat16(1 + 3 * 2 ** -8)).toBe(0x3f82);
    for (let h = 0; h < 0x7c00; h += 7) expect(numberToHalf(halfToNumber(h))).toBe(h);
  });
});

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('reads what it writes, stored and deflated, with numpy-style zip64 local headers', () => {
    const entries = [
      { name: 'a.npy', data: new TextEncoder().encode('hello hello hello hello') },
      { name: 'b/c.npy', data: Uint8Array.from({ length: 1000 }, (_, i) => i % 7) },
    ];
    for (const deflate of [false, true]) {
      for (const zip64Local of [false, true]) {
        const back = readZip(writeZip(entries, { deflate, zip64Local }));
        expect(back.map((e) => e.name)).toEqual(['a.npy', 'b/c.npy']);
        expect(Array.from(back[1].data)).toEqual(Array.from(entries[1].data));
      }
    }
    expect(writeZip(entries, { deflate: true }).length).toBeLessThan(writeZip(entries).length);
  });

  it('refuses zip64 end records and unknown compression clearly', () => {
    const bytes = writeZip([{ name: 'a.npy', data: new Uint8Array(4) }]);
    const big = bytes.slice();
    new DataView(big.buffer).setUint16(big.length - 22 + 10, 0xffff, true);
    expect(errorOf(() => readZip(big)).message).toMatch(/zip64 archive .* not supported/);
    const bzip = bytes.slice();
    new DataView(bzip.buffer).setUint16(bytes.length - 22 - 46 - 5 + 10, 12, true); // central method = bzip2
    expect(errorOf(() => readZip(bzip)).message).toMatch(/compression method 12/);
  });
});

describe('.npy and .npz', () => {
  it('parses numpy headers: dtypes, shapes, Fortran order', () => {
    expect(parseNpy(writeNpy([2, 3], [1, 2, 3, 4, 5, 6], 'f8'), 'a')).toEqual({ shape: [2, 3], data: Float64Array.of(1, 2, 3, 4, 5, 6) });
    expect(Array.from(parseNpy(writeNpy([3], [0.5, -1, 2], 'f2'), 'a').data)).toEqual([0.5, -1, 2]);
    const header = (descr: string, fortran: boolean, shape: string, body: Uint8Array) => {
      const text = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }\n`;
      const head = new TextEncoder().encode(text);
      const out = new Uint8Array(10 + head.length + body.length);
      out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
      new DataView(out.buffer).setUint16(8, head.length, true);
      out.set(head, 10);
      out.set(body, 10 + head.length);
      return out;
    };
    const i64 = new Uint8Array(BigInt64Array.of(3n, -4n).buffer);
    expect(Array.from(parseNpy(header('<i8', false, '(2,)', i64), 'a').data)).toEqual([3, -4]);
    // Fortran order: column-major [[1, 2, 3], [4, 5, 6]] is stored 1, 4, 2, 5, 3, 6.
    const fortran = new Uint8Array(Float32Array.of(1, 4, 2, 5, 3, 6).buffer);
    expect(Array.from(parseNpy(header('<f4', true, '(2, 3)', fortran), 'a').data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(errorOf(() => parseNpy(header('>f4', false, '(2,)', new Uint8Array(8)), "array 'w'")).message).toMatch(/array 'w' is big-endian/);
    expect(errorOf(() => parseNpy(header('<c16', false, '(1,)', new Uint8Array(16)), "array 'w'")).message).toMatch(/dtype '<c16'/);
    expect(errorOf(() => parseNpy(header('<f8', false, '(4,)', new Uint8Array(16)), "array 'w'")).message).toMatch(/truncated/);
  });

  it('reads files written by numpy itself (np.savez and np.savez_compressed, float64 Fortran order)', () => {
    for (const file of ['numpy-savez.npz', 'numpy-savez-compressed-f64-fortran.npz']) {
      const bytes = readFileSync(`test/net/fixtures/${file}`);
      expect(readNpz(bytes).map((a) => a.name)).toEqual(['net.0.weight', 'net.0.bias', 'net.2.weight', 'net.2.bias', 'net.4.weight', 'net.4.bias']);
      const net = parseNpz(bytes);
      expect(evaluate(net, [0, 0])[0]).toBe(69594 / 262144);
      reference.layers.forEach((l, i) => expect(Array.from(net.layers[i].weight)).toEqual(Array.from(l.weight)));
    }
  });

  it('round-trips stored and deflated archives', () => {
    for (const compress of [false, true]) {
      const net = parseNpz(networkToNpz(reference, { compress, prefix: 'model.' }));
      expect(Array.from(net.layers[1].weight)).toEqual(Array.from(reference.layers[1].weight));
    }
  });
});

describe('safetensors', () => {
  it('reads F32, F64, F16 and BF16 (the example weights are exact in all four)', () => {
    for (const dtype of ['F32', 'F64', 'F16', 'BF16'] as const) {
      const bytes = networkToSafetensors(reference, { dtype });
      const net = parseSafetensors(bytes);
      reference.layers.forEach((l, i) => {
        expect(Array.from(net.layers[i].weight)).toEqual(Array.from(l.weight));
        expect(Array.from(net.layers[i].bias)).toEqual(Array.from(l.bias));
      });
    }
    // 0.1 is not exact in BF16: it reads back as the nearest bfloat16, 0.10009765625.
    const tenth = createNetwork([{ weight: [[0.1]], bias: [0] }]);
    expect(parseSafetensors(networkToSafetensors(tenth, { dtype: 'BF16' })).layers[0].weight[0]).toBe(0.10009765625);
  });

  it('reads a hand-written file with metadata and unsorted header keys', () => {
    const header = JSON.stringify({
      'fc2.weight': { dtype: 'F64', shape: [1, 2], data_offsets: [0, 16] },
      __metadata__: { format: 'pt' },
      'fc1.weight': { dtype: 'F64', shape: [2, 1], data_offsets: [16, 32] },
      'fc1.bias': { dtype: 'F64', shape: [2], data_offsets: [32, 48] },
    });
    const head = new TextEncoder().encode(header);
    const out = new Uint8Array(8 + head.length + 48);
    new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
    out.set(head, 8);
    out.set(new Uint8Array(Float64Array.of(1, -1, 2, 3, 0, -1).buffer), 8 + head.length);
    const net = parseNetwork(out, 'safetensors');
    // fc1: x ↦ relu([2x, 3x − 1]); fc2: [1, −1], no bias.
    expect(Array.from(net.layers[0].weight)).toEqual([2, 3]);
    expect(evaluate(net, [1])[0]).toBe(2 - 2);
    expect(evaluate(net, [-1])[0]).toBe(0);
  });

  it('refuses bad headers and offsets', () => {
    const good = networkToSafetensors(reference);
    const long = good.slice();
    new DataView(long.buffer).setBigUint64(0, 1n << 40n, true);
    expect(errorOf(() => parseSafetensors(long)).message).toMatch(/header claims 1099511627776 bytes/);
    // Edit the ASCII header in place (same length, so the data section stays where it was).
    const edit = (from: string, to: string) => {
      const n = Number(new DataView(good.buffer).getBigUint64(0, true));
      const header = new TextDecoder().decode(good.subarray(8, 8 + n));
      expect(header).toContain(from);
      const out = good.slice();
      out.set(new TextEncoder().encode(header.replace(from, to)), 8);
      return out;
    };
    const shifted = edit('"data_offsets":[0,48]', '"data_offsets":[0,40]');
    expect(errorOf(() => parseSafetensors(shifted)).message).toMatch(/tensor '0.weight' \(F32 \[6, 2\]\) has data_offsets \[0, 40\]/);
    const u8 = edit('"dtype":"F32","shape":[6,2]', '"dtype":"I32","shape":[6,2]');
    expect(errorOf(() => parseSafetensors(u8)).message).toMatch(/dtype I32; tessera reads F16, BF16, F32 and F64/);
  });
});

describe('state dicts', () => {
  const w1 = t('fc1.weight', [2, 1], [1, -1]);
  const b1 = t('fc1.bias', [2], [0, 1]);
  const w2 = t('fc2.weight', [1, 2], [1, 1]);

  it('orders Sequential indices and numbered names naturally, under any prefix', () => {
    const names = ['model.layers.0', 'model.layers.2', 'model.layers.10'];
    const widths = [1, 2, 3, 1];
    const tensors = [2, 0, 1].map((k) => t(`${names[k]}.weight`, [widths[k + 1], widths[k]], new Array(widths[k + 1] * widths[k]).fill(k + 1)));
    const net = networkFromStateDict(tensors);
    expect(net.layers.map((l) => l.weight[0])).toEqual([1, 2, 3]);
    expect(Array.from(net.layers[0].bias)).toEqual([0, 0]); // missing bias → zeros
    const fc = networkFromStateDict([t('fc10.weight', [1, 2], [5, 5]), w1, t('fc2.weight', [2, 2], [1, 0, 0, 1])]);
    expect(fc.layers.map((l) => l.weight[0])).toEqual([1, 1, 5]);
    const single = networkFromStateDict([t('weight', [1, 2], [3, 4]), t('bias', [1], [5])]);
    expect(evaluate(single, [1, 1])[0]).toBe(12);
  });

  it('keeps file order for unnumbered names, or the unique order the widths allow', () => {
    const a = t('input.weight', [3, 2], [1, 1, 1, 1, 1, 1]);
    const b = t('hidden.weight', [4, 3], new Array(12).fill(2));
    const c = t('output.weight', [1, 4], [3, 3, 3, 3]);
    expect(networkFromStateDict([a, b, c]).layers.map((l) => l.weight[0])).toEqual([1, 2, 3]);
    // safetensors sorts by name: hidden, input, output — the widths put them back in order.
    expect(networkFromStateDict([b, a, c]).layers.map((l) => l.weight[0])).toEqual([1, 2, 3]);
    const square = (name: string) => t(`${name}.weight`, [2, 2], [1, 0, 0, 1]);
    const amb = [square('p'), t('q.weight', [2, 3], new Array(6).fill(1)), square('r')];
    expect(errorOf(() => networkFromStateDict(amb)).message).toMatch(/cannot tell the layer order of modules 'p', 'q', 'r'/);
  });

  it('refuses what is not an MLP state dict', () => {
    expect(errorOf(() => networkFromStateDict([w1, b1, t('fc2.bias', [1], [0])])).message).toBe("'fc2.bias' has no matching 'fc2.weight'");
    expect(errorOf(() => networkFromStateDict([t('norm.weight', [2], [1, 1])])).message).toMatch(/'norm.weight' has shape \[2\]; a Linear weight is 2-D .* normalization layer/);
    expect(errorOf(() => networkFromStateDict([w1, t('bn.running_mean', [2], [0, 0])])).message).toMatch(/tensor 'bn.running_mean' is not a Linear weight or bias/);
    expect(errorOf(() => networkFromStateDict([w1, t('fc1.bias', [3], [0, 0, 0])])).message).toMatch(/'fc1.bias' has shape \[3\] but 'fc1.weight' has 2 rows/);
    expect(errorOf(() => networkFromStateDict([w1, t('fc2.weight', [1, 3], [1, 1, 1])])).message).toBe(
      "shape mismatch: 'fc2.weight' [1, 3] takes 3 inputs but the layer before it, 'fc1.weight' [2, 1], gives 2 outputs",
    );
    expect(errorOf(() => networkFromStateDict([w1, t('fc2.weight', [1, 2], [1, Infinity])])).message).toBe("tensor 'fc2.weight'[0][1] is Infinity, not a finite number");
    expect(errorOf(() => networkFromStateDict([w1, w2, w1])).message).toMatch(/appears twice/);
    expect(errorOf(() => networkFromStateDict([])).message).toMatch(/holds no tensors/);
  });
});
