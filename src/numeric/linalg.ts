/**
 * Small dense linear algebra on row-major Float64Arrays: products, numeric rank (Householder QR with
 * column pivoting), an orthonormal basis of a column space, singular values (one-sided Jacobi),
 * determinants and linear solves (LU with partial pivoting).
 *
 * Rank decisions follow the tolerance policy (numeric/tolerance.ts): a pivot counts as zero when it is
 * at most `relative × ‖A‖_F` — the Frobenius norm is the size of the entries that produced it, so the
 * decision is scale-free (A and 1e6·A have the same rank).
 */
import { DEFAULT_TOLERANCE, zeroThreshold, type Tolerance } from './tolerance.js';
import { TesseraError } from './errors.js';

/** C = A·B for A (m × k) and B (k × n), row-major. */
export function matMul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const v = a[i * k + p];
      if (v === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += v * b[bp + j];
    }
  }
  return c;
}

/** Aᵀ (cols × rows) of A (rows × cols). */
/**
 * |x_i − x_j|² for rows i, j of an n × dim point array, summed from 0 over the coordinates in order
 * (unrolled for dim 3, with the same bits).
 */
export function squaredDistance(points: Float64Array, dim: number, i: number, j: number): number {
  const pi = i * dim;
  const pj = j * dim;
  if (dim === 3) {
    const x = points[pi] - points[pj];
    const y = points[pi + 1] - points[pj + 1];
    const z = points[pi + 2] - points[pj + 2];
    return x * x + y * y + z * z;
  }
  let s = 0;
  for (let a = 0; a < dim; a++) {
    const t = points[pi + a] - points[pj + a];
    s += t * t;
  }
  return s;
}

export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

export function frobeniusNorm(a: ArrayLike<number>): number {
  // Scaled sum of squares: no overflow or underflow for extreme magnitudes.
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/** Result of a column-pivoted Householder QR, A P = Q R, stopped once the remaining block is zero. */
export interface PivotedQR {
  readonly rows: number;
  readonly cols: number;
  /** Numeric rank: the number of Householder steps whose pivot column was above the threshold. */
  readonly rank: number;
  /** |R_kk| for k < rank (non-increasing up to rounding). */
  readonly diagonal: Float64Array;
  /** Column permutation: column k of A P is column perm[k] of A. */
  readonly perm: Int32Array;
  /**
   * The reduced matrix, column-major (column j at [j·rows, (j+1)·rows)): R on and above the diagonal,
   * the Householder vectors below it (first entry 1, implied — LAPACK's convention).
   */
  readonly factors: Float64Array;
  /** Householder scalings: H_k = I − beta_k v_k v_kᵀ. */
  readonly beta: Float64Array;
  /** The zero threshold used: relative × ‖A‖_F. */
  readonly threshold: number;
}

/**
 * Householder QR with column pivoting (Businger & Golub 1965) of A (rows × cols, row-major). At step k
 * the remaining column of largest norm is brought forward; when that norm is at most the threshold,
 * every remaining column is zero to the tolerance and the rank is k. Norms are recomputed each step
 * (not downdated), so the decision never suffers from cancellation in norm updates. Cost O(rows·cols·rank).
 */
export function pivotedQR(a: Float64Array, rows: number, cols: number, tol: Tolerance = DEFAULT_TOLERANCE): PivotedQR {
  checkShape(a, rows, cols);
  return pivotedQRColumns(transpose(a, rows, cols), rows, cols, tol);
}

/** The same on a column-major matrix (consumed in place): column j at [j·rows, (j+1)·rows). */
function pivotedQRColumns(f: Float64Array, rows: number, cols: number, tol: Tolerance): PivotedQR {
  const perm = new Int32Array(cols);
  for (let j = 0; j < cols; j++) perm[j] = j;
  const steps = Math.min(rows, cols);
  const diagonal = new Float64Array(steps);
  const beta = new Float64Array(steps);
  const threshold = zeroThreshold(frobeniusNorm(f.subarray(0, rows * cols)), tol);
  let rank = 0;
  for (let k = 0; k < steps; k++) {
    // Norms of the remaining block's columns (rows k..), and the largest.
    let best = -1;
    let bestNorm = -1;
    for (let j = k; j < cols; j++) {
      let s = 0;
      const o = j * rows;
      for (let i = k; i < rows; i++) s += f[o + i] * f[o + i];
      if (s > bestNorm) {
        bestNorm = s;
        best = j;
      }
    }
    bestNorm = Math.sqrt(bestNorm);
    if (!(bestNorm > threshold)) break;
    const ko = k * rows;
    if (best !== k) {
      const bo = best * rows;
      for (let i = 0; i < rows; i++) {
        const t = f[ko + i];
        f[ko + i] = f[bo + i];
        f[bo + i] = t;
      }
      const t = perm[k];
      perm[k] = perm[best];
      perm[best] = t;
    }
    // Householder vector v = x − α e₁ with α = −sign(x₀)‖x‖ (no cancellation in v₀).
    const x0 = f[ko + k];
    const alpha = x0 >= 0 ? -bestNorm : bestNorm;
    const v0 = x0 - alpha;
    f[ko + k] = v0;
    // vᵀv = v0² + (‖x‖² − x0²); v0² ≥ ‖x‖², so the subtraction costs at most one rounding.
    const vtv = v0 * v0 + (bestNorm * bestNorm - x0 * x0);
    const bk = vtv > 0 ? 2 / vtv : 0;
    for (let j = k + 1; j < cols; j++) {
      const jo = j * rows;
      let s = 0;
      for (let i = k; i < rows; i++) s += f[ko + i] * f[jo + i];
      s *= bk;
      if (s === 0) continue;
      for (let i = k; i < rows; i++) f[jo + i] -= s * f[ko + i];
    }
    // LAPACK convention: scale v so its first entry is 1 (implied), keep R_kk = α on the diagonal.
    for (let i = k + 1; i < rows; i++) f[ko + i] /= v0;
    f[ko + k] = alpha;
    beta[k] = bk * v0 * v0;
    diagonal[k] = Math.abs(alpha);
    rank = k + 1;
  }
  return { rows, cols, rank, diagonal: diagonal.slice(0, rank), perm, factors: f, beta: beta.slice(0, rank), threshold };
}

/** Numeric rank of A (rows × cols, row-major) under the tolerance policy. */
export function matrixRank(a: Float64Array, rows: number, cols: number, tol: Tolerance = DEFAULT_TOLERANCE): number {
  checkShape(a, rows, cols);
  if (rows === 0 || cols === 0) return 0;
  // rank A = rank Aᵀ: factor the tall one. A wide row-major A is already its tall transpose in
  // column-major order, so it is used as is (copied); a tall A is transposed once.
  return rows >= cols ? pivotedQRColumns(transpose(a, rows, cols), rows, cols, tol).rank : pivotedQRColumns(a.slice(0, rows * cols), cols, rows, tol).rank;
}

/**
 * An orthonormal basis of the column space of A (rows × cols): rows × r, row-major, r = numeric rank.
 * Q's first r columns from the pivoted QR (H₀ H₁ ⋯ H_{r−1} applied to e₀ … e_{r−1}).
 */
export function columnSpaceBasis(a: Float64Array, rows: number, cols: number, tol: Tolerance = DEFAULT_TOLERANCE): { basis: Float64Array; rank: number } {
  const qr = pivotedQR(a, rows, cols, tol);
  const r = qr.rank;
  const f = qr.factors;
  // Work column-major on Q (rows × r), then write row-major.
  const q = new Float64Array(rows * r);
  for (let j = 0; j < r; j++) q[j * rows + j] = 1;
  for (let k = r - 1; k >= 0; k--) {
    const ko = k * rows;
    for (let j = 0; j < r; j++) {
      const jo = j * rows;
      // s = vᵀ q_j with v = (1, f[k+1..rows−1, k]).
      let s = q[jo + k];
      for (let i = k + 1; i < rows; i++) s += f[ko + i] * q[jo + i];
      s *= qr.beta[k];
      if (s === 0) continue;
      q[jo + k] -= s;
      for (let i = k + 1; i < rows; i++) q[jo + i] -= s * f[ko + i];
    }
  }
  return { basis: transpose(q, r, rows), rank: r };
}

/**
 * Singular values of A (rows × cols), largest first: one-sided Jacobi (Hestenes) on the tall
 * orientation, rotating column pairs until all are orthogonal to working precision. Slower than QR
 * but accurate to the last digits — the reference the rank decisions are tested against.
 */
export function singularValues(a: Float64Array, rows: number, cols: number): Float64Array {
  checkShape(a, rows, cols);
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  // Column-major working copy of the tall matrix: column j at [j·m, (j+1)·m).
  const u = new Float64Array(m * n);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    const v = a[i * cols + j];
    if (tall) u[j * m + i] = v;
    else u[i * m + j] = v;
  }
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        const po = p * m;
        const qo = q * m;
        for (let i = 0; i < m; i++) {
          const x = u[po + i];
          const y = u[qo + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = u[po + i];
          const y = u[qo + i];
          u[po + i] = c * x - s * y;
          u[qo + i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const sv = new Float64Array(n);
  for (let j = 0; j < n; j++) sv[j] = frobeniusNorm(u.subarray(j * m, (j + 1) * m));
  return sv.sort().reverse();
}

/** Rank from singular values with the same policy as matrixRank: σ > relative × ‖A‖_F. */
export function rankFromSingularValues(sv: ArrayLike<number>, tol: Tolerance = DEFAULT_TOLERANCE): number {
  const fro = frobeniusNorm(sv);
  const t = zeroThreshold(fro, tol);
  let r = 0;
  for (let i = 0; i < sv.length; i++) if (sv[i] > t) r++;
  return r;
}

/** LU factorisation with partial pivoting of a square n × n matrix (copy). `singular` when a pivot is zero to the tolerance. */
function luFactor(a: Float64Array, n: number, tol: Tolerance): { lu: Float64Array; piv: Int32Array; sign: number; singular: boolean } {
  checkShape(a, n, n);
  const lu = Float64Array.from(a.subarray(0, n * n));
  const piv = new Int32Array(n);
  const threshold = zeroThreshold(frobeniusNorm(lu), tol);
  let sign = 1;
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[k] = p;
    if (p !== k) {
      sign = -sign;
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j];
        lu[k * n + j] = lu[p * n + j];
        lu[p * n + j] = t;
      }
    }
    if (!(best > threshold)) {
      singular = true;
      continue;
    }
    const d = lu[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] /= d);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j] -= f * lu[k * n + j];
    }
  }
  return { lu, piv, sign, singular };
}

/** det A for a square n × n matrix (0 when singular to the tolerance). */
export function determinant(a: Float64Array, n: number, tol: Tolerance = DEFAULT_TOLERANCE): number {
  if (n === 0) return 1;
  const { lu, sign, singular } = luFactor(a, n, tol);
  if (singular) return 0;
  let d = sign;
  for (let k = 0; k < n; k++) d *= lu[k * n + k];
  return d;
}

/** x with A x = b, A square n × n. Throws a TesseraError when A is singular to the tolerance. */
export function solve(a: Float64Array, b: ArrayLike<number>, n: number, tol: Tolerance = DEFAULT_TOLERANCE): Float64Array {
  if (b.length !== n) throw new TesseraError('shape', `solve: right-hand side has ${b.length} entries, expected ${n}`);
  const { lu, piv, singular } = luFactor(a, n, tol);
  if (singular) throw new TesseraError('domain', `solve: the ${n}×${n} matrix is singular to the tolerance`);
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) {
      const t = x[k];
      x[k] = x[p];
      x[p] = t;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) x[i] -= lu[i * n + j] * x[j];
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) x[i] -= lu[i * n + j] * x[j];
    x[i] /= lu[i * n + i];
  }
  return x;
}

function checkShape(a: ArrayLike<number>, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || a.length < rows * cols) {
    throw new TesseraError('shape', `matrix of ${a.length} numbers is not ${rows}×${cols}`);
  }
}
