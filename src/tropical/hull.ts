/**
 * Which points are vertices of a convex hull, or of its upper hull (the faces seen from +∞ in the
 * last coordinate). Points are count × d, flat, over an `Arithmetic<T>`.
 *
 * A point is a vertex of the upper hull iff it is not below-or-on the hull of the others: no convex
 * combination λ of other points has the same base coordinates and at least its height (notes §2.6,
 * the dual form of the per-monomial LP). For a tropical polynomial these are exactly the monomials
 * that are the unique maximum somewhere: its linear regions.
 *
 * d = 2 uses a monotone chain (Andrew 1979) with tolerant orientation tests; higher d one LP per point
 * (numeric/simplex.ts, exact on rationals), after a cheap filter that certifies vertices as unique
 * maximisers of random linear functionals. A point found redundant is dropped from later LPs (the hull
 * of the rest is unchanged), so the LPs shrink as we go.
 */
import type { Arithmetic, Vec } from '../numeric/arithmetic.js';
import { solveStandardLP } from '../numeric/simplex.js';
import { mulberry32 } from '../numeric/random.js';

/** Indices (ascending) of the vertices of the upper hull; the last coordinate is the height. */
export function upperHullVertices<T>(ar: Arithmetic<T>, points: Vec<T>, count: number, d: number): Int32Array {
  if (count === 0) return new Int32Array(0);
  if (d === 1) return new Int32Array([argmax(ar, points, count)]);
  if (d === 2) return sorted(upperChain2D(ar, points, count));
  return vertexTestByLP(ar, points, count, d, true);
}

/** Indices (ascending) of the vertices of the convex hull. */
export function convexHullVertices<T>(ar: Arithmetic<T>, points: Vec<T>, count: number, d: number): Int32Array {
  if (count === 0) return new Int32Array(0);
  if (d === 1) {
    let lo = 0;
    let hi = 0;
    for (let i = 1; i < count; i++) {
      if (ar.compare(points[i], points[lo]) < 0) lo = i;
      if (ar.compare(points[i], points[hi]) > 0) hi = i;
    }
    return sorted(ar.compare(points[lo], points[hi]) === 0 ? [lo] : [lo, hi]);
  }
  if (d === 2) return sorted(hullChain2D(ar, points, count));
  return vertexTestByLP(ar, points, count, d, false);
}

/** The vertices of the convex hull of 2-D points in counter-clockwise order (for drawing). */
export function convexHullPolygon<T>(ar: Arithmetic<T>, points: Vec<T>, count: number): number[] {
  return hullChain2D(ar, points, count);
}

function sorted(indices: number[]): Int32Array {
  return Int32Array.from(indices).sort();
}

function argmax<T>(ar: Arithmetic<T>, v: Vec<T>, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if (ar.compare(v[i], v[best]) > 0) best = i;
  return best;
}

/** Sign of the turn o → a → b (cross product), with the tolerance scaled by its two products. */
function turn<T>(ar: Arithmetic<T>, p: Vec<T>, o: number, a: number, b: number): number {
  const ax = ar.sub(p[2 * a], p[2 * o]);
  const ay = ar.sub(p[2 * a + 1], p[2 * o + 1]);
  const bx = ar.sub(p[2 * b], p[2 * o]);
  const by = ar.sub(p[2 * b + 1], p[2 * o + 1]);
  const l = ar.mul(ax, by);
  const r = ar.mul(ay, bx);
  return ar.sign(ar.sub(l, r), ar.magnitude(l) + ar.magnitude(r));
}

function sortByXY<T>(ar: Arithmetic<T>, p: Vec<T>, count: number, yDescending: boolean): number[] {
  const idx = Array.from({ length: count }, (_, i) => i);
  idx.sort((i, j) => ar.compare(p[2 * i], p[2 * j]) || (yDescending ? ar.compare(p[2 * j + 1], p[2 * i + 1]) : ar.compare(p[2 * i + 1], p[2 * j + 1])) || i - j);
  return idx;
}

/** Upper chain left to right, strictly convex (collinear and lower duplicates dropped). */
function upperChain2D<T>(ar: Arithmetic<T>, p: Vec<T>, count: number): number[] {
  const idx = sortByXY(ar, p, count, true);
  const chain: number[] = [];
  let prevX: T | undefined;
  for (const i of idx) {
    if (prevX !== undefined && ar.compare(p[2 * i], prevX) === 0) continue; // same x, lower height
    prevX = p[2 * i];
    while (chain.length >= 2 && turn(ar, p, chain[chain.length - 2], chain[chain.length - 1], i) >= 0) chain.pop();
    chain.push(i);
  }
  return chain;
}

/** Andrew's monotone chain: hull vertices counter-clockwise, collinear points dropped. */
function hullChain2D<T>(ar: Arithmetic<T>, p: Vec<T>, count: number): number[] {
  const all = sortByXY(ar, p, count, false);
  const idx: number[] = [];
  for (const i of all) {
    const last = idx[idx.length - 1];
    if (last !== undefined && ar.compare(p[2 * i], p[2 * last]) === 0 && ar.compare(p[2 * i + 1], p[2 * last + 1]) === 0) continue;
    idx.push(i);
  }
  if (idx.length === 2 && samePoint(ar, p, idx[0], idx[1])) return [idx[0]]; // equal within tolerance
  if (idx.length <= 2) return idx;
  const lower: number[] = [];
  for (const i of idx) {
    while (lower.length >= 2 && turn(ar, p, lower[lower.length - 2], lower[lower.length - 1], i) <= 0) lower.pop();
    lower.push(i);
  }
  const upper: number[] = [];
  for (let k = idx.length - 1; k >= 0; k--) {
    const i = idx[k];
    while (upper.length >= 2 && turn(ar, p, upper[upper.length - 2], upper[upper.length - 1], i) <= 0) upper.pop();
    upper.push(i);
  }
  lower.pop();
  upper.pop();
  const hull = lower.concat(upper);
  return hull.length === 0 ? [idx[0]] : hull;
}

function samePoint<T>(ar: Arithmetic<T>, p: Vec<T>, i: number, j: number): boolean {
  const s = ar.magnitude(p[2 * i]) + ar.magnitude(p[2 * i + 1]);
  return ar.sign(ar.sub(p[2 * i], p[2 * j]), s) === 0 && ar.sign(ar.sub(p[2 * i + 1], p[2 * j + 1]), s) === 0;
}

/** A small deterministic generator: the filter's directions repeat run to run. */
const directions = mulberry32;

function vertexTestByLP<T>(ar: Arithmetic<T>, points: Vec<T>, count: number, d: number, upper: boolean): Int32Array {
  const isVertex = new Uint8Array(count); // 1 certified vertex
  const alive = new Uint8Array(count).fill(1);
  // Exact duplicates: keep the first copy only (otherwise each would hide the other).
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    let key = '';
    for (let k = 0; k < d; k++) key += ar.key(points[i * d + k]) + ',';
    if (seen.has(key)) alive[i] = 0;
    else seen.set(key, i);
  }
  let maxAbs = 0;
  for (let k = 0; k < count * d; k++) maxAbs = Math.max(maxAbs, ar.magnitude(points[k]));

  // Filter: a unique maximiser of a linear functional is a vertex. Upper hull: functionals (x, 1).
  const rand = directions(0x7e55e7a);
  const trials = 4 * d + 8;
  const dir = ar.array(d);
  for (let t = 0; t < trials; t++) {
    const range = [1, 10, 100][t % 3];
    let norm = 0;
    for (let k = 0; k < d; k++) {
      const v = upper && k === d - 1 ? 1 : Math.round((rand() * 2 - 1) * range);
      dir[k] = ar.fromNumber(v);
      norm += Math.abs(v);
    }
    let best = -1;
    let bestV: T = ar.zero;
    let second: T | undefined;
    for (let i = 0; i < count; i++) {
      if (!alive[i]) continue;
      let v = ar.zero;
      for (let k = 0; k < d; k++) v = ar.add(v, ar.mul(dir[k], points[i * d + k]));
      if (best < 0 || ar.compare(v, bestV) > 0) {
        if (best >= 0) second = bestV;
        best = i;
        bestV = v;
      } else if (second === undefined || ar.compare(v, second) > 0) second = v;
    }
    if (best >= 0 && (second === undefined || ar.sign(ar.sub(bestV, second), maxAbs * norm) > 0)) isVertex[best] = 1;
  }

  // One LP per uncertified point against the remaining others.
  const base = upper ? d - 1 : d;
  const rows = base + 1;
  for (let j = 0; j < count; j++) {
    if (!alive[j] || isVertex[j]) continue;
    const others: number[] = [];
    for (let i = 0; i < count; i++) if (alive[i] && i !== j) others.push(i);
    if (others.length === 0) break;
    const cols = others.length;
    const A = ar.array(rows * cols);
    const b = ar.array(rows);
    const c = ar.array(cols);
    others.forEach((i, col) => {
      for (let k = 0; k < base; k++) A[k * cols + col] = points[i * d + k];
      A[base * cols + col] = ar.one;
      c[col] = upper ? ar.neg(points[i * d + d - 1]) : ar.zero;
    });
    for (let k = 0; k < base; k++) b[k] = points[j * d + k];
    b[base] = ar.one;
    const r = solveStandardLP(ar, { rows, cols, A, b, c });
    let redundant = false;
    if (r.status === 'optimal') {
      if (!upper) redundant = true;
      else {
        const h = points[j * d + d - 1];
        const gap = ar.sub(ar.neg(r.value), h); // best height above the point's base − its height
        redundant = ar.sign(gap, maxAbs) >= 0;
      }
    }
    if (redundant) alive[j] = 0;
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (alive[i]) out.push(i);
  return Int32Array.from(out);
}
