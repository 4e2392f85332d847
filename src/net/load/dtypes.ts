/**
 * Element types shared by the binary loaders (ONNX, .npy, safetensors): decoding little-endian
 * float16 / bfloat16 / float32 / float64 / int32 / int64 buffers into Float64Array, and encoding back
 * (for the writers). Every float32/float16/bfloat16 value is exactly representable in a double, so
 * decoding never rounds; encoding rounds to nearest, ties to even, as IEEE 754 does.
 */
import { TesseraError } from '../../numeric/errors.js';

export type ElementType = 'f16' | 'bf16' | 'f32' | 'f64' | 'i32' | 'i64';

export const ELEMENT_BYTES: Readonly<Record<ElementType, number>> = { f16: 2, bf16: 2, f32: 4, f64: 8, i32: 4, i64: 8 };

/** 2^(e − 25) for the 5-bit half exponent e (index 0 holds 2^-24, the subnormal unit). */
const HALF_SCALE = Float64Array.from({ length: 32 }, (_, e) => 2 ** (e === 0 ? -24 : e - 25));

/** IEEE half (binary16) bits → number, exact. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * HALF_SCALE[0]; // zero or subnormal
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1024 + frac) * HALF_SCALE[exp];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** bfloat16 bits → number: the high half of a float32. */
export function bfloat16ToNumber(b: number): number {
  u32[0] = (b & 0xffff) << 16;
  return f32[0];
}

/** number → bfloat16 bits, rounding the float32 to nearest even on the dropped 16 bits. */
export function numberToBfloat16(v: number): number {
  f32[0] = v;
  const bits = u32[0];
  if (Number.isNaN(v)) return 0x7fc0;
  const rounded = bits + 0x7fff + ((bits >>> 16) & 1);
  return (rounded >>> 16) & 0xffff;
}

/** number → IEEE half bits, round to nearest even; overflow gives ±Infinity. */
export function numberToHalf(v: number): number {
  if (Number.isNaN(v)) return 0x7e00;
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  const a = Math.abs(v);
  if (a === 0) return sign;
  if (a >= 65520) return sign | 0x7c00; // rounds past the largest half, 65504
  let exp = Math.floor(Math.log2(a));
  if (2 ** exp > a) exp--; // guard log2 rounding
  else if (2 ** (exp + 1) <= a) exp++;
  if (exp < -14) {
    // subnormal: units of 2^-24
    const m = roundHalfEven(a * 2 ** 24);
    return sign | m; // m = 1024 becomes the smallest normal, which is the right encoding
  }
  let m = roundHalfEven((a / 2 ** exp - 1) * 1024);
  if (m === 1024) {
    m = 0;
    exp++;
  }
  if (exp > 15) return sign | 0x7c00;
  return sign | ((exp + 15) << 10) | m;
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Decode `count` little-endian elements starting at `offset` of `bytes`. Works on unaligned data
 * (zip members and protobuf fields sit at arbitrary offsets), so it reads through a DataView.
 */
export function decodeElements(bytes: Uint8Array, offset: number, count: number, type: ElementType, what: string): Float64Array {
  const size = ELEMENT_BYTES[type];
  if (offset < 0 || offset + count * size > bytes.length) {
    throw new TesseraError('format', `${what}: data is truncated (needs ${count * size} bytes, ${Math.max(0, bytes.length - offset)} present)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * size);
  const out = new Float64Array(count);
  switch (type) {
    case 'f64':
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, true);
      break;
    case 'f32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
      break;
    case 'f16':
      for (let i = 0; i < count; i++) out[i] = halfToNumber(view.getUint16(2 * i, true));
      break;
    case 'bf16':
      for (let i = 0; i < count; i++) out[i] = bfloat16ToNumber(view.getUint16(2 * i, true));
      break;
    case 'i32':
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, true);
      break;
    case 'i64':
      for (let i = 0; i < count; i++) {
        const v = view.getBigInt64(8 * i, true);
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
          throw new TesseraError('input', `${what}: integer ${v} at index ${i} is too large to read exactly`);
        }
        out[i] = Number(v);
      }
      break;
  }
  return out;
}

/** Encode values little-endian (rounding to the element type). */
export function encodeElements(values: ArrayLike<number>, type: ElementType): Uint8Array {
  const size = ELEMENT_BYTES[type];
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    switch (type) {
      case 'f64':
        view.setFloat64(8 * i, v, true);
        break;
      case 'f32':
        view.setFloat32(4 * i, v, true);
        break;
      case 'f16':
        view.setUint16(2 * i, numberToHalf(v), true);
        break;
      case 'bf16':
        view.setUint16(2 * i, numberToBfloat16(v), true);
        break;
      case 'i32':
        view.setInt32(4 * i, v, true);
        break;
      case 'i64':
        view.setBigInt64(8 * i, BigInt(v), true);
        break;
    }
  }
  return out;
}

/** Product of a shape's dimensions (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** "[3, 2]". */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
