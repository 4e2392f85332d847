/**
 * Incidence numbers [σ : f] = ±1 of a polyhedral complex, for integral homology.
 *
 * Each cell is a convex polytope given by its vertices. Orient a d-cell σ by an orthonormal basis B_σ of
 * its affine hull (Gram–Schmidt on vertex differences); a vertex has the empty basis, orientation +1.
 * For a facet f of σ, let u be the unit outward normal of f inside aff(σ) (the part of c_f − c_σ, the
 * difference of centroids, orthogonal to aff(f)). The orientation that σ induces on f is (u, B_f)
 * read in σ's basis ("outward normal first", Munkres §5 / Hatcher's boundary orientation convention), so
 * [σ : f] = sign det [u, B_f] expressed in B_σ. Since the rows are orthonormal, |det| = 1 up to
 * rounding: the sign is far from any tolerance question for a genuine (non-degenerate) cell.
 */
import { TesseraError } from '../numeric/errors.js';
import { chainComplexOfComplex, type ChainComplex } from './chain-complex.js';
import type { CellGeometry } from './cubical.js';

interface Frame {
  /** centroid (length n) */
  readonly centre: Float64Array;
  /** d × n orthonormal rows */
  readonly basis: Float64Array;
}

/** Vertex lists of every cell of every dimension (through the facet lists). */
export function cellVertexSets(geo: CellGeometry): Int32Array[][] {
  const lists: Int32Array[][] = [Array.from({ length: geo.cells[0].count }, (_, i) => Int32Array.of(i))];
  for (let d = 1; d < geo.cells.length; d++) {
    const c = geo.cells[d];
    const below = lists[d - 1];
    const out: Int32Array[] = [];
    for (let j = 0; j < c.count; j++) {
      const s = new Set<number>();
      for (let k = c.facetOffsets[j]; k < c.facetOffsets[j + 1]; k++) for (const v of below[c.facetIndices[k]]) s.add(v);
      out.push(Int32Array.from([...s].sort((a, b) => a - b)));
    }
    lists.push(out);
  }
  return lists;
}

function frame(geo: CellGeometry, verts: Int32Array, d: number): Frame {
  const n = geo.dim;
  const centre = new Float64Array(n);
  for (const v of verts) for (let a = 0; a < n; a++) centre[a] += geo.vertices[v * n + a] / verts.length;
  const basis = new Float64Array(d * n);
  // Greedy Gram–Schmidt: take the vertex difference with the largest residual each time (stable).
  const r = new Float64Array(n);
  for (let k = 0; k < d; k++) {
    let best = -1;
    let bestNorm = 0;
    const cand = new Float64Array(n);
    for (const v of verts) {
      for (let a = 0; a < n; a++) r[a] = geo.vertices[v * n + a] - centre[a];
      for (let q = 0; q < k; q++) {
        let dot = 0;
        for (let a = 0; a < n; a++) dot += r[a] * basis[q * n + a];
        for (let a = 0; a < n; a++) r[a] -= dot * basis[q * n + a];
      }
      let norm = 0;
      for (let a = 0; a < n; a++) norm += r[a] * r[a];
      if (norm > bestNorm) (bestNorm = norm), (best = v), cand.set(r);
    }
    if (best < 0) throw new TesseraError('input', `a ${d}-cell with vertices [${Array.from(verts).join(',')}] is degenerate (its vertices span less than ${d} dimensions)`);
    const s = 1 / Math.sqrt(bestNorm);
    for (let a = 0; a < n; a++) basis[k * n + a] = cand[a] * s;
  }
  return { centre, basis };
}

function det(m: Float64Array, d: number): number {
  const a = Float64Array.from(m);
  let result = 1;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r * d + c]) > Math.abs(a[p * d + c])) p = r;
    if (a[p * d + c] === 0) return 0;
    if (p !== c) {
      for (let k = 0; k < d; k++) [a[c * d + k], a[p * d + k]] = [a[p * d + k], a[c * d + k]];
      result = -result;
    }
    result *= a[c * d + c];
    for (let r = c + 1; r < d; r++) {
      const f = a[r * d + c] / a[c * d + c];
      for (let k = c; k < d; k++) a[r * d + k] -= f * a[c * d + k];
    }
  }
  return result;
}

/** coefficients[d] aligned with cells[d].facetIndices: the incidence number of each listed facet. */
export function incidenceNumbers(geo: CellGeometry): Int8Array[] {
  const n = geo.dim;
  const lists = cellVertexSets(geo);
  const frames = lists.map((cells, d) => cells.map((v) => frame(geo, v, d)));
  const out: Int8Array[] = [new Int8Array(0)];
  const u = new Float64Array(n);
  for (let d = 1; d < geo.cells.length; d++) {
    const c = geo.cells[d];
    const coef = new Int8Array(c.facetIndices.length);
    const m = new Float64Array(d * d);
    for (let j = 0; j < c.count; j++) {
      const fs = frames[d][j];
      for (let k = c.facetOffsets[j]; k < c.facetOffsets[j + 1]; k++) {
        const ff = frames[d - 1][c.facetIndices[k]];
        for (let a = 0; a < n; a++) u[a] = ff.centre[a] - fs.centre[a];
        for (let q = 0; q < d - 1; q++) {
          let dot = 0;
          for (let a = 0; a < n; a++) dot += u[a] * ff.basis[q * n + a];
          for (let a = 0; a < n; a++) u[a] -= dot * ff.basis[q * n + a];
        }
        // rows: u, then the facet's basis, each in σ's basis coordinates
        for (let row = 0; row < d; row++) {
          for (let col = 0; col < d; col++) {
            let dot = 0;
            for (let a = 0; a < n; a++) dot += (row === 0 ? u[a] : ff.basis[(row - 1) * n + a]) * fs.basis[col * n + a];
            m[row * d + col] = dot;
          }
        }
        const s = det(m, d);
        if (s === 0) throw new TesseraError('input', `cannot orient facet ${c.facetIndices[k]} of ${d}-cell ${j}: it is not a proper facet`);
        coef[k] = s > 0 ? 1 : -1;
      }
    }
    out.push(coef);
  }
  return out;
}

/** The integral chain complex of a polyhedral complex (geometric orientations). */
export function orientedChainComplex(geo: CellGeometry): ChainComplex {
  return chainComplexOfComplex(geo, incidenceNumbers(geo));
}
