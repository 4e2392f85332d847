/**
 * safetensors networks (huggingface/safetensors, "Format"): an 8-byte little-endian header length N,
 * N bytes of JSON {"name": {"dtype": "F32", "shape": [out, in], "data_offsets": [begin, end]}, …,
 * "__metadata__": {…}}, then the data, offsets relative to the byte after the header. Written by
 *   safetensors.torch.save_file(model.state_dict(), "net.safetensors")
 * The library orders tensors in the data by dtype and name, not by model order, so layer order comes
 * from the names (see stateDict.ts).
 */
import { TesseraError } from '../../numeric/errors.js';
import type { Network } from '../network.js';
import { ELEMENT_BYTES, decodeElements, encodeElements, shapeSize, shapeText, type ElementType } from './dtypes.js';
import { networkFromStateDict, stateDictFromNetwork, type NamedTensor } from './stateDict.js';

export type SafetensorsDtype = 'F16' | 'BF16' | 'F32' | 'F64';

const DTYPES: Record<string, ElementType> = { F16: 'f16', BF16: 'bf16', F32: 'f32', F64: 'f64' };

/** Largest header we accept (the reference implementation's limit is 100 MB). */
const MAX_HEADER = 100_000_000;

/** True when the bytes start like a safetensors file: a plausible length, then "{". */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  return n >= 2 && n <= bytes.length - 8 && bytes[8] === 0x7b;
}

/** The named tensors of a safetensors file, in data order. */
export function readSafetensors(bytes: Uint8Array): NamedTensor[] {
  if (bytes.length < 8) throw new TesseraError('format', `not a safetensors file (${bytes.length} bytes, no header)`);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength > bytes.length - 8 || headerLength > MAX_HEADER) {
    throw new TesseraError('format', `safetensors header claims ${headerLength} bytes but the file has ${bytes.length - 8} after the length (truncated or not safetensors)`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (err) {
    throw new TesseraError('format', `safetensors header is not valid JSON (${(err as Error).message})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new TesseraError('format', 'safetensors header is not a JSON object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const tensors: { tensor: NamedTensor; begin: number }[] = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: offsets } = (info ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof dtype !== 'string' || !Array.isArray(shape) || !Array.isArray(offsets) || offsets.length !== 2) {
      throw new TesseraError('format', `safetensors entry '${name}' lacks dtype, shape or data_offsets`);
    }
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new TesseraError('format', `safetensors entry '${name}' has a bad shape ${JSON.stringify(shape)}`);
    const type = DTYPES[dtype];
    if (!type) throw new TesseraError('unsupported', `tensor '${name}' has dtype ${dtype}; tessera reads F16, BF16, F32 and F64`);
    const [begin, end] = offsets as number[];
    const count = shapeSize(shape as number[]);
    if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end > dataLength || end - begin !== count * ELEMENT_BYTES[type]) {
      throw new TesseraError(
        'format',
        `tensor '${name}' (${dtype} ${shapeText(shape as number[])}) has data_offsets [${begin}, ${end}] that do not fit ${count * ELEMENT_BYTES[type]} bytes inside the ${dataLength}-byte data section`,
      );
    }
    const data = decodeElements(bytes, dataStart + begin, count, type, `tensor '${name}'`);
    tensors.push({ tensor: { name, shape: shape as number[], data }, begin });
  }
  return tensors.sort((a, b) => a.begin - b.begin).map((t) => t.tensor);
}

export function parseSafetensors(bytes: Uint8Array): Network {
  return networkFromStateDict(readSafetensors(bytes), 'safetensors file');
}

/** A safetensors file holding the nn.Sequential state dict of `net` (F32 by default, as PyTorch saves). */
export function networkToSafetensors(net: Network, options: { dtype?: SafetensorsDtype; prefix?: string } = {}): Uint8Array {
  const dtype = options.dtype ?? 'F32';
  const tensors = stateDictFromNetwork(net, options.prefix);
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const bodies: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    const body = encodeElements(t.data, DTYPES[dtype]);
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + body.length] };
    bodies.push(body);
    offset += body.length;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8); // the reference writer pads the header to 8 bytes
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let p = 8 + head.length;
  for (const b of bodies) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}
