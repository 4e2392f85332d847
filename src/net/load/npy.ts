/**
 * The .npy array format (numpy's NEP 1): magic "\x93NUMPY", version, a header length, then a Python
 * dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), } padded with spaces, then the
 * raw data. We read little-endian float16/32/64 and int32/64; Fortran-order 2-D arrays are transposed
 * to row-major.
 */
import { TesseraError } from '../../numeric/errors.js';
import { decodeElements, encodeElements, shapeSize, type ElementType } from './dtypes.js';

export interface NpyArray {
  readonly shape: number[];
  /** Row-major (C order) values. */
  readonly data: Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DESCR: Record<string, ElementType> = { f2: 'f16', f4: 'f32', f8: 'f64', i4: 'i32', i8: 'i64' };

/** Parse one .npy file; `what` names it in messages (e.g. "array '0.weight'"). */
export function parseNpy(bytes: Uint8Array, what: string): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new TesseraError('format', `${what} is not a .npy array (bad magic)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new TesseraError('format', `${what}: .npy header is truncated`);
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else throw new TesseraError('unsupported', `${what}: .npy format version ${major} is not supported`);
  if (headerStart + headerLength > bytes.length) throw new TesseraError('format', `${what}: .npy header is truncated`);
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new TesseraError('format', `${what}: unreadable .npy header ${JSON.stringify(header.trim())}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const d = Number(s.replace(/L$/, ''));
      if (!Number.isInteger(d) || d < 0) throw new TesseraError('format', `${what}: bad .npy shape (${shapeText})`);
      return d;
    });
  const order = descr[0];
  const type = DESCR[descr.slice(1)];
  if (order === '>') throw new TesseraError('unsupported', `${what} is big-endian (${descr}); save it little-endian, e.g. with arr.astype('<f4')`);
  if (!type || (order !== '<' && order !== '=' && order !== '|')) {
    throw new TesseraError('unsupported', `${what} has dtype '${descr}'; tessera reads float16/32/64 and int32/64 arrays`);
  }
  const count = shapeSize(shape);
  let data = decodeElements(bytes, headerStart + headerLength, count, type, what);
  if (fortran === 'True' && shape.length >= 2) {
    if (shape.length > 2) throw new TesseraError('unsupported', `${what}: Fortran-order arrays of ${shape.length} dimensions are not supported`);
    data = transpose(data, shape[1], shape[0]);
  }
  return { shape, data };
}

/** Transpose a rows × cols row-major matrix. */
function transpose(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}

/** Write a version-1.0 .npy file, C order, as numpy does (header padded to a multiple of 64 bytes). */
export function writeNpy(shape: readonly number[], data: ArrayLike<number>, dtype: 'f2' | 'f4' | 'f8' = 'f4'): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = new TextEncoder().encode(header);
  const body = encodeElements(data, DESCR[dtype]);
  const out = new Uint8Array(10 + head.length + body.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, head.length, true);
  out.set(head, 10);
  out.set(body, 10 + head.length);
  return out;
}
