/**
 * loadNetwork: read a network file, choosing the loader by extension, then by content (magic bytes).
 * Every problem becomes a TesseraError that names the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TesseraError, inFile } from '../../numeric/errors.js';
import { networkToJSON, type Network } from '../network.js';
import { parseNetworkJSON } from './json.js';
import { decodeONNXModel, parseONNX } from './onnx.js';
import { networkToNpz, parseNpz } from './npz.js';
import { networkToONNX } from './onnxWrite.js';
import { looksLikeSafetensors, networkToSafetensors, parseSafetensors } from './safetensors.js';

export type NetworkFormat = 'json' | 'onnx' | 'npz' | 'safetensors';

const PICKLE =
  'a PyTorch checkpoint (torch.save) is a pickle, which tessera does not execute; export the model with torch.onnx.export, np.savez or safetensors (README: "Exporting from PyTorch")';

const EXTENSIONS: Record<string, NetworkFormat> = { '.json': 'json', '.onnx': 'onnx', '.npz': 'npz', '.safetensors': 'safetensors' };

/**
 * Guess the format from the extension, then from the first bytes: "PK" is a zip (.npz), "{" is JSON,
 * a little-endian length followed by "{" is safetensors. ONNX has no magic number: we try to decode
 * the bytes as a ModelProto and accept them when that yields a graph.
 */
export function detectFormat(path: string, bytes: Uint8Array): NetworkFormat {
  const lower = path.toLowerCase();
  for (const [ext, format] of Object.entries(EXTENSIONS)) if (lower.endsWith(ext)) return format;
  if (/\.(pt|pth|ckpt)$/.test(lower)) throw new TesseraError('unsupported', PICKLE);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'npz';
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x7b) return 'json';
  if (looksLikeSafetensors(bytes)) return 'safetensors';
  if (bytes.length > 0) {
    try {
      decodeONNXModel(bytes);
      return 'onnx';
    } catch {
      // not ONNX either
    }
  }
  throw new TesseraError('format', 'unknown network format (expected .json, .onnx, .npz or .safetensors)');
}

/** Parse a network from bytes already read. */
export function parseNetwork(bytes: Uint8Array, format: NetworkFormat): Network {
  switch (format) {
    case 'json':
      return parseNetworkJSON(new TextDecoder().decode(bytes));
    case 'onnx':
      return parseONNX(bytes);
    case 'npz':
      return parseNpz(bytes);
    case 'safetensors':
      return parseSafetensors(bytes);
    default:
      throw new TesseraError('format', `unknown network format '${String(format)}'`);
  }
}

export function loadNetwork(path: string): Network {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TesseraError('input', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? (err as Error).message})`, path);
  }
  return inFile(path, () => parseNetwork(bytes, detectFormat(path, bytes)));
}

/**
 * The bytes of `net` in a format. Binary formats are written in float64 (ONNX DOUBLE, `<f8`, F64) so
 * that reading them back gives the same network to the bit; use the writers directly for float32.
 */
export function networkToBytes(net: Network, format: NetworkFormat): Uint8Array {
  switch (format) {
    case 'json':
      return new TextEncoder().encode(JSON.stringify(networkToJSON(net)) + '\n');
    case 'onnx':
      return networkToONNX(net, { dtype: 'float64' });
    case 'npz':
      return networkToNpz(net, { dtype: 'f8' });
    case 'safetensors':
      return networkToSafetensors(net, { dtype: 'F64' });
    default:
      throw new TesseraError('format', `unknown network format '${String(format)}'`);
  }
}

/** Write `net` to `path`, the format chosen by the extension (.json, .onnx, .npz, .safetensors). */
export function saveNetwork(path: string, net: Network): void {
  const lower = path.toLowerCase();
  const format = Object.entries(EXTENSIONS).find(([ext]) => lower.endsWith(ext))?.[1];
  if (!format) throw new TesseraError('input', 'cannot tell the format to write from the extension (use .json, .onnx, .npz or .safetensors)', path);
  const bytes = networkToBytes(net, format);
  try {
    writeFileSync(path, bytes);
  } catch (err) {
    throw new TesseraError('input', `cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, path);
  }
}
