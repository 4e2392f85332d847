/**
 * A dense two-phase simplex, written once over `Arithmetic<T>`: exact on BigInt rationals (no
 * rounding: the answer is a proof) or in floating point under the tolerance policy. Pricing is Dantzig's
 * for the first pivots, then Bland's rule, which cannot cycle; a floating-point LP that still runs past
 * its pivot limit is re-solved exactly on the same (dyadic rational) data. Meant for the small LPs of
 * polyhedral geometry — few rows (a dimension plus one or two), up to a few thousand columns — where a
 * tableau is cheap and exactness matters more than scale.
 * (For large floating-point LPs use a real solver.)
 */
import { exactArithmetic, type Arithmetic, type Vec } from './arithmetic.js';
import { TesseraError } from './errors.js';
import { ratFromNumber, ratToNumber, type Rational } from './rational.js';

/** minimise c·x subject to A x = b, x ≥ 0 (A is rows × cols, row-major). */
export interface StandardLP<T> {
  readonly rows: number;
  readonly cols: number;
  readonly A: Vec<T>;
  readonly b: Vec<T>;
  readonly c: Vec<T>;
}

export type LPStatus = 'optimal' | 'infeasible' | 'unbounded';

export interface StandardLPResult<T> {
  readonly status: LPStatus;
  /** c·x at the optimum (zero unless optimal). */
  readonly value: T;
  /** An optimal basic solution (cols). */
  readonly x: Vec<T>;
  /** Optimal multipliers y (rows) with c − Aᵀy ≥ 0: the solution of the dual LP max b·y, Aᵀy ≤ c. */
  readonly duals: Vec<T>;
}

export interface SimplexOptions {
  /** Refuse (TesseraError 'budget') after this many pivots. */
  readonly maxPivots?: number;
}

export function solveStandardLP<T>(ar: Arithmetic<T>, lp: StandardLP<T>, options: SimplexOptions = {}): StandardLPResult<T> {
  if (ar.exact) return simplex(ar, lp, options.maxPivots ?? 50_000);
  // Floating point: should rounding ever make Bland's rule cycle, solve the same data exactly (every
  // double is a rational) and round the answer back.
  const limit = 20 * (lp.rows + lp.cols) + 100;
  try {
    return simplex(ar, lp, limit);
  } catch (err) {
    if (!(err instanceof TesseraError) || err.kind !== 'budget') throw err;
  }
  const E = exactArithmetic;
  const toR = (v: Vec<T>) => Array.from({ length: v.length }, (_, k) => ratFromNumber(ar.toNumber(v[k])));
  const r = simplex(E, { rows: lp.rows, cols: lp.cols, A: toR(lp.A), b: toR(lp.b), c: toR(lp.c) }, options.maxPivots ?? 50_000);
  const back = (v: Vec<Rational>) => {
    const out = ar.array(v.length);
    for (let k = 0; k < v.length; k++) out[k] = ar.fromNumber(ratToNumber(v[k]));
    return out;
  };
  return { status: r.status, value: ar.fromNumber(ratToNumber(r.value)), x: back(r.x), duals: back(r.duals) };
}

function simplex<T>(ar: Arithmetic<T>, lp: StandardLP<T>, maxPivots: number): StandardLPResult<T> {
  const { rows: m, cols: n } = lp;
  const W = n + m + 1; // original columns, one artificial per row, right-hand side
  const rhs = n + m;
  const T = ar.array((m + 1) * W);
  const rowSign = new Int8Array(m);
  // Tolerance scale for floats: the largest magnitude in the data.
  let scale = 0;
  for (let k = 0; k < m * n; k++) scale = Math.max(scale, ar.magnitude(lp.A[k]));
  for (let i = 0; i < m; i++) scale = Math.max(scale, ar.magnitude(lp.b[i]));
  for (let j = 0; j < n; j++) scale = Math.max(scale, ar.magnitude(lp.c[j]));
  const sgn = (v: T) => ar.sign(v, scale);

  for (let i = 0; i < m; i++) {
    const flip = sgn(lp.b[i]) < 0;
    rowSign[i] = flip ? -1 : 1;
    for (let j = 0; j < n; j++) {
      const v = lp.A[i * n + j];
      T[i * W + j] = flip ? ar.neg(v) : v;
    }
    for (let k = 0; k < m; k++) T[i * W + n + k] = k === i ? ar.one : ar.zero;
    T[i * W + rhs] = flip ? ar.neg(lp.b[i]) : lp.b[i];
  }
  const basis = new Int32Array(m);
  for (let i = 0; i < m; i++) basis[i] = n + i;
  const obj = m * W;

  // Phase 1: minimise the sum of artificials. Reduced costs of originals: −Σ column.
  for (let j = 0; j < W; j++) T[obj + j] = ar.zero;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) T[obj + j] = ar.sub(T[obj + j], T[i * W + j]);
    T[obj + rhs] = ar.sub(T[obj + rhs], T[i * W + rhs]);
  }
  let pivots = 0;
  const pivot = (r: number, c: number) => {
    if (++pivots > maxPivots) throw new TesseraError('budget', `simplex: more than ${maxPivots} pivots (LP with ${m} rows, ${n} columns)`);
    if (!ar.exact) {
      pivotFloat(T as unknown as Float64Array, m, W, r, c);
      basis[r] = c;
      return;
    }
    const p = T[r * W + c];
    for (let j = 0; j < W; j++) T[r * W + j] = ar.div(T[r * W + j], p);
    for (let i = 0; i <= m; i++) {
      if (i === r) continue;
      const f = T[i * W + c];
      if (ar.sign(f, 0) === 0) continue;
      for (let j = 0; j < W; j++) {
        const v = T[r * W + j];
        if (ar.sign(v, 0) !== 0) T[i * W + j] = ar.sub(T[i * W + j], ar.mul(f, v));
      }
      T[i * W + c] = ar.zero;
    }
    basis[r] = c;
  };
  // Pricing: Dantzig's most negative reduced cost (few pivots) for a while, then Bland's smallest
  // index, which cannot cycle — so the method always terminates.
  const dantzigPivots = 4 * (m + n) + 20;
  /** Returns 'optimal' or 'unbounded'; only columns < limit may enter. */
  const iterate = (limit: number): 'optimal' | 'unbounded' => {
    for (;;) {
      let enter = -1;
      if (pivots < dantzigPivots) {
        let most: T | undefined;
        for (let j = 0; j < limit; j++) {
          const v = T[obj + j];
          if (sgn(v) < 0 && (most === undefined || ar.compare(v, most) < 0)) {
            enter = j;
            most = v;
          }
        }
      } else {
        for (let j = 0; j < limit; j++) {
          if (sgn(T[obj + j]) < 0) {
            enter = j;
            break;
          }
        }
      }
      if (enter < 0) return 'optimal';
      let leave = -1;
      let best: T | undefined;
      for (let i = 0; i < m; i++) {
        const a = T[i * W + enter];
        if (sgn(a) <= 0) continue;
        const ratio = ar.div(T[i * W + rhs], a);
        // Ties within the tolerance are ties (Bland's smallest index), else rounding breaks anti-cycling.
        const cmp = best === undefined ? -1 : ar.sign(ar.sub(ratio, best), ar.magnitude(ratio) + ar.magnitude(best));
        if (cmp < 0 || (cmp === 0 && basis[i] < basis[leave])) {
          leave = i;
          best = ratio;
        }
      }
      if (leave < 0) return 'unbounded';
      pivot(leave, enter);
    }
  };
  iterate(n);
  const zeroX = ar.array(n);
  if (sgn(T[obj + rhs]) < 0) return { status: 'infeasible', value: ar.zero, x: zeroX, duals: ar.array(m) };
  // Drive artificials out of the basis where a nonzero original column allows it.
  for (let i = 0; i < m; i++) {
    if (basis[i] < n) continue;
    for (let j = 0; j < n; j++) {
      if (sgn(T[i * W + j]) !== 0) {
        pivot(i, j);
        break;
      }
    }
  }
  // Phase 2: reduced costs r_j = c_j − c_B · column_j (artificials cost 0 and never enter).
  for (let j = 0; j < W; j++) T[obj + j] = j < n ? lp.c[j] : ar.zero;
  for (let i = 0; i < m; i++) {
    const bj = basis[i];
    if (bj >= n) continue;
    const cb = lp.c[bj];
    if (ar.sign(cb, 0) === 0) continue;
    for (let j = 0; j < W; j++) T[obj + j] = ar.sub(T[obj + j], ar.mul(cb, T[i * W + j]));
  }
  const status = iterate(n);
  const x = ar.array(n);
  for (let i = 0; i < m; i++) if (basis[i] < n) x[basis[i]] = T[i * W + rhs];
  let value = ar.zero;
  for (let j = 0; j < n; j++) value = ar.add(value, ar.mul(lp.c[j], x[j]));
  // Multipliers from the artificial columns' reduced costs: y_k = −s_k · r_{n+k}.
  const duals = ar.array(m);
  for (let k = 0; k < m; k++) {
    const r = T[obj + n + k];
    duals[k] = rowSign[k] < 0 ? r : ar.neg(r);
  }
  return { status, value: status === 'optimal' ? value : ar.zero, x, duals };
}

/** Gauss–Jordan pivot on (r, c) of a (m+1) × W float tableau: the hot loop, kept free of indirection. */
function pivotFloat(T: Float64Array, m: number, W: number, r: number, c: number): void {
  const ro = r * W;
  const inv = 1 / T[ro + c];
  for (let j = 0; j < W; j++) T[ro + j] *= inv;
  T[ro + c] = 1;
  for (let i = 0; i <= m; i++) {
    if (i === r) continue;
    const io = i * W;
    const f = T[io + c];
    if (f === 0) continue;
    for (let j = 0; j < W; j++) {
      const v = T[ro + j];
      if (v !== 0) T[io + j] -= f * v;
    }
    T[io + c] = 0;
  }
}

/** maximise c·y subject to A y ≤ b with y free (A is rows × cols, row-major). */
export interface InequalityLP<T> {
  readonly rows: number;
  readonly cols: number;
  readonly A: Vec<T>;
  readonly b: Vec<T>;
  readonly c: Vec<T>;
}

export interface InequalityLPResult<T> {
  /** 'unbounded' here also covers "infeasible or unbounded" (the dual is infeasible). */
  readonly status: LPStatus;
  readonly value: T;
  /** An optimal point y (cols), when optimal. */
  readonly point: Vec<T>;
}

/**
 * Solve max c·y, A y ≤ b, y free, through its dual min b·λ, Aᵀλ = c, λ ≥ 0 (few rows: one per variable).
 * Strong duality gives the value; the dual's multipliers are the optimal y.
 */
export function maximizeOverPolyhedron<T>(ar: Arithmetic<T>, lp: InequalityLP<T>, options: SimplexOptions = {}): InequalityLPResult<T> {
  const { rows, cols } = lp;
  const At = ar.array(cols * rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) At[j * rows + i] = lp.A[i * cols + j];
  const dual = solveStandardLP(ar, { rows: cols, cols: rows, A: At, b: lp.c, c: lp.b }, options);
  if (dual.status === 'infeasible') return { status: 'unbounded', value: ar.zero, point: ar.array(cols) };
  if (dual.status === 'unbounded') return { status: 'infeasible', value: ar.zero, point: ar.array(cols) };
  return { status: 'optimal', value: dual.value, point: dual.duals };
}
