/**
 * Vietoris–Rips persistence over Z/2, after Ripser (Bauer 2021): persistent cohomology computed
 * column by column in reverse filtration order with
 * - an implicit coboundary matrix (cofacets enumerated from combinatorial indices, simplices.ts),
 * - clearing: simplices that were pivots in dimension d are not columns in dimension d+1,
 * - apparent pairs: a simplex whose first cofacet has the same diameter and has it as its last facet is
 *   skipped as a column, and such a cofacet is reduced by that simplex's coboundary on demand (§3.5–3.6),
 * - emergent pairs: a column whose first cofacet is an unclaimed zero-persistence pivot needs no heap,
 * - the reduction matrix V stored instead of reduced coboundaries (re-enumerated when added): a
 *   reduced coboundary fills in (the sum of dozens of ~n-entry coboundaries), and storing those was
 *   measured 4× slower on 1000 torus points.
 * Dimension 0 is union-find on the edges in filtration order (Kruskal). Filtration order: diameter, then
 * larger combinatorial index first.
 * Two ways in: the dense path reads every distance from the n × n matrix; the sparse path first removes
 * dominated edges (Boissonnat–Pritam filtered edge collapse, collapse.ts) from the explicit edge list
 * (edges.ts) and reads the survivors' values, some of them delayed, from neighbour lists. The reduction
 * is the same code: a flag filtration needs only the value of each edge.
 */
import { TesseraError } from '../../numeric/errors.js';
import { squaredDistance } from '../../numeric/linalg.js';
import { sortBars, type Bar, type Barcode } from '../barcode.js';
import { disjointSets, findRoot } from '../union-find.js';
import { binomialTable } from './binomial.js';
import { collapseEdges } from './collapse.js';
import { cloudEdges, matrixEdges, neighbourTable, type FilteredEdges } from './edges.js';
import { heapClear, heapify, heapPivot, heapSiftUpFrom, simplexHeap, type SimplexHeap } from './heap.js';
import { appendCofacets, cofacetBuffer, cofacetCursor, emptyCursor, neighbourLists, simplexVertices, zeroPivotCofacet, zeroPivotFacet, type CofacetCursor, type RipsSpace } from './simplices.js';

export interface RipsOptions {
  /** Highest homology degree (default 1). */
  readonly maxDim?: number;
  /** Largest edge length in the complex (default: the enclosing radius, beyond which nothing changes). */
  readonly threshold?: number;
  /** Refuse when a dimension ≥ 2 needs more columns than this (default 20 million). */
  readonly maxSimplices?: number;
  /** Refuse more points than this (the distance matrix takes 8 n² bytes; default 8000). */
  readonly maxPoints?: number;
  /**
   * Collapse dominated edges first (Boissonnat–Pritam filtered edge collapse, collapse.ts) and reduce
   * the smaller flag filtration from sparse neighbour lists. Same barcodes; see collapseByDefault.
   */
  readonly collapse?: boolean;
}

export interface RipsResult {
  readonly points: number;
  readonly maxDim: number;
  readonly threshold: number;
  /** min over points of the largest distance from it: above this the complex is a cone. */
  readonly enclosingRadius: number;
  /** barcode[k], k = 0..maxDim; death Infinity for classes alive at the threshold. */
  readonly barcode: Barcode;
}

/** Euclidean distance matrix of `count` points stored row-major (count × dim). */
export function distanceMatrix(points: Float64Array, dim: number): Float64Array {
  const n = points.length / dim;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      d[i * n + j] = d[j * n + i] = Math.sqrt(squaredDistance(points, dim, i, j));
    }
  }
  return d;
}

/** Rips persistence of a point cloud (n × dim, row-major). */
export function ripsPersistence(points: Float64Array, dim: number, options: RipsOptions = {}): RipsResult {
  if (!Number.isInteger(dim) || dim < 1 || points.length % dim !== 0) throw new TesseraError('shape', `${points.length} coordinates are not a whole number of ${dim}-dimensional points`);
  for (let i = 0; i < points.length; i++) if (!Number.isFinite(points[i])) throw new TesseraError('input', `point ${Math.floor(i / dim)} coordinate ${i % dim} is not a finite number`);
  const n = points.length / dim;
  checkPointCount(n, options);
  if (options.collapse === false) return ripsFromDistances(distanceMatrix(points, dim), n, options);
  // the edge list straight from the points; the distance matrix only if the graph is too dense to collapse
  checkOptions(options);
  const { edges, enclosingRadius } = cloudEdges(points, dim, options.threshold);
  if (!sparseWanted(options, n, edges.count)) return ripsFromDistances(distanceMatrix(points, dim), n, options);
  return ripsFromEdges(n, edges, options.threshold ?? enclosingRadius, enclosingRadius, options);
}

/**
 * Collapse, then reduce from sparse lists (true) or reduce the whole graph from the distance matrix?
 * `collapse` decides when given. By default collapse when the mean degree 2m/n is at most 150: on the
 * torus bench (1000 points in R³, up to H₁) collapsing was 2–3× faster up to a mean degree of 132
 * (threshold 1.6), even at 176 (threshold 1.8) and 4× slower at 241 (threshold 2), where few edges are
 * dominated any more and each domination test scans long rows. H₀ alone takes the sparse path without
 * a collapse (union-find).
 */
function sparseWanted(options: RipsOptions, n: number, edgeCount: number): boolean {
  return options.collapse ?? ((options.maxDim ?? 1) === 0 || 2 * edgeCount <= 150 * n);
}

function checkPointCount(n: number, options: RipsOptions): void {
  const max = options.maxPoints ?? 8000;
  if (n > max) throw new TesseraError('budget', `${n} points need a ${((8 * n * n) / 2 ** 30).toFixed(1)} GiB distance matrix, over the limit of ${max} points; raise --max-points to allow it`);
}

function checkOptions(options: RipsOptions): number {
  const maxDim = options.maxDim ?? 1;
  if (!Number.isInteger(maxDim) || maxDim < 0) throw new TesseraError('input', `max dimension must be a non-negative integer, got ${maxDim}`);
  if (options.threshold !== undefined && !(options.threshold >= 0)) throw new TesseraError('input', `threshold must be a non-negative number, got ${options.threshold}`);
  return maxDim;
}

/** Rips persistence from a full symmetric n × n distance matrix. */
export function ripsFromDistances(dist: Float64Array, n: number, options: RipsOptions = {}): RipsResult {
  if (dist.length !== n * n) throw new TesseraError('shape', `distance matrix has ${dist.length} entries, expected ${n}×${n}`);
  checkPointCount(n, options);
  const maxDim = checkOptions(options);
  let enclosingRadius = n === 0 ? 0 : Infinity;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) if (dist[i * n + j] > m) m = dist[i * n + j];
    if (m < enclosingRadius) enclosingRadius = m;
  }
  const threshold = options.threshold ?? enclosingRadius;
  if (options.collapse !== false) {
    const edges = matrixEdges(dist, n, threshold);
    if (sparseWanted(options, n, edges.count)) return ripsFromEdges(n, edges, threshold, enclosingRadius, options);
  }
  const barcode: Barcode = Array.from({ length: maxDim + 1 }, () => []);
  if (n === 0) return { points: 0, maxDim, threshold, enclosingRadius, barcode };
  const space: RipsSpace = { n, dist, nbrValues: null, binom: binomialTable(n, Math.min(maxDim + 2, n)), threshold, ...neighbourLists(dist, n, threshold), work: cofacetBuffer(), workCursor: emptyCursor(maxDim + 3) };
  // the edge list, read off the matrix
  let edgeCount = 0;
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) if (dist[j * n + i] <= threshold) edgeCount++;
  const edgeDiam = new Float64Array(edgeCount);
  const edgeIndex = new Float64Array(edgeCount);
  let e = 0;
  for (let j = 1; j < n; j++) {
    for (let i = 0; i < j; i++) {
      const d = dist[j * n + i];
      if (d > threshold) continue;
      edgeDiam[e] = d;
      edgeIndex[e] = (j * (j - 1)) / 2 + i;
      e++;
    }
  }
  reduceAll(space, edgeDiam, edgeIndex, maxDim, barcode, options.maxSimplices ?? 2e7);
  return { points: n, maxDim, threshold, enclosingRadius, barcode };
}

/**
 * Sparse path: collapse the filtered graph (collapse.ts), then reduce the flag filtration of what is
 * left, with the distances read from its neighbour lists. Same barcode as the dense path.
 */
function ripsFromEdges(n: number, all: FilteredEdges, threshold: number, enclosingRadius: number, options: RipsOptions): RipsResult {
  const maxDim = checkOptions(options);
  const barcode: Barcode = Array.from({ length: maxDim + 1 }, () => []);
  if (n === 0) return { points: 0, maxDim, threshold, enclosingRadius, barcode };
  // H₀ alone needs no collapse: union-find on all edges is as cheap as collapsing them
  const edges = maxDim === 0 ? all : collapseEdges(n, all);
  const { offsets, nbrs, values } = neighbourTable(n, edges, true);
  const space: RipsSpace = { n, dist: null, nbrValues: values, binom: binomialTable(n, Math.min(maxDim + 2, n)), threshold, nbrOffsets: offsets, nbrs, work: cofacetBuffer(), workCursor: emptyCursor(maxDim + 3) };
  const edgeIndex = new Float64Array(edges.count);
  for (let e = 0; e < edges.count; e++) edgeIndex[e] = (edges.u[e] * (edges.u[e] - 1)) / 2 + edges.v[e];
  reduceAll(space, edges.value, edgeIndex, maxDim, barcode, options.maxSimplices ?? 2e7);
  return { points: n, maxDim, threshold, enclosingRadius, barcode };
}

/** Dimension 0 by union-find over the edges (given in any order), then dimensions 1..maxDim. */
function reduceAll(space: RipsSpace, edgeDiam: Float64Array, edgeIndex: Float64Array, maxDim: number, barcode: Barcode, maxSimplices: number): void {
  const { n, threshold } = space;
  // Dimension 0: Kruskal in filtration order; edges that close a cycle are columns of dimension 1.
  const order = filtrationSort(edgeDiam, edgeIndex, true);
  const sets = disjointSets(n);
  const verts = new Int32Array(Math.max(maxDim + 3, 3));
  const colDiam: number[] = [];
  const colIndex: number[] = [];
  let components = n;
  for (const p of order) {
    const ru = findRoot(sets, vertexPair(edgeIndex[p], verts));
    const rv = findRoot(sets, verts[1]);
    if (ru !== rv) {
      if (edgeDiam[p] > 0) barcode[0].push({ birth: 0, death: edgeDiam[p] });
      sets.parent[ru] = rv;
      components--;
    } else if (maxDim >= 1 && zeroApparentCofacet(space, edgeIndex[p], edgeDiam[p], 1, verts) < 0) {
      colDiam.push(edgeDiam[p]);
      colIndex.push(edgeIndex[p]);
    }
  }
  for (let c = 0; c < components; c++) barcode[0].push({ birth: 0, death: Infinity });
  sortBars(barcode[0]);

  // Columns in reverse filtration order.
  colDiam.reverse();
  colIndex.reverse();
  let simplexDiam = edgeDiam;
  let simplexIndex = edgeIndex;
  let columns = { diam: Float64Array.from(colDiam), index: Float64Array.from(colIndex) };
  for (let d = 1; d <= maxDim; d++) {
    const pivots = computePairs(space, columns, d, barcode[d]);
    sortBars(barcode[d]);
    if (d === maxDim) break;
    // Assemble the (d+1)-simplices and the columns of the next dimension (clearing + apparent pairs).
    const nextDiam: number[] = [];
    const nextIndex: number[] = [];
    const cDiam: number[] = [];
    const cIndex: number[] = [];
    const cof = new Int32Array(d + 3);
    const scratch = new Int32Array(d + 3);
    const found = cofacetBuffer(64);
    const cursor = emptyCursor(d + 2);
    for (let s = 0; s < simplexIndex.length; s++) {
      simplexVertices(space, simplexIndex[s], d, verts);
      found.size = 0;
      appendCofacets(space, simplexDiam[s], verts, d, cofacetCursor(space, verts, d, cursor), found, false, true);
      for (let q = 0; q < found.size; q++) {
        const c = found.index[q];
        const cd = found.diam[q];
        nextDiam.push(cd);
        nextIndex.push(c);
        // clearing (pivots of dimension d, including apparent ones) and apparent pairs' lower halves
        if (!pivots.has(c) && zeroApparentFacet(space, c, cd, d + 1, cof, scratch) < 0 && zeroApparentCofacet(space, c, cd, d + 1, cof) < 0) {
          cDiam.push(cd);
          cIndex.push(c);
        }
      }
      if (nextIndex.length > maxSimplices) {
        throw new TesseraError('budget', `more than ${maxSimplices} simplices of dimension ${d + 1} below the threshold ${threshold}; lower --threshold or --max-dim, or raise --max-simplices`);
      }
    }
    simplexDiam = Float64Array.from(nextDiam);
    simplexIndex = Float64Array.from(nextIndex);
    const co = filtrationSort(Float64Array.from(cDiam), Float64Array.from(cIndex), false);
    columns = { diam: Float64Array.from(co, (p) => cDiam[p]), index: Float64Array.from(co, (p) => cIndex[p]) };
  }
}

/** Edge index → its vertices (j > i) in out[0], out[1]; returns j. */
function vertexPair(index: number, out: Int32Array): number {
  let j = Math.floor((1 + Math.sqrt(1 + 8 * index)) / 2);
  while ((j * (j - 1)) / 2 > index) j--;
  while (((j + 1) * j) / 2 <= index) j++;
  out[0] = j;
  out[1] = index - (j * (j - 1)) / 2;
  return j;
}

/** Positions sorted in filtration order (ascending) or its reverse. */
function filtrationSort(diam: Float64Array, index: Float64Array, ascending: boolean): Int32Array {
  const o = new Int32Array(diam.length);
  for (let i = 0; i < o.length; i++) o[i] = i;
  const s = ascending ? 1 : -1;
  return o.sort((a, b) => s * (diam[a] - diam[b] || index[b] - index[a]));
}

// Scratch vertex arrays for zeroApparentCofacet (called once per edge: no allocation per call).
let cofacetVerts = new Int32Array(8);
let facetVerts = new Int32Array(8);
const facetScratch = (k: number): Int32Array => (facetVerts.length >= k ? facetVerts : (facetVerts = new Int32Array(k)));

/** The apparent-pair partner above a simplex, or −1 (vertices of the simplex are written to `verts`). */
function zeroApparentCofacet(space: RipsSpace, index: number, diam: number, k: number, verts: Int32Array): number {
  simplexVertices(space, index, k, verts);
  const c = zeroPivotCofacet(space, diam, verts, k);
  if (c < 0) return -1;
  if (cofacetVerts.length < k + 2) cofacetVerts = new Int32Array(k + 2);
  const cv = cofacetVerts;
  simplexVertices(space, c, k + 1, cv);
  return zeroPivotFacet(space, diam, cv, k + 1, facetScratch(k + 1)) === index ? c : -1;
}

/** The apparent-pair partner below a (k)-simplex, or −1. */
function zeroApparentFacet(space: RipsSpace, index: number, diam: number, k: number, verts: Int32Array, scratch: Int32Array): number {
  simplexVertices(space, index, k, verts);
  const f = zeroPivotFacet(space, diam, verts, k, scratch);
  if (f < 0) return -1;
  simplexVertices(space, f, k - 1, scratch);
  return zeroPivotCofacet(space, diam, scratch, k - 1) === index ? f : -1;
}

/**
 * Reduce the coboundary columns of dimension d (given in reverse filtration order); append the bars
 * to `bars` and return the pivots (cofacet index → column) for clearing the next dimension.
 */
function computePairs(space: RipsSpace, columns: { diam: Float64Array; index: Float64Array }, d: number, bars: Bar[]): Map<number, number> {
  const pivots = new Map<number, number>();
  const heap = simplexHeap();
  const verts = new Int32Array(d + 2);
  const vertsHi = new Int32Array(d + 2);
  const scratch = new Int32Array(d + 2);
  // Reduction matrix V: for each column with a pivot, the extra simplices added to it.
  const vStart = new Int32Array(columns.index.length + 1);
  let vDiam = new Float64Array(256);
  let vIndex = new Float64Array(256);
  let vSize = 0;
  const workDiam: number[] = [];
  const workIndex: number[] = [];
  const addCursor = emptyCursor(d + 2);
  const initCursor = emptyCursor(d + 2);
  const addCoboundary = (idx: number, diam: number): void => {
    simplexVertices(space, idx, d, verts);
    const start = heap.size;
    appendCofacets(space, diam, verts, d, cofacetCursor(space, verts, d, addCursor), heap, false);
    heapSiftUpFrom(heap, start);
  };

  for (let col = 0; col < columns.index.length; col++) {
    vStart[col + 1] = vStart[col];
    const diam = columns.diam[col];
    const index = columns.index[col];
    heapClear(heap);
    workDiam.length = 0;
    workIndex.length = 0;
    let pivotIndex = initCoboundary(space, heap, index, diam, d, verts, vertsHi, scratch, pivots, initCursor);
    let pivotDiam = diam; // an emergent pivot has the column's own diameter
    if (pivotIndex === -2) {
      const top = heapPivot(heap);
      pivotIndex = top < 0 ? -1 : heap.index[0];
      pivotDiam = top < 0 ? 0 : heap.diam[0];
    }
    for (;;) {
      if (pivotIndex < 0) {
        bars.push({ birth: diam, death: Infinity });
        break;
      }
      const owner = pivots.get(pivotIndex);
      if (owner !== undefined) {
        workDiam.push(columns.diam[owner]);
        workIndex.push(columns.index[owner]);
        addCoboundary(columns.index[owner], columns.diam[owner]);
        for (let q = vStart[owner]; q < vStart[owner + 1]; q++) {
          workDiam.push(vDiam[q]);
          workIndex.push(vIndex[q]);
          addCoboundary(vIndex[q], vDiam[q]);
        }
      } else {
        const f = zeroApparentFacet(space, pivotIndex, pivotDiam, d + 1, vertsHi, scratch);
        if (f >= 0) {
          workDiam.push(pivotDiam);
          workIndex.push(f);
          addCoboundary(f, pivotDiam);
        } else {
          if (pivotDiam > diam) bars.push({ birth: diam, death: pivotDiam });
          pivots.set(pivotIndex, col);
          // store V's column, cancelling repeated simplices (Z/2)
          const perm = workIndex.map((_, i) => i).sort((a, b) => workIndex[a] - workIndex[b]);
          for (let i = 0; i < perm.length; ) {
            let j = i;
            while (j < perm.length && workIndex[perm[j]] === workIndex[perm[i]]) j++;
            if ((j - i) % 2 === 1) {
              if (vSize === vIndex.length) {
                const a = new Float64Array(2 * vSize);
                a.set(vIndex);
                vIndex = a;
                const b = new Float64Array(2 * vSize);
                b.set(vDiam);
                vDiam = b;
              }
              vIndex[vSize] = workIndex[perm[i]];
              vDiam[vSize] = workDiam[perm[i]];
              vSize++;
            }
            i = j;
          }
          vStart[col + 1] = vSize;
          break;
        }
      }
      const top = heapPivot(heap);
      pivotIndex = top < 0 ? -1 : heap.index[0];
      pivotDiam = top < 0 ? 0 : heap.diam[0];
    }
  }
  return pivots;
}

/**
 * Push the coboundary of the column's simplex into the heap. Returns the pivot directly (emergent
 * pair: the first cofacet has the same diameter, is unclaimed and is not an apparent pair's upper
 * half), or −2 meaning "read the pivot from the heap".
 */
function initCoboundary(
  space: RipsSpace, heap: SimplexHeap, index: number, diam: number, d: number,
  verts: Int32Array, vertsHi: Int32Array, scratch: Int32Array, pivots: Map<number, number>, into: CofacetCursor,
): number {
  simplexVertices(space, index, d, verts);
  const cursor = cofacetCursor(space, verts, d, into);
  if (appendCofacets(space, diam, verts, d, cursor, heap, true)) {
    // the last appended cofacet is the first with the column's diameter: the pivot, if unclaimed
    const c = heap.index[heap.size - 1];
    if (!pivots.has(c) && zeroApparentFacet(space, c, diam, d + 1, vertsHi, scratch) < 0) return c;
    appendCofacets(space, diam, verts, d, cursor, heap, false);
  }
  heapify(heap);
  return -2;
}
