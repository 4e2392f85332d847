/**
 * Linear regions of a tropical polynomial as polyhedra: monomial i of f dominates on
 * {x : (α_m − α_i)·x ≤ c_i − c_m for all m} (notes §2.6). Whether a set of such inequalities has
 * interior is one LP: maximise the common slack s (capped at 1); interior iff s > 0, and the optimal x
 * is an interior point (a Chebyshev-like centre).
 */
import type { Arithmetic, Vec } from '../numeric/arithmetic.js';
import { maximizeOverPolyhedron } from '../numeric/simplex.js';
import type { TropicalPolynomial } from './polynomial.js';

export interface Row<T> {
  a: T[];
  b: T;
}

/** Rows a·x ≤ b saying "monomial i of p is ≥ every other monomial": (α_m − α_i)·x ≤ c_i − c_m. */
export function dominanceRows<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>, i: number): Row<T>[] {
  const n = p.dim;
  // Floats: an exponent difference within the tolerance of the exponents' size is zero (equal slopes).
  let scale = 0;
  if (!ar.exact) for (let k = 0; k < p.count * n; k++) scale = Math.max(scale, ar.magnitude(p.exponents[k]));
  const rows: Row<T>[] = [];
  for (let m = 0; m < p.count; m++) {
    if (m === i) continue;
    const a: T[] = [];
    let negligible = true;
    for (let k = 0; k < n; k++) {
      const d = ar.sub(p.exponents[m * n + k], p.exponents[i * n + k]);
      a.push(d);
      if (ar.sign(d, scale) !== 0) negligible = false;
    }
    rows.push({ a: negligible ? a.map(() => ar.zero) : a, b: ar.sub(p.coefficients[i], p.coefficients[m]) });
  }
  return rows;
}

export function boxRows<T>(ar: Arithmetic<T>, n: number, options: { lo?: readonly number[]; hi?: readonly number[] }): Row<T>[] {
  const rows: Row<T>[] = [];
  if (!options.lo || !options.hi) return rows;
  for (let k = 0; k < n; k++) {
    const up: T[] = Array.from({ length: n }, (_, j) => (j === k ? ar.one : ar.zero));
    const down: T[] = Array.from({ length: n }, (_, j) => (j === k ? ar.neg(ar.one) : ar.zero));
    rows.push({ a: up, b: ar.fromNumber(options.hi[k]) }, { a: down, b: ar.fromNumber(-options.lo[k]) });
  }
  return rows;
}

/** max s subject to a_r·x + s ≤ b_r (slack rows), a·x ≤ b (plain rows), s ≤ 1. */
export function maxSlack<T>(ar: Arithmetic<T>, n: number, slack: Row<T>[], plain: Row<T>[]): { s: T; x: T[]; scale: number } {
  if (!ar.exact) {
    // Floats: divide each row by ‖a‖₁, so s is a margin in x-units (a Chebyshev-style radius) and rows
    // of very different sizes (coefficients ~ exponents²) do not swamp each other in the simplex.
    // Positive row scaling leaves the sign of the optimum — all callers use — unchanged.
    slack = slack.map((row) => normalizeRow(ar, row));
    plain = plain.map((row) => normalizeRow(ar, row));
  }
  const batch = 4 * (n + 1) + 8;
  if (slack.length <= batch) return solveSlackLP(ar, n, slack, plain);
  // Constraint generation: most rows are redundant (a region has few facets), so solve on a few rows,
  // add the ones the answer violates, repeat. The relaxation's optimum bounds the full one, so the
  // first answer that violates nothing is optimal for all rows — exact, not a heuristic.
  let scale = 0;
  const norm = slack.map((row) => {
    let mag = ar.magnitude(row.b);
    for (let k = 0; k < n; k++) mag += ar.magnitude(row.a[k]);
    scale = Math.max(scale, mag);
    return ar.toNumber(row.b) / (mag || 1);
  });
  const order = norm.map((_, i) => i).sort((i, j) => norm[i] - norm[j]);
  const active = new Uint8Array(slack.length);
  const chosen: Row<T>[] = [];
  for (const i of order.slice(0, batch)) {
    active[i] = 1;
    chosen.push(slack[i]);
  }
  for (;;) {
    const r = solveSlackLP(ar, n, chosen, plain);
    if (r.x.length !== n) return { ...r, scale: Math.max(scale, r.scale) };
    const violated: { i: number; v: number }[] = [];
    for (let i = 0; i < slack.length; i++) {
      if (active[i]) continue;
      const row = slack[i];
      let v = ar.sub(r.s, row.b);
      let mag = ar.magnitude(row.b) + ar.magnitude(r.s);
      for (let k = 0; k < n; k++) {
        const t = ar.mul(row.a[k], r.x[k]);
        v = ar.add(v, t);
        mag += ar.magnitude(t);
      }
      if (ar.sign(v, mag) > 0) violated.push({ i, v: ar.toNumber(v) / (mag || 1) });
    }
    if (violated.length === 0) return { ...r, scale: Math.max(scale, r.scale) };
    violated.sort((p, q) => q.v - p.v);
    for (const { i } of violated.slice(0, batch)) {
      active[i] = 1;
      chosen.push(slack[i]);
    }
  }
}

function normalizeRow<T>(ar: Arithmetic<T>, row: Row<T>): Row<T> {
  let w = 0;
  for (const v of row.a) w += ar.magnitude(v);
  if (w === 0) return row;
  const inv = ar.fromNumber(1 / w);
  return { a: row.a.map((v) => ar.mul(v, inv)), b: ar.mul(row.b, inv) };
}

/** The slack LP on exactly the rows given. */
function solveSlackLP<T>(ar: Arithmetic<T>, n: number, slack: Row<T>[], plain: Row<T>[]): { s: T; x: T[]; scale: number } {
  const rows = slack.length + plain.length + 1;
  const cols = n + 1;
  const A = ar.array(rows * cols);
  const b = ar.array(rows);
  let scale = 0;
  const put = (r: number, row: Row<T>, withSlack: boolean) => {
    let mag = ar.magnitude(row.b);
    for (let k = 0; k < n; k++) {
      A[r * cols + k] = row.a[k];
      mag += ar.magnitude(row.a[k]);
    }
    A[r * cols + n] = withSlack ? ar.one : ar.zero;
    b[r] = row.b;
    scale = Math.max(scale, mag);
  };
  slack.forEach((row, r) => put(r, row, true));
  plain.forEach((row, r) => put(slack.length + r, row, false));
  for (let k = 0; k < n; k++) A[(rows - 1) * cols + k] = ar.zero;
  A[(rows - 1) * cols + n] = ar.one;
  b[rows - 1] = ar.one;
  const c = ar.array(cols);
  for (let k = 0; k < n; k++) c[k] = ar.zero;
  c[n] = ar.one;
  const r = maximizeOverPolyhedron(ar, { rows, cols, A, b, c });
  if (r.status !== 'optimal') return { s: ar.neg(ar.one), x: [], scale };
  const x: T[] = [];
  for (let k = 0; k < n; k++) x.push(r.point[k]);
  return { s: r.value, x, scale };
}


/** λ with a = λh when a is parallel to h (every 2×2 minor zero), else undefined. */
export function parallelFactor<T>(ar: Arithmetic<T>, a: Vec<T>, h: Vec<T>, scale: number): T | undefined {
  let pivot = -1;
  for (let d = 0; d < h.length; d++) if (ar.sign(h[d], scale) !== 0 && (pivot < 0 || ar.magnitude(h[d]) > ar.magnitude(h[pivot]))) pivot = d;
  if (pivot < 0) return undefined;
  let aMag = 0;
  for (let d = 0; d < a.length; d++) aMag += ar.magnitude(a[d]);
  for (let d = 0; d < h.length; d++) {
    if (d === pivot) continue;
    const l = ar.mul(a[d], h[pivot]);
    const r = ar.mul(a[pivot], h[d]);
    if (ar.sign(ar.sub(l, r), aMag * scale) !== 0) return undefined;
  }
  const lambda = ar.div(a[pivot], h[pivot]);
  return ar.sign(lambda, aMag / (scale || 1)) === 0 ? undefined : lambda;
}
