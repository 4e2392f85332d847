/**
 * Point clouds for Rips persistence: a CSV / whitespace table (optional header line) or a 2-D .npy
 * array (float32/float64; the .npy parser is net/load/npy.ts). One point per row.
 */
import { readFileSync } from 'node:fs';
import { parseNpy } from '../net/load/npy.js';
import { inFile, TesseraError } from '../numeric/errors.js';

export interface PointSet {
  readonly count: number;
  readonly dim: number;
  /** count × dim, row-major. */
  readonly points: Float64Array;
}

/** Parse a text table: fields split on commas and/or whitespace; a first line that is not numeric is a header. */
export function parsePointsText(text: string): PointSet {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const rows: number[][] = [];
  lines.forEach((line, i) => {
    const fields = line.split(/\s*,\s*|\s+/).filter((f) => f !== '');
    const values = fields.map(Number);
    if (fields.some((f, k) => f === '' || !Number.isFinite(values[k]))) {
      if (i === 0 && rows.length === 0) return; // header
      throw new TesseraError('format', `line ${i + 1}: expected numbers separated by commas or spaces, got "${line.length > 60 ? line.slice(0, 60) + '…' : line}"`);
    }
    rows.push(values);
  });
  if (rows.length === 0) throw new TesseraError('format', 'no points found');
  const dim = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== dim) throw new TesseraError('shape', `point ${i} has ${r.length} coordinates, point 0 has ${dim}`);
  });
  const points = new Float64Array(rows.length * dim);
  rows.forEach((r, i) => points.set(r, i * dim));
  return { count: rows.length, dim, points };
}

/** A 2-D .npy array (n × dim) as a point cloud. */
export function parsePointsNpy(bytes: Uint8Array): PointSet {
  const arr = parseNpy(bytes, 'point array');
  if (arr.shape.length !== 2) throw new TesseraError('shape', `a point array must be 2-D (points × coordinates), this one has shape (${arr.shape.join(', ')})`);
  const [count, dim] = arr.shape;
  if (count === 0 || dim === 0) throw new TesseraError('shape', `point array of shape (${count}, ${dim}) is empty`);
  for (let i = 0; i < arr.data.length; i++) if (!Number.isFinite(arr.data[i])) throw new TesseraError('input', `point ${Math.floor(i / dim)} coordinate ${i % dim} is not a finite number`);
  return { count, dim, points: arr.data };
}

/** Read a point cloud file: .npy by extension or magic bytes, anything else as text. */
export function loadPoints(path: string): PointSet {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TesseraError('input', code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (err as Error).message})`, path);
  }
  return inFile(path, () => (path.toLowerCase().endsWith('.npy') || bytes[0] === 0x93 ? parsePointsNpy(bytes) : parsePointsText(new TextDecoder().decode(bytes))));
}
