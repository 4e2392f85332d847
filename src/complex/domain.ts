/**
 * Domains and their face lattices: the box [lo, hi]ⁿ (the cube's 3ⁿ faces) and the bounded polytope
 * {x : A x ≤ b} (a box cut down by each half-space with the same cut that the network's neurons use).
 */
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE, signOf, type Tolerance } from '../numeric/tolerance.js';
import { cutLattice, cutSplitsAnything, keepNegativeSide, type Lattice } from './lattice.js';
import type { Domain } from './types.js';

/** Above this input dimension the box alone has 3ⁿ faces; refuse rather than allocate billions. */
export const MAX_DOMAIN_DIM = 12;

/** The box [lo, hi]ⁿ; lo and hi may be numbers (every axis) or per-axis arrays. */
export function boxDomain(dim: number, lo: number | ArrayLike<number> = -1, hi: number | ArrayLike<number> = 1): Domain {
  if (!Number.isInteger(dim) || dim < 1) throw new TesseraError('domain', `box dimension must be a positive integer, got ${dim}`);
  const L = typeof lo === 'number' ? new Float64Array(dim).fill(lo) : Float64Array.from(lo);
  const H = typeof hi === 'number' ? new Float64Array(dim).fill(hi) : Float64Array.from(hi);
  if (L.length !== dim || H.length !== dim) {
    throw new TesseraError('domain', `box bounds have ${L.length} and ${H.length} entries, expected ${dim}`);
  }
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(L[i]) || !Number.isFinite(H[i]) || !(L[i] < H[i])) {
      throw new TesseraError('domain', `box axis ${i}: expected finite lo < hi, got [${L[i]}, ${H[i]}]`);
    }
  }
  return { kind: 'box', dim, lo: L, hi: H };
}

/**
 * The polytope {x : A x ≤ b}; A is rows × dim (nested rows or flat row-major). It must be bounded and
 * have interior (checked when its lattice is built).
 */
export function polytopeDomain(A: ArrayLike<number> | ArrayLike<ArrayLike<number>>, b: ArrayLike<number>, dim: number): Domain {
  if (!Number.isInteger(dim) || dim < 1) throw new TesseraError('domain', `polytope dimension must be a positive integer, got ${dim}`);
  const rows = b.length;
  const flat = new Float64Array(rows * dim);
  if (A.length === rows && rows > 0 && typeof A[0] === 'object') {
    for (let r = 0; r < rows; r++) {
      const row = (A as ArrayLike<ArrayLike<number>>)[r];
      if (row.length !== dim) throw new TesseraError('domain', `polytope row ${r} has ${row.length} coefficients, expected ${dim}`);
      for (let j = 0; j < dim; j++) flat[r * dim + j] = row[j];
    }
  } else {
    if (A.length !== rows * dim) throw new TesseraError('domain', `polytope matrix has ${A.length} entries, expected ${rows}×${dim}`);
    for (let k = 0; k < flat.length; k++) flat[k] = (A as ArrayLike<number>)[k];
  }
  if (rows < dim + 1) throw new TesseraError('domain', `a bounded polytope in ${dim}-D needs at least ${dim + 1} inequalities, got ${rows}`);
  for (let k = 0; k < flat.length; k++) if (!Number.isFinite(flat[k])) throw new TesseraError('domain', 'polytope matrix has a non-finite entry');
  const bb = Float64Array.from(b);
  for (let r = 0; r < rows; r++) if (!Number.isFinite(bb[r])) throw new TesseraError('domain', `polytope bound b[${r}] is not finite`);
  return { kind: 'polytope', dim, A: flat, b: bb, rows };
}

/** The face lattice of the box: cell codes in base 3 per axis (0 = lo, 1 = hi, 2 = free); dim = #free. */
export function boxLattice(lo: Float64Array, hi: Float64Array): Lattice {
  const n = lo.length;
  if (n > MAX_DOMAIN_DIM) {
    throw new TesseraError('budget', `the complex of a ${n}-input network on a box is out of reach (the box alone has 3^${n} faces; at most ${MAX_DOMAIN_DIM} inputs); take a 2-D or 3-D slice instead (--slice)`);
  }
  const total = 3 ** n;
  const dimOf = new Int8Array(total);
  const index = new Int32Array(total);
  const counts = new Array<number>(n + 1).fill(0);
  for (let code = 0; code < total; code++) {
    let c = code;
    let free = 0;
    for (let i = 0; i < n; i++, c = Math.floor(c / 3)) if (c % 3 === 2) free++;
    dimOf[code] = free;
    index[code] = counts[free]++;
  }
  const coords = new Float64Array(counts[0] * n);
  const offsets: Int32Array[] = [new Int32Array(1)];
  const facets: Int32Array[] = [new Int32Array(0)];
  for (let d = 1; d <= n; d++) {
    offsets.push(new Int32Array(counts[d] + 1));
    facets.push(new Int32Array(counts[d] * 2 * d));
  }
  for (let code = 0; code < total; code++) {
    const d = dimOf[code];
    const id = index[code];
    if (d === 0) {
      let c = code;
      for (let i = 0; i < n; i++, c = Math.floor(c / 3)) coords[id * n + i] = c % 3 === 1 ? hi[i] : lo[i];
      continue;
    }
    // Facets: fix one free axis at lo or hi.
    let k = id * 2 * d;
    let c = code;
    for (let i = 0, p = 1; i < n; i++, c = Math.floor(c / 3), p *= 3) {
      if (c % 3 !== 2) continue;
      const loCode = code - 2 * p;
      const hiCode = code - p;
      facets[d][k++] = index[loCode];
      facets[d][k++] = index[hiCode];
    }
    offsets[d][id + 1] = (id + 1) * 2 * d;
  }
  return { dim: n, vertexCount: counts[0], coords, counts, offsets, facets };
}

function cutByHalfspaces(start: Lattice, A: Float64Array, b: Float64Array, rows: number, radius: number, tol: Tolerance): Lattice {
  let lat = start;
  const n = lat.dim;
  for (let r = 0; r < rows; r++) {
    let rowScale = Math.abs(b[r]);
    for (let j = 0; j < n; j++) rowScale += Math.abs(A[r * n + j]) * radius;
    const g = new Float64Array(lat.vertexCount);
    const side = new Int8Array(lat.vertexCount);
    let anyNonPositive = false;
    for (let v = 0; v < lat.vertexCount; v++) {
      let s = -b[r];
      for (let j = 0; j < n; j++) s += A[r * n + j] * lat.coords[v * n + j];
      g[v] = s;
      side[v] = signOf(s, rowScale, tol);
      if (side[v] <= 0) anyNonPositive = true;
    }
    if (!anyNonPositive) throw new TesseraError('domain', 'the polytope {Ax ≤ b} is empty');
    if (!cutSplitsAnything(lat, side)) {
      // Everything on one side: either redundant (all ≤ 0) or the complex collapses to its g = 0 part.
      let allNonPositive = true;
      for (let v = 0; v < lat.vertexCount; v++) if (side[v] > 0) allNonPositive = false;
      if (allNonPositive) continue;
    }
    lat = keepNegativeSide(cutLattice(lat, side, (v) => g[v]));
    if (lat.counts[n] === 0) throw new TesseraError('domain', 'the polytope {Ax ≤ b} has no interior (it is empty or lower-dimensional)');
  }
  return lat;
}

/**
 * The face lattice of a bounded polytope. Pass 1 cuts a huge box to find the polytope's extent (a
 * vertex left on the huge box means unbounded); pass 2 cuts a snug box, so coordinates keep their digits.
 */
export function polytopeLattice(A: Float64Array, b: Float64Array, rows: number, n: number, tol: Tolerance = DEFAULT_TOLERANCE): Lattice {
  let reach = 1;
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let j = 0; j < n; j++) norm = Math.max(norm, Math.abs(A[r * n + j]));
    if (norm === 0) {
      if (b[r] < 0) throw new TesseraError('domain', `polytope row ${r} reads 0 ≤ ${b[r]}: the polytope is empty`);
      continue;
    }
    reach = Math.max(reach, Math.abs(b[r]) / norm);
  }
  const R = 1e6 * reach;
  const big = cutByHalfspaces(boxLattice(new Float64Array(n).fill(-R), new Float64Array(n).fill(R)), A, b, rows, R, tol);
  const lo = new Float64Array(n).fill(Infinity);
  const hi = new Float64Array(n).fill(-Infinity);
  for (let v = 0; v < big.vertexCount; v++) {
    for (let j = 0; j < n; j++) {
      const x = big.coords[v * n + j];
      if (Math.abs(x) >= R * (1 - 1e-9)) throw new TesseraError('domain', 'the polytope {Ax ≤ b} is unbounded (add inequalities that close it)');
      lo[j] = Math.min(lo[j], x);
      hi[j] = Math.max(hi[j], x);
    }
  }
  let radius = 0;
  for (let j = 0; j < n; j++) {
    const pad = 0.05 * (hi[j] - lo[j]) + 1e-6 * reach;
    lo[j] -= pad;
    hi[j] += pad;
    radius = Math.max(radius, Math.abs(lo[j]), Math.abs(hi[j]));
  }
  return cutByHalfspaces(boxLattice(lo, hi), A, b, rows, radius, tol);
}

/** The face lattice of any domain. */
export function domainLattice(domain: Domain, tol: Tolerance = DEFAULT_TOLERANCE): Lattice {
  if (domain.kind === 'box') return boxLattice(domain.lo, domain.hi);
  return polytopeLattice(domain.A, domain.b, domain.rows, domain.dim, tol);
}

/** Largest |coordinate| over the domain (the R of the tolerance policy's affineScaleOver). */
export function domainRadius(lat: Lattice): number {
  let r = 0;
  for (let k = 0; k < lat.vertexCount * lat.dim; k++) r = Math.max(r, Math.abs(lat.coords[k]));
  return r;
}
