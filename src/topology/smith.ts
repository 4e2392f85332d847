/**
 * Integral homology by Smith normal form on BigInt (for small complexes: torsion).
 *
 * H_d(C; Z) ≅ Z^{b_d} ⊕ ⊕ Z/t_i, where b_d = n_d − rank ∂_d − rank ∂_{d+1} and the t_i > 1 are the
 * invariant factors of ∂_{d+1} (Munkres, Elements of Algebraic Topology, §11). Boundary matrices are
 * sparse with ±1 entries, so we first eliminate unit pivots sparsely (a unit pivot's row and column can
 * be removed without changing the other invariant factors), then diagonalise what is left densely.
 */
import { TesseraError } from '../numeric/errors.js';
import type { BoundaryMatrix } from './boundary.js';
import type { ChainComplex } from './chain-complex.js';

export interface IntegralHomology {
  /** Free ranks b_d. */
  readonly betti: number[];
  /** torsion[d] = invariant factors > 1 of H_d, as a divisibility chain (e.g. [2] for RP²'s H₁). */
  readonly torsion: number[][];
}

export interface SmithOptions {
  /** Refuse complexes with more cells than this (default 20 000). */
  readonly maxCells?: number;
}

/** Non-zero invariant factors of an integer matrix (with incidence coefficients), ascending. */
export function invariantFactors(m: BoundaryMatrix): bigint[] {
  if (!m.coefficients && m.colOffsets[m.cols] > 0) throw new TesseraError('input', 'integral homology needs oriented boundary matrices (incidence numbers ±1)');
  // Sparse rows: row r → (column → value); and column → set of rows.
  const rows = new Map<number, Map<number, bigint>>();
  const colRows = new Map<number, Set<number>>();
  for (let j = 0; j < m.cols; j++) {
    for (let k = m.colOffsets[j]; k < m.colOffsets[j + 1]; k++) {
      const r = m.rowIndices[k];
      const v = BigInt(m.coefficients![k]);
      if (v === 0n) continue;
      if (!rows.has(r)) rows.set(r, new Map());
      rows.get(r)!.set(j, v);
      if (!colRows.has(j)) colRows.set(j, new Set());
      colRows.get(j)!.add(r);
    }
  }
  const factors: bigint[] = [];
  // Phase 1: unit pivots.
  let progress = true;
  while (progress) {
    progress = false;
    for (const [r, row] of rows) {
      let pc = -1;
      let pv = 0n;
      for (const [c, v] of row) if (v === 1n || v === -1n) (pc = c), (pv = v);
      if (pc < 0) continue;
      for (const s of colRows.get(pc)!) {
        if (s === r) continue;
        const other = rows.get(s)!;
        const f = other.get(pc)! * pv; // pv⁻¹ = pv for a unit
        for (const [c, v] of row) {
          const nv = (other.get(c) ?? 0n) - f * v;
          if (nv === 0n) {
            other.delete(c);
            colRows.get(c)!.delete(s);
          } else {
            if (!other.has(c)) colRows.get(c)!.add(s);
            other.set(c, nv);
          }
        }
        if (other.size === 0) rows.delete(s);
      }
      for (const c of row.keys()) colRows.get(c)!.delete(r);
      colRows.delete(pc);
      rows.delete(r);
      factors.push(1n);
      progress = true;
    }
  }
  // Phase 2: dense Smith diagonalisation of what is left.
  const rowIds = [...rows.keys()];
  const colIds = [...new Set(rowIds.flatMap((r) => [...rows.get(r)!.keys()]))];
  const a = rowIds.map((r) => colIds.map((c) => rows.get(r)!.get(c) ?? 0n));
  factors.push(...diagonalise(a, rowIds.length, colIds.length));
  return toDivisibilityChain(factors);
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** Diagonal of a Smith-equivalent matrix (non-zero entries, not yet a divisibility chain). */
function diagonalise(a: bigint[][], nr: number, nc: number): bigint[] {
  const out: bigint[] = [];
  for (let t = 0; t < Math.min(nr, nc); t++) {
    // smallest non-zero entry of the remaining block goes to (t, t)
    let bi = -1;
    let bj = -1;
    for (let i = t; i < nr; i++) for (let j = t; j < nc; j++) if (a[i][j] !== 0n && (bi < 0 || abs(a[i][j]) < abs(a[bi][bj]))) (bi = i), (bj = j);
    if (bi < 0) break;
    swapRows(a, t, bi);
    swapCols(a, t, bj);
    for (;;) {
      const p = a[t][t];
      for (let i = t + 1; i < nr; i++) {
        if (a[i][t] === 0n) continue;
        const q = a[i][t] / p;
        for (let j = t; j < nc; j++) a[i][j] -= q * a[t][j];
      }
      for (let j = t + 1; j < nc; j++) {
        if (a[t][j] === 0n) continue;
        const q = a[t][j] / p;
        for (let i = t; i < nr; i++) a[i][j] -= q * a[i][t];
      }
      // remainders left in row/column t are smaller than the pivot: bring the smallest in and repeat
      let bi2 = -1;
      let bj2 = -1;
      for (let i = t + 1; i < nr; i++) if (a[i][t] !== 0n && (bi2 < 0 || abs(a[i][t]) < abs(a[bi2][t]))) bi2 = i;
      for (let j = t + 1; j < nc; j++) if (a[t][j] !== 0n && (bj2 < 0 || abs(a[t][j]) < abs(a[t][bj2]))) bj2 = j;
      if (bi2 < 0 && bj2 < 0) break;
      if (bi2 >= 0) swapRows(a, t, bi2);
      else swapCols(a, t, bj2);
    }
    out.push(abs(a[t][t]));
  }
  return out;
}

function swapRows(a: bigint[][], i: number, k: number): void {
  if (i !== k) [a[i], a[k]] = [a[k], a[i]];
}

function swapCols(a: bigint[][], j: number, k: number): void {
  if (j !== k) for (const row of a) [row[j], row[k]] = [row[k], row[j]];
}

function gcd(x: bigint, y: bigint): bigint {
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** ⊕ Z/d_i rewritten with d_1 | d_2 | … (pairwise gcd/lcm until stable). */
function toDivisibilityChain(d: bigint[]): bigint[] {
  const v = d.map(abs).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  for (let i = 0; i < v.length; i++) {
    for (let j = i + 1; j < v.length; j++) {
      const g = gcd(v[i], v[j]);
      const l = (v[i] / g) * v[j];
      v[i] = g;
      v[j] = l;
    }
  }
  return v;
}

/** Betti numbers and torsion coefficients over Z of an oriented chain complex. */
export function homologyZ(chain: ChainComplex, options: SmithOptions = {}): IntegralHomology {
  const total = chain.counts.reduce((s, n) => s + n, 0);
  const max = options.maxCells ?? 20_000;
  if (total > max) throw new TesseraError('budget', `integral homology of ${total} cells exceeds the limit of ${max} (Smith normal form is cubic); raise maxCells to allow it`);
  const top = chain.counts.length - 1;
  const factors = chain.boundaries.map((b, d) => (d === 0 ? [] : invariantFactors(b)));
  const rank = (d: number) => (d >= 1 && d <= top ? factors[d].length : 0);
  const betti: number[] = [];
  const torsion: number[][] = [];
  for (let d = 0; d <= top; d++) {
    betti.push(chain.counts[d] - rank(d) - rank(d + 1));
    torsion.push(d + 1 <= top ? factors[d + 1].filter((f) => f > 1n).map(Number) : []);
  }
  return { betti, torsion };
}
