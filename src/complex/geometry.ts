/**
 * Geometry of cells: the boundary cycle of a 2-cell (for drawing and areas) and top-cell volumes in
 * 1-D, 2-D (shoelace) and 3-D (divergence theorem over the facets' polygons).
 */
import { TesseraError } from '../numeric/errors.js';
import type { Complex } from './types.js';

/**
 * Where an affine function with values za < 0 < zb (or the reverse) at an edge's ends crosses zero: the
 * parameter t along the edge from a, clamped to [0, 1] against rounding (the ends' signs already say
 * the crossing is inside). Shared by every engine that splits edges, so they place vertices alike.
 */
export function crossingParameter(za: number, zb: number): number {
  const t = za / (za - zb);
  return t > 0 ? (t < 1 ? t : 1) : 0;
}

/**
 * Vertex ids of 2-cell i of a complex, in order around its boundary, counter-clockwise in the cell's
 * first two coordinates (for a 2-D complex: the plane's orientation).
 */
export function polygonCycle(complex: Complex, i: number): Int32Array {
  const n = complex.dim;
  const faces = complex.cells[2];
  const edges = complex.cells[1];
  const start = faces.facetOffsets[i];
  const end = faces.facetOffsets[i + 1];
  const k = end - start;
  // Walk edge to edge: each vertex of a polygon has exactly two edges.
  const ea = new Int32Array(k);
  const eb = new Int32Array(k);
  for (let p = 0; p < k; p++) {
    const e = faces.facetIndices[start + p];
    ea[p] = edges.facetIndices[edges.facetOffsets[e]];
    eb[p] = edges.facetIndices[edges.facetOffsets[e] + 1];
  }
  const cycle = new Int32Array(k);
  const used = new Uint8Array(k);
  cycle[0] = ea[0];
  let cur = eb[0];
  used[0] = 1;
  for (let s = 1; s < k; s++) {
    cycle[s] = cur;
    let found = -1;
    for (let p = 0; p < k; p++) {
      if (used[p]) continue;
      if (ea[p] === cur) {
        found = p;
        cur = eb[p];
        break;
      }
      if (eb[p] === cur) {
        found = p;
        cur = ea[p];
        break;
      }
    }
    if (found < 0) throw new TesseraError('input', `2-cell ${i} is not a closed polygon`);
    used[found] = 1;
  }
  if (n === 2 && signedArea(complex.vertices, cycle) < 0) cycle.reverse();
  return cycle;
}

function signedArea(xy: Float64Array, cycle: Int32Array): number {
  let a = 0;
  for (let p = 0; p < cycle.length; p++) {
    const u = cycle[p];
    const v = cycle[(p + 1) % cycle.length];
    a += xy[2 * u] * xy[2 * v + 1] - xy[2 * v] * xy[2 * u + 1];
  }
  return a / 2;
}

/** Volume (length, area, volume) of top cell i of a 1-, 2- or 3-D complex. */
export function topCellVolume(complex: Complex, i: number): number {
  const n = complex.dim;
  const X = complex.vertices;
  if (n === 1) {
    const c = complex.cells[1];
    const a = c.facetIndices[c.facetOffsets[i]];
    const b = c.facetIndices[c.facetOffsets[i] + 1];
    return Math.abs(X[b] - X[a]);
  }
  if (n === 2) return Math.abs(signedArea(X, polygonCycle(complex, i)));
  if (n === 3) {
    // V = (1/3) Σ_faces (p_f − q) · (area vector of f), q an interior point: each face's polygon is fanned
    // from its first vertex; the sign is fixed by orienting each face away from q.
    const q = [0, 0, 0];
    const c3 = complex.cells[3];
    let nv = 0;
    const faceIds = c3.facetIndices.subarray(c3.facetOffsets[i], c3.facetOffsets[i + 1]);
    const cycles = Array.from(faceIds, (f) => polygonCycle(complex, f));
    for (const cyc of cycles) for (const v of cyc) {
      q[0] += X[3 * v];
      q[1] += X[3 * v + 1];
      q[2] += X[3 * v + 2];
      nv++;
    }
    q[0] /= nv;
    q[1] /= nv;
    q[2] /= nv;
    let vol = 0;
    for (const cyc of cycles) {
      const o = cyc[0];
      for (let p = 1; p + 1 < cyc.length; p++) {
        const a = cyc[p];
        const b = cyc[p + 1];
        // Tetrahedron (q, o, a, b).
        const ux = X[3 * o] - q[0], uy = X[3 * o + 1] - q[1], uz = X[3 * o + 2] - q[2];
        const vx = X[3 * a] - q[0], vy = X[3 * a + 1] - q[1], vz = X[3 * a + 2] - q[2];
        const wx = X[3 * b] - q[0], wy = X[3 * b + 1] - q[1], wz = X[3 * b + 2] - q[2];
        vol += Math.abs(ux * (vy * wz - vz * wy) - uy * (vx * wz - vz * wx) + uz * (vx * wy - vy * wx)) / 6;
      }
    }
    return vol;
  }
  throw new TesseraError('unsupported', `cell volumes are computed in 1-, 2- and 3-D, not ${n}-D`);
}

/** Sum of the top cells' volumes. */
export function totalVolume(complex: Complex): number {
  let s = 0;
  for (let r = 0; r < complex.cells[complex.dim].count; r++) s += topCellVolume(complex, r);
  return s;
}

/** The bounding box [x0, x1, y0, y1] of `count` planar points stored as x, y pairs (a complex's vertices). */
export function planarBounds(xy: ArrayLike<number>, count: number): [number, number, number, number] {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let v = 0; v < count; v++) {
    x0 = Math.min(x0, xy[2 * v]);
    x1 = Math.max(x1, xy[2 * v]);
    y0 = Math.min(y0, xy[2 * v + 1]);
    y1 = Math.max(y1, xy[2 * v + 1]);
  }
  return [x0, x1, y0, y1];
}
