/**
 * Reading a Complex: the vertices of a cell, cofacets, sign strings, interior points, counts, the
 * Euler characteristic and the linear regions (classes of adjacent top cells with equal affine maps).
 */
import { packedSign, signString, unpackSigns } from '../net/signs.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import type { Complex } from './types.js';

function checkCell(complex: Complex, d: number, i: number): void {
  if (!(d >= 0 && d <= complex.dim) || !Number.isInteger(d)) throw new RangeError(`no cells of dimension ${d} (complex is ${complex.dim}-D)`);
  if (!(i >= 0 && i < complex.cells[d].count) || !Number.isInteger(i)) throw new RangeError(`no ${d}-cell ${i} (there are ${complex.cells[d].count})`);
}

/** Sorted vertex ids of cell i of dimension d. */
export function cellVertices(complex: Complex, d: number, i: number): Int32Array {
  checkCell(complex, d, i);
  if (d === 0) return Int32Array.of(i);
  // One visited set per dimension: each face once (not once per path down the lattice).
  const out: number[] = [];
  const seen = Array.from({ length: d + 1 }, () => new Set<number>());
  const visit = (dd: number, c: number): void => {
    if (seen[dd].has(c)) return;
    seen[dd].add(c);
    if (dd === 0) {
      out.push(c);
      return;
    }
    const cells = complex.cells[dd];
    for (let p = cells.facetOffsets[c]; p < cells.facetOffsets[c + 1]; p++) visit(dd - 1, cells.facetIndices[p]);
  };
  visit(d, i);
  return Int32Array.from(out).sort();
}

/** Facet ids of cell i of dimension d (a view, do not modify). */
export function cellFacets(complex: Complex, d: number, i: number): Int32Array {
  checkCell(complex, d, i);
  if (d === 0) return new Int32Array(0);
  const c = complex.cells[d];
  return c.facetIndices.subarray(c.facetOffsets[i], c.facetOffsets[i + 1]);
}

export interface CSR {
  /** count + 1 offsets into indices. */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
}

/** For every d-cell, the (d+1)-cells having it as a facet (CSR). Empty lists for d = dim. */
export function cofacets(complex: Complex, d: number): CSR {
  if (!(d >= 0 && d <= complex.dim)) throw new RangeError(`no cells of dimension ${d} (complex is ${complex.dim}-D)`);
  const count = complex.cells[d].count;
  const offsets = new Int32Array(count + 1);
  if (d === complex.dim) return { offsets, indices: new Int32Array(0) };
  const up = complex.cells[d + 1];
  for (let p = 0; p < up.facetOffsets[up.count]; p++) offsets[up.facetIndices[p] + 1]++;
  for (let c = 0; c < count; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, count);
  const indices = new Int32Array(offsets[count]);
  for (let c = 0; c < up.count; c++) {
    for (let p = up.facetOffsets[c]; p < up.facetOffsets[c + 1]; p++) indices[fill[up.facetIndices[p]]++] = c;
  }
  return { offsets, indices };
}

/** Sign of hidden neuron k on cell i of dimension d: −1, 0 or +1. */
export function cellSign(complex: Complex, d: number, i: number, k: number): -1 | 0 | 1 {
  return packedSign(complex.cells[d].signs, k, i * complex.signWords);
}

/** The sign sequence of a cell as −1/0/+1 per hidden neuron. */
export function cellSignSequence(complex: Complex, d: number, i: number): Int8Array {
  checkCell(complex, d, i);
  return unpackSigns(complex.cells[d].signs, complex.hiddenCount, i * complex.signWords);
}

/** "+-0|+0-": the sign sequence with '|' between layers. */
export function cellSignString(complex: Complex, d: number, i: number): string {
  return signString(cellSignSequence(complex, d, i), complex.hiddenWidths);
}

/**
 * A point in the relative interior of the cell: a vertex is its own point, a d-cell's point is the mean
 * of its facets' points (each face computed once). This is in the relative interior because it is a
 * positive combination of points from the relative interiors of all facets (assemble.ts).
 */
export function cellInteriorPoint(complex: Complex, d: number, i: number): Float64Array {
  checkCell(complex, d, i);
  const n = complex.dim;
  const memo = Array.from({ length: d + 1 }, () => new Map<number, Float64Array>());
  const point = (dd: number, c: number): Float64Array => {
    const known = memo[dd].get(c);
    if (known) return known;
    let x: Float64Array;
    if (dd === 0) x = complex.vertices.slice(c * n, (c + 1) * n);
    else {
      x = new Float64Array(n);
      const cells = complex.cells[dd];
      const p0 = cells.facetOffsets[c];
      const p1 = cells.facetOffsets[c + 1];
      for (let p = p0; p < p1; p++) {
        const y = point(dd - 1, cells.facetIndices[p]);
        for (let j = 0; j < n; j++) x[j] += y[j];
      }
      for (let j = 0; j < n; j++) x[j] /= p1 - p0;
    }
    memo[dd].set(c, x);
    return x;
  };
  return point(d, i);
}

/** [V, E, …, regions]. */
export function cellsByDim(complex: Complex): number[] {
  return complex.cells.map((c) => c.count);
}

/** Σ (−1)^d · count_d; 1 for a complex on a box or polytope (it is contractible). */
export function eulerCharacteristic(complex: Complex): number {
  let chi = 0;
  complex.cells.forEach((c, d) => (chi += (d % 2 === 0 ? 1 : -1) * c.count));
  return chi;
}

export interface LinearRegions {
  readonly count: number;
  /** Per top cell: its linear region, numbered 0..count−1 in order of first appearance. */
  readonly labels: Int32Array;
}

/**
 * Linear regions: union-find over pairs of top cells sharing a facet whose affine maps agree. Two maps
 * agree when, output by output, Σⱼ|ΔJⱼ|·R + |Δc| ≤ tolerance × (Σⱼ(|Jⱼ|+|J'ⱼ|)·R + |c|+|c'|), R the
 * domain's radius: the relative size of the difference of the two functions over the domain.
 */
export function linearRegions(complex: Complex, tol: Tolerance = DEFAULT_TOLERANCE): LinearRegions {
  const n = complex.dim;
  const m = complex.outputDim;
  const regions = complex.cells[n].count;
  const parent = new Int32Array(regions);
  for (let r = 0; r < regions; r++) parent[r] = r;
  const find = (r: number): number => {
    while (parent[r] !== r) {
      parent[r] = parent[parent[r]];
      r = parent[r];
    }
    return r;
  };
  let R = 0;
  for (let k = 0; k < complex.vertices.length; k++) R = Math.max(R, Math.abs(complex.vertices[k]));
  const J = complex.topJacobians;
  const c = complex.topOffsets;
  const same = (a: number, b: number): boolean => {
    for (let o = 0; o < m; o++) {
      let diff = Math.abs(c[a * m + o] - c[b * m + o]);
      let size = Math.abs(c[a * m + o]) + Math.abs(c[b * m + o]);
      for (let j = 0; j < n; j++) {
        const x = J[(a * m + o) * n + j];
        const y = J[(b * m + o) * n + j];
        diff += Math.abs(x - y) * R;
        size += (Math.abs(x) + Math.abs(y)) * R;
      }
      if (diff > tol.relative * size) return false;
    }
    return true;
  };
  const up = cofacets(complex, n - 1);
  for (let f = 0; f < complex.cells[n - 1].count; f++) {
    if (up.offsets[f + 1] - up.offsets[f] !== 2) continue;
    const a = up.indices[up.offsets[f]];
    const b = up.indices[up.offsets[f] + 1];
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb && same(a, b)) parent[ra] = rb;
  }
  const labels = new Int32Array(regions);
  const id = new Int32Array(regions).fill(-1);
  let count = 0;
  for (let r = 0; r < regions; r++) {
    const root = find(r);
    if (id[root] < 0) id[root] = count++;
    labels[r] = id[root];
  }
  return { count, labels };
}
