/**
 * Which linear regions of a polynomial q meet a convex cell C with interior? Instead of one LP per
 * monomial of q, walk q's region-adjacency graph: start from the monomials that win at an interior
 * point of C, and step to facet-neighbours while their regions still meet C. Correct because the pieces
 * S_k ∩ C tile the convex C, and pieces sharing a facet inside C come from facet-adjacent regions of q,
 * so the regions meeting C form a connected subgraph. Adjacency is computed lazily (one LP per pair,
 * only for regions the walk reaches) and cached per polynomial.
 */
import type { Arithmetic } from '../numeric/arithmetic.js';
import { dominanceRows, maxSlack, parallelFactor, type Row } from './dominance.js';
import type { TropicalPolynomial } from './polynomial.js';

export interface WalkContext<T> {
  readonly q: TropicalPolynomial<T>;
  readonly rowsOf: Row<T>[][];
  readonly neighbors: Map<number, number[]>;
}

export function walkContext<T>(ar: Arithmetic<T>, q: TropicalPolynomial<T>): WalkContext<T> {
  return { q, rowsOf: Array.from({ length: q.count }, (_, k) => dominanceRows(ar, q, k)), neighbors: new Map() };
}

/** Do the regions of monomials i and j of p share an (n−1)-face (on ℝⁿ)? One LP on the tie hyperplane. */
export function regionsShareFacet<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>, rowsOfI: Row<T>[], i: number, j: number): boolean {
  const n = p.dim;
  const h: T[] = [];
  for (let d = 0; d < n; d++) h.push(ar.sub(p.exponents[j * n + d], p.exponents[i * n + d]));
  const e = ar.sub(p.coefficients[i], p.coefficients[j]);
  let hMag = ar.magnitude(e);
  for (const v of h) hMag += ar.magnitude(v);
  const slack: Row<T>[] = [];
  for (let k = 0; k < rowsOfI.length; k++) {
    const m = k < i ? k : k + 1; // dominanceRows skips i itself
    if (m === j) continue;
    const row = rowsOfI[k];
    const lambda = parallelFactor(ar, row.a, h, hMag);
    if (lambda === undefined) slack.push(row);
    else if (ar.sign(ar.sub(row.b, ar.mul(lambda, e)), hMag + ar.magnitude(row.b)) <= 0) return false;
  }
  const r = maxSlack(ar, n, slack, [
    { a: h, b: e },
    { a: h.map(ar.neg), b: ar.neg(e) },
  ]);
  return ar.sign(r.s, r.scale) > 0;
}

function neighborsOf<T>(ar: Arithmetic<T>, ctx: WalkContext<T>, k: number): number[] {
  let list = ctx.neighbors.get(k);
  if (list) return list;
  list = [];
  for (let m = 0; m < ctx.q.count; m++) {
    if (m === k) continue;
    const known = ctx.neighbors.get(m);
    if (known) {
      if (known.includes(k)) list.push(m);
    } else if (regionsShareFacet(ar, ctx.q, ctx.rowsOf[k], k, m)) list.push(m);
  }
  ctx.neighbors.set(k, list);
  return list;
}

/** Monomials of q that attain the max at x (within the tolerance for floats). */
export function maximizersAt<T>(ar: Arithmetic<T>, q: TropicalPolynomial<T>, x: readonly T[]): number[] {
  const vals: T[] = [];
  let scale = 0;
  let best: T | undefined;
  for (let i = 0; i < q.count; i++) {
    let v = q.coefficients[i];
    let mag = ar.magnitude(v);
    for (let d = 0; d < q.dim; d++) {
      const t = ar.mul(q.exponents[i * q.dim + d], x[d]);
      v = ar.add(v, t);
      mag += ar.magnitude(t);
    }
    scale = Math.max(scale, mag);
    vals.push(v);
    if (best === undefined || ar.compare(v, best) > 0) best = v;
  }
  const out: number[] = [];
  vals.forEach((v, i) => {
    if (ar.sign(ar.sub(best as T, v), scale) <= 0) out.push(i);
  });
  return out;
}

/**
 * The regions of ctx.q that meet the cell {x : rows} with interior, with an interior point of each
 * intersection. `point` is an interior point of the cell (where the walk starts).
 */
export function regionsMeeting<T>(ar: Arithmetic<T>, n: number, rows: Row<T>[], point: readonly T[], ctx: WalkContext<T>): { k: number; rows: Row<T>[]; x: T[] }[] {
  const found: { k: number; rows: Row<T>[]; x: T[] }[] = [];
  const seen = new Uint8Array(ctx.q.count);
  const queue = maximizersAt(ar, ctx.q, point);
  for (const k of queue) seen[k] = 1;
  while (queue.length) {
    const k = queue.pop()!;
    const all = rows.concat(ctx.rowsOf[k]);
    const r = maxSlack(ar, n, all, []);
    if (!(r.x.length === n && ar.sign(r.s, r.scale) > 0)) continue;
    found.push({ k, rows: all, x: r.x });
    for (const m of neighborsOf(ar, ctx, k)) {
      if (!seen[m]) {
        seen[m] = 1;
        queue.push(m);
      }
    }
  }
  return found;
}
