/**
 * The complex as JSON (the `--out FILE` format, documented in README "tessera regions"): plain nested
 * arrays, sign sequences as strings "+-0|+0-" (one character a neuron, '|' between layers).
 */
import { packSigns, packedWords, parseSignString, signString, unpackSigns } from '../net/signs.js';
import { TesseraError } from '../numeric/errors.js';
import type { CellsOfDim, Complex, Domain } from './types.js';

export interface ComplexJSON {
  format: 'tessera-complex';
  version: 1;
  dim: number;
  outputDim: number;
  hiddenWidths: number[];
  domain: { kind: 'box'; lo: number[]; hi: number[] } | { kind: 'polytope'; A: number[][]; b: number[] };
  plane?: { origin: number[]; basis: number[][] };
  vertices: number[][];
  /** cells[d]: count, facets (ids of (d−1)-cells; absent for d = 0) and sign strings. */
  cells: { dim: number; count: number; facets?: number[][]; signs: string[] }[];
  /** One entry per top cell (region). */
  regions: { jacobian: number[][]; offset: number[]; interiorPoint: number[] }[];
  /** F at every vertex (vertexCount × m). */
  vertexValues: number[][];
}

function rows(a: ArrayLike<number>, count: number, width: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < count; r++) out.push(Array.from({ length: width }, (_, j) => a[r * width + j]));
  return out;
}

export function complexToJSON(complex: Complex): ComplexJSON {
  const n = complex.dim;
  const m = complex.outputDim;
  const H = complex.hiddenCount;
  const W = complex.signWords;
  const dom = complex.domain;
  const domain: ComplexJSON['domain'] =
    dom.kind === 'box' ? { kind: 'box', lo: Array.from(dom.lo), hi: Array.from(dom.hi) } : { kind: 'polytope', A: rows(dom.A, dom.rows, dom.dim), b: Array.from(dom.b) };
  const cells = complex.cells.map((c, d) => {
    const signs: string[] = [];
    for (let i = 0; i < c.count; i++) signs.push(signString(unpackSigns(c.signs, H, i * W), complex.hiddenWidths));
    const entry: ComplexJSON['cells'][number] = { dim: d, count: c.count, signs };
    if (d > 0) entry.facets = Array.from({ length: c.count }, (_, i) => Array.from(c.facetIndices.subarray(c.facetOffsets[i], c.facetOffsets[i + 1])));
    return entry;
  });
  const R = complex.cells[n].count;
  const regions = Array.from({ length: R }, (_, r) => ({
    jacobian: rows(complex.topJacobians.subarray(r * m * n, (r + 1) * m * n), m, n),
    offset: Array.from(complex.topOffsets.subarray(r * m, (r + 1) * m)),
    interiorPoint: Array.from(complex.topInteriorPoints.subarray(r * n, (r + 1) * n)),
  }));
  const out: ComplexJSON = {
    format: 'tessera-complex',
    version: 1,
    dim: n,
    outputDim: m,
    hiddenWidths: [...complex.hiddenWidths],
    domain,
    vertices: rows(complex.vertices, complex.vertexCount, n),
    cells,
    regions,
    vertexValues: rows(complex.vertexValues, complex.vertexCount, m),
  };
  if (complex.plane) out.plane = { origin: Array.from(complex.plane.origin), basis: rows(complex.plane.basis, complex.plane.ambientDim, complex.plane.dim) };
  return out;
}

function bad(message: string): never {
  throw new TesseraError('format', `complex file: ${message}`);
}

function numberRows(value: unknown, count: number, width: number, what: string): Float64Array {
  if (!Array.isArray(value) || value.length !== count) bad(`${what} should be a list of ${count} rows`);
  const out = new Float64Array(count * width);
  value.forEach((row: unknown, r: number) => {
    if (!Array.isArray(row) || row.length !== width) bad(`${what}[${r}] should have ${width} numbers`);
    row.forEach((x: unknown, j: number) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) bad(`${what}[${r}][${j}] is not a finite number`);
      out[r * width + j] = x;
    });
  });
  return out;
}

/** Read a complex written by complexToJSON (an object, or its JSON text). */
export function complexFromJSON(input: unknown): Complex {
  const obj = (typeof input === 'string' ? JSON.parse(input) : input) as Partial<ComplexJSON>;
  if (!obj || typeof obj !== 'object' || obj.format !== 'tessera-complex') bad('"format" should be "tessera-complex"');
  const n = obj.dim;
  const m = obj.outputDim;
  if (!Number.isInteger(n) || n! < 1 || !Number.isInteger(m) || m! < 1) bad('"dim" and "outputDim" should be positive integers');
  const dim = n!;
  const out = m!;
  const widths = obj.hiddenWidths;
  if (!Array.isArray(widths) || widths.some((w) => !Number.isInteger(w) || w < 1)) bad('"hiddenWidths" should be a list of positive integers');
  const H = widths.reduce((a, b) => a + b, 0);
  const W = packedWords(H);
  let domain: Domain;
  const d = obj.domain;
  if (d?.kind === 'box') domain = { kind: 'box', dim, lo: numberRows([d.lo], 1, dim, 'domain.lo'), hi: numberRows([d.hi], 1, dim, 'domain.hi') };
  else if (d?.kind === 'polytope' && Array.isArray(d.b)) {
    domain = { kind: 'polytope', dim, A: numberRows(d.A, d.b.length, dim, 'domain.A'), b: numberRows([d.b], 1, d.b.length, 'domain.b'), rows: d.b.length };
  } else bad('"domain" should be {"kind":"box",…} or {"kind":"polytope",…}');
  if (!Array.isArray(obj.vertices)) bad('"vertices" missing');
  const V = obj.vertices.length;
  const vertices = numberRows(obj.vertices, V, dim, 'vertices');
  if (!Array.isArray(obj.cells) || obj.cells.length !== dim + 1) bad(`"cells" should list dimensions 0..${dim}`);
  const cells: CellsOfDim[] = obj.cells.map((c, k) => {
    const count = k === 0 ? V : c?.count;
    if (!Number.isInteger(count) || !Array.isArray(c.signs) || c.signs.length !== count) bad(`cells[${k}] should have ${count} sign strings`);
    const signs = new Uint32Array(count * W);
    c.signs.forEach((s, i) => {
      let seq: Int8Array;
      try {
        seq = parseSignString(String(s));
      } catch {
        bad(`cells[${k}].signs[${i}] is not a sign string`);
      }
      if (seq.length !== H) bad(`cells[${k}].signs[${i}] has ${seq.length} signs, expected ${H}`);
      packSigns(seq, signs, i * W);
    });
    const offsets = new Int32Array(count + 1);
    let indices = new Int32Array(0);
    if (k > 0) {
      if (!Array.isArray(c.facets) || c.facets.length !== count) bad(`cells[${k}].facets should have ${count} lists`);
      const flat: number[] = [];
      const below = k === 1 ? V : obj.cells![k - 1].count;
      c.facets.forEach((f, i) => {
        if (!Array.isArray(f)) bad(`cells[${k}].facets[${i}] is not a list`);
        for (const x of f) {
          if (!Number.isInteger(x) || x < 0 || x >= below) bad(`cells[${k}].facets[${i}] refers to a missing ${k - 1}-cell ${x}`);
          flat.push(x);
        }
        offsets[i + 1] = flat.length;
      });
      indices = Int32Array.from(flat);
    }
    return { count, signs, facetOffsets: offsets, facetIndices: indices };
  });
  const R = cells[dim].count;
  if (!Array.isArray(obj.regions) || obj.regions.length !== R) bad(`"regions" should have ${R} entries`);
  const topJacobians = new Float64Array(R * out * dim);
  const topOffsets = new Float64Array(R * out);
  const topInteriorPoints = new Float64Array(R * dim);
  obj.regions.forEach((r, i) => {
    topJacobians.set(numberRows(r?.jacobian, out, dim, `regions[${i}].jacobian`), i * out * dim);
    topOffsets.set(numberRows([r.offset], 1, out, `regions[${i}].offset`), i * out);
    topInteriorPoints.set(numberRows([r.interiorPoint], 1, dim, `regions[${i}].interiorPoint`), i * dim);
  });
  const vertexValues = numberRows(obj.vertexValues, V, out, 'vertexValues');
  let plane: Complex['plane'];
  if (obj.plane) {
    const origin = numberRows([obj.plane.origin], 1, obj.plane.origin?.length ?? 0, 'plane.origin');
    plane = { ambientDim: origin.length, dim, origin, basis: numberRows(obj.plane.basis, origin.length, dim, 'plane.basis') };
  }
  return {
    dim,
    domain: domain!,
    plane,
    hiddenCount: H,
    signWords: W,
    hiddenWidths: widths,
    vertexCount: V,
    vertices,
    cells,
    outputDim: out,
    topJacobians,
    topOffsets,
    topInteriorPoints,
    vertexValues,
  };
}
