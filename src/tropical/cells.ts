/**
 * Tropical cells: the full-dimensional pieces of the common refinement of the polynomials' linear
 * regions (notes §2.6 and §4.1). A cell is a choice of one dominant monomial per polynomial — of f and g
 * for one output, of every f_o and g_o for several — whose dominance regions meet in a set with
 * interior inside the domain. On a cell F is affine with map (α_i − β_j, c_i − d_j).
 *
 * Cells are found by refinement: start from the domain, split every cell by the next polynomial's
 * monomials, keeping the pieces where an LP (maximise the slack s of all the cell's inequalities, s ≤ 1)
 * has s > 0. The LP's optimal x is an interior point. Linear regions (Def. 1) are then the classes of
 * facet-adjacent cells with the same affine map (union-find; an LP per candidate pair).
 */
import type { Arithmetic } from '../numeric/arithmetic.js';
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { boxRows, dominanceRows, maxSlack, parallelFactor, type Row } from './dominance.js';
import { regionsMeeting, walkContext } from './walk.js';
import type { TropicalPolynomial } from './polynomial.js';
import type { TropicalRationalMap } from './tropicalize.js';

export interface TropicalCell<T> {
  /** The dominant monomial of each polynomial (numerator 0, denominator 0, numerator 1, …). */
  readonly monomials: Int32Array;
  /** outputs × dim, row-major: the Jacobian of F on the cell. */
  readonly jacobian: T[];
  /** outputs: F = jacobian · x + offset on the cell. */
  readonly offset: T[];
  /** A point in the cell's interior. */
  readonly point: T[];
}

export interface TropicalCellsResult<T> {
  readonly cells: TropicalCell<T>[];
  /** Cells grouped by equal affine map. */
  readonly distinctMaps: number;
  /** Classes of facet-adjacent cells with equal maps: linear regions (Def. 1). */
  readonly linearRegions: number;
  /** Per cell: its linear region. */
  readonly regionOfCell: Int32Array;
}

export interface CellOptions {
  /** Box [lo, hi] per coordinate; undefined: all of ℝⁿ. */
  readonly lo?: readonly number[];
  readonly hi?: readonly number[];
  /** Refuse when more than this many candidate LPs would be needed (default 200 000). */
  readonly maxLPs?: number;
  /** Floats: maps whose entries agree to relative × the largest entry are the same map. */
  readonly tolerance?: Tolerance;
}

/** The tropical cells of the map's polynomials (all outputs) inside the domain, with Def-1 regions. */
export function tropicalCells<T>(map: TropicalRationalMap<T>, options: CellOptions = {}): TropicalCellsResult<T> {
  const ar = map.arithmetic;
  const n = map.inputDim;
  const polys: TropicalPolynomial<T>[] = [];
  for (let o = 0; o < map.outputDim; o++) polys.push(map.numerators[o], map.denominators[o]);
  const maxLPs = options.maxLPs ?? 200_000;
  const box = boxRows(ar, n, options);
  let lps = 0;
  // Refinement: each partial cell is (chosen monomials so far, its rows).
  const center = Array.from({ length: n }, (_, k) => (options.lo && options.hi ? ar.fromNumber((options.lo[k] + options.hi[k]) / 2) : ar.zero));
  let partial: { chosen: number[]; rows: Row<T>[]; point: T[] }[] = [{ chosen: [], rows: box, point: center }];
  for (const p of polys) {
    const next: typeof partial = [];
    lps += partial.length * p.count;
    if (lps > maxLPs) throw new TesseraError('budget', `tropical cells: more than ${maxLPs} LPs (${partial.length} cells × ${p.count} monomials); raise with --max-lps`);
    if (p.count === 1) {
      for (const cell of partial) next.push({ chosen: [...cell.chosen, 0], rows: cell.rows, point: cell.point });
    } else {
      const ctx = walkContext(ar, p);
      for (const cell of partial) {
        for (const hit of regionsMeeting(ar, n, cell.rows, cell.point, ctx)) next.push({ chosen: [...cell.chosen, hit.k], rows: hit.rows, point: hit.x });
      }
    }
    partial = next;
  }
  // A cell never split (every polynomial a single monomial) still needs an interior point.
  const cells: TropicalCell<T>[] = partial.map((cell) => {
    let point = cell.point;
    if (point.length === 0) {
      const r = maxSlack(ar, n, cell.rows, []);
      point = r.x.length ? r.x : Array.from({ length: n }, () => ar.zero);
    }
    const jacobian: T[] = [];
    const offset: T[] = [];
    for (let o = 0; o < map.outputDim; o++) {
      const f = polys[2 * o];
      const g = polys[2 * o + 1];
      const i = cell.chosen[2 * o];
      const j = cell.chosen[2 * o + 1];
      for (let k = 0; k < n; k++) jacobian.push(ar.sub(f.exponents[i * n + k], g.exponents[j * n + k]));
      offset.push(ar.sub(f.coefficients[i], g.coefficients[j]));
    }
    return { monomials: Int32Array.from(cell.chosen), jacobian, offset, point, rows: cell.rows } as TropicalCell<T> & { rows: Row<T>[] };
  });
  return mergeIntoRegions(ar, n, cells as (TropicalCell<T> & { rows: Row<T>[] })[], polys, box, (options.tolerance ?? DEFAULT_TOLERANCE).relative);
}

function mapKey<T>(ar: Arithmetic<T>, cell: TropicalCell<T>, quantum: number): string {
  if (ar.exact) return cell.jacobian.map(ar.key).join(',') + '|' + cell.offset.map(ar.key).join(',');
  // Floats: maps equal up to the tolerance share a key: entries rounded to a quantum set by the
  // largest entry over all cells (the scale of the data, as the tolerance policy asks).
  return [...cell.jacobian, ...cell.offset].map((v) => Math.round(ar.toNumber(v) / quantum)).join(',');
}

function mergeIntoRegions<T>(
  ar: Arithmetic<T>,
  n: number,
  cells: (TropicalCell<T> & { rows: Row<T>[] })[],
  polys: TropicalPolynomial<T>[],
  box: Row<T>[],
  relative: number,
): TropicalCellsResult<T> {
  let mag = 0;
  for (const c of cells) for (const v of [...c.jacobian, ...c.offset]) mag = Math.max(mag, ar.magnitude(v));
  const quantum = mag * relative || 1;
  const groups = new Map<string, number[]>();
  cells.forEach((c, i) => {
    const k = mapKey(ar, c, quantum);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  const parent = Int32Array.from(cells, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const members of groups.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const p = members[a];
        const q = members[b];
        if (find(p) === find(q)) continue;
        if (facetAdjacent(ar, n, cells[p], cells[q], polys, box)) parent[find(p)] = find(q);
      }
    }
  }
  const label = new Int32Array(cells.length);
  const ids = new Map<number, number>();
  cells.forEach((_, i) => {
    const r = find(i);
    if (!ids.has(r)) ids.set(r, ids.size);
    label[i] = ids.get(r)!;
  });
  const clean = cells.map(({ monomials, jacobian, offset, point }) => ({ monomials, jacobian, offset, point }));
  return { cells: clean, distinctMaps: groups.size, linearRegions: ids.size, regionOfCell: label };
}

/**
 * Do two cells share an (n−1)-dimensional face? Both cells' dominant monomials of some polynomial
 * differ, so their intersection lies in the hyperplane H where those two monomials tie. Restricted
 * to H, rows parallel to H are constants (dropped when they hold, fatal when they fail); every other
 * row gets the slack s. The face has relative interior in H iff max s > 0.
 */
function facetAdjacent<T>(ar: Arithmetic<T>, n: number, A: TropicalCell<T>, B: TropicalCell<T>, polys: TropicalPolynomial<T>[], box: Row<T>[]): boolean {
  let k = 0;
  while (k < polys.length && A.monomials[k] === B.monomials[k]) k++;
  if (k === polys.length) return true; // same monomials: same cell
  const p = polys[k];
  const i = A.monomials[k];
  const j = B.monomials[k];
  const h: T[] = [];
  for (let d = 0; d < n; d++) h.push(ar.sub(p.exponents[j * n + d], p.exponents[i * n + d]));
  const e = ar.sub(p.coefficients[i], p.coefficients[j]); // H: h·x = e
  let hMag = ar.magnitude(e);
  for (const v of h) hMag += ar.magnitude(v);
  const rows: Row<T>[] = [...box];
  polys.forEach((poly, t) => {
    rows.push(...dominanceRows(ar, poly, A.monomials[t]));
    if (B.monomials[t] !== A.monomials[t]) rows.push(...dominanceRows(ar, poly, B.monomials[t]));
  });
  const slack: Row<T>[] = [];
  for (const row of rows) {
    const lambda = parallelFactor(ar, row.a, h, hMag);
    if (lambda === undefined) {
      slack.push(row);
      continue;
    }
    // On H the row reads λe ≤ b: drop when it holds, the face is empty when it fails.
    const gap = ar.sub(row.b, ar.mul(lambda, e));
    if (ar.sign(gap, ar.magnitude(row.b) + ar.magnitude(e) * ar.magnitude(lambda)) < 0) return false;
  }
  const eq: Row<T>[] = [
    { a: h, b: e },
    { a: h.map(ar.neg), b: ar.neg(e) },
  ];
  const r = maxSlack(ar, n, slack, eq);
  return ar.sign(r.s, r.scale) > 0;
}

