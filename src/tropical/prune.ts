/**
 * Pruning: drop the monomials that never attain the maximum alone — those whose lifted point
 * (α_i, c_i) is not a vertex of the upper hull of the lifted Newton polytope (notes §1, §2.6). What
 * remains is the unique minimal expression of the function; its size is the number of linear regions
 * of the polynomial.
 */
import type { Arithmetic } from '../numeric/arithmetic.js';
import { upperHullVertices, convexHullVertices } from './hull.js';
import { dominanceRows, maxSlack, type Row } from './dominance.js';
import { maximizersAt, regionsMeeting, walkContext } from './walk.js';
import { mergeDuplicateExponents, selectMonomials, tropicalProduct } from './operations.js';
import type { TropicalPolynomial } from './polynomial.js';

/** The same function with only the non-redundant monomials (in their original order). */
export function pruneRedundant<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>): TropicalPolynomial<T> {
  const g = mergeDuplicateExponents(ar, f);
  if (g.count <= 1) return g;
  const keep = g.dim === 1 ? upperHullVertices(ar, liftedPoints(ar, g), g.count, 2) : keepByRegions(ar, g);
  return keep.length === g.count ? g : selectMonomials(ar, g, keep);
}

/**
 * n ≥ 2: monomial j stays iff its region {x : c_j + α_j·x ≥ c_m + α_m·x + s ∀m} has s > 0 — the primal of
 * the upper-hull LP, whose rows (one per other monomial) are mostly redundant, so constraint generation
 * keeps each LP small (dominance.ts). Monomials found redundant are dropped from later LPs (they never
 * decide the max); monomials that win strictly at sampled points are kept without an LP.
 */
function keepByRegions<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>): Int32Array {
  const n = p.dim;
  const alive = new Uint8Array(p.count).fill(1);
  const certified = new Uint8Array(p.count);
  // Sample points on spheres of growing radius: the strict winner there is a vertex.
  let seed = 0x9e3779b9;
  const rand = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296) * 2 - 1;
  for (let t = 0; t < 6 * n + 12; t++) {
    const radius = [0.1, 1, 10, 100][t % 4];
    const x = Array.from({ length: n }, () => ar.fromNumber(Math.round(rand() * radius * 64) / 64));
    const winners = maximizersAt(ar, p, x);
    if (winners.length === 1) certified[winners[0]] = 1;
  }
  for (let j = 0; j < p.count; j++) {
    if (certified[j]) continue;
    const rows: Row<T>[] = [];
    for (let m = 0; m < p.count; m++) {
      if (m === j || !alive[m]) continue;
      const a: T[] = [];
      for (let k = 0; k < n; k++) a.push(ar.sub(p.exponents[m * n + k], p.exponents[j * n + k]));
      rows.push({ a, b: ar.sub(p.coefficients[j], p.coefficients[m]) });
    }
    if (rows.length === 0) break;
    const r = maxSlack(ar, n, rows, []);
    if (!(r.x.length === n && ar.sign(r.s, r.scale) > 0)) alive[j] = 0;
  }
  const out: number[] = [];
  for (let i = 0; i < p.count; i++) if (alive[i]) out.push(i);
  return Int32Array.from(out);
}

/** The lifted points (α_i, c_i), count × (dim + 1). */
export function liftedPoints<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>) {
  const n = f.dim;
  const pts = ar.array(f.count * (n + 1));
  for (let i = 0; i < f.count; i++) {
    for (let k = 0; k < n; k++) pts[i * (n + 1) + k] = f.exponents[i * n + k];
    pts[i * (n + 1) + n] = f.coefficients[i];
  }
  return pts;
}

/** Indices of the monomials whose exponents are vertices of the Newton polytope Δ(f) = conv{α_i}. */
export function newtonPolytopeVertices<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>): Int32Array {
  return convexHullVertices(ar, f.exponents, f.count, f.dim);
}

/**
 * f ⊙ g already pruned, for pruned f and g. A monomial of the product survives iff it is the sum of a
 * monomial of f and one of g whose linear regions overlap with interior (the product's regions are the
 * common refinement of the factors'). For each region of the larger factor, the regions of the smaller
 * one that meet it are found by walking the smaller one's adjacency graph (walk.ts): a few small LPs per
 * surviving pair instead of one LP for each of the |f|·|g| pairs.
 */
export function prunedProduct<T>(ar: Arithmetic<T>, f: TropicalPolynomial<T>, g: TropicalPolynomial<T>, maxMonomials = Infinity): TropicalPolynomial<T> {
  if (f.count === 1 || g.count === 1) return tropicalProduct(ar, f, g, maxMonomials);
  if (f.count * g.count > maxMonomials) tropicalProduct(ar, f, g, maxMonomials); // throws the budget error
  const n = f.dim;
  const [big, small] = f.count >= g.count ? [f, g] : [g, f];
  const ctx = walkContext(ar, small);
  const pairs: [number, number][] = [];
  for (let i = 0; i < big.count; i++) {
    const rows = dominanceRows(ar, big, i);
    const r = maxSlack(ar, n, rows, []);
    if (r.x.length !== n || ar.sign(r.s, r.scale) <= 0) continue; // not a region (f was not pruned)
    for (const hit of regionsMeeting(ar, n, rows, r.x, ctx)) pairs.push([i, hit.k]);
  }
  const exponents = ar.array(pairs.length * n);
  const coefficients = ar.array(pairs.length);
  pairs.forEach(([i, k], t) => {
    for (let d = 0; d < n; d++) exponents[t * n + d] = ar.add(big.exponents[i * n + d], small.exponents[k * n + d]);
    coefficients[t] = ar.add(big.coefficients[i], small.coefficients[k]);
  });
  return mergeDuplicateExponents(ar, { dim: n, count: pairs.length, exponents, coefficients });
}
