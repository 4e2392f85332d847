/**
 * loadNetwork: read a network file, choosing the loader by content (magic bytes) and extension.
 * Every problem becomes a TesseraError that names the file.
 */
import { readFileSync } from 'node:fs';
import { TesseraError, inFile } from '../../numeric/errors.js';
import type { Network } from '../network.js';
import { parseNetworkJSON } from './json.js';

export type NetworkFormat = 'json' | 'onnx' | 'npz' | 'safetensors';

/** Guess the format from the extension, then from the first bytes. */
export function detectFormat(path: string, bytes: Uint8Array): NetworkFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.onnx')) return 'onnx';
  if (lower.endsWith('.npz')) return 'npz';
  if (lower.endsWith('.safetensors')) return 'safetensors';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'npz'; // "PK": a zip archive
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x7b) return 'json'; // "{"
  throw new TesseraError('format', 'unknown network format (expected .json, .onnx, .npz or .safetensors)');
}

/** Parse a network from bytes already read. */
export function parseNetwork(bytes: Uint8Array, format: NetworkFormat): Network {
  switch (format) {
    case 'json':
      return parseNetworkJSON(new TextDecoder().decode(bytes));
    default:
      throw new TesseraError('unsupported', `${format} loading is not available in this build`);
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
