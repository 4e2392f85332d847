/**
 * Persistence pairs of a filtered cell complex over Z/2, by cell. The filtration is given as an order
 * of the cells of each dimension (within a dimension, earlier = enters first; across dimensions a face
 * always comes before its cofaces, which holds for every sublevel / lower-star filtration). With the
 * identity order the unpaired ("essential") cells count the Betti numbers.
 *
 * The work is split by dimension, highest first, so that each dimension's pivots clear columns of the
 * next one down (Chen & Kerber, twist/clearing):
 * - top dimension n ≥ 2 of a complex where every (n−1)-cell has at most two n-cofacets (any complex that
 *   subdivides a region of Rⁿ): union-find on the dual graph in reverse order, with the outside as one
 *   extra node. Merging components A and B across facet f means ∂(ΣA) has pivot f; the component whose
 *   latest cell is earlier dies (elder rule in reverse). This is Alexander-duality-style persistence, as
 *   used by cubical persistence codes; it replaces a reduction that can fill in badly.
 * - middle dimensions: the standard column reduction with clearing (reduce.ts).
 * - dimension 1 (edges with two endpoints): union-find with the elder rule (Kruskal).
 */
import { permuteMatrix, rowCounts, transpose } from './boundary.js';
import type { ChainComplex } from './chain-complex.js';
import { reduceZ2 } from './reduce.js';
import { disjointSets, findRoot } from './union-find.js';

export interface CellPairs {
  /** pairs[d]: flat [birth d-cell, death (d+1)-cell, …] for d = 0..top−1 (pairs[top] is empty). */
  readonly pairs: readonly Int32Array[];
  /** essential[d]: the d-cells that create a class that never dies. */
  readonly essential: readonly Int32Array[];
}

export interface CellPairsOptions {
  /** Use the union-find shortcuts for dimension 1 and the top dimension (default true; false reduces everything). */
  readonly unionFind?: boolean;
}

/** order[d][p] = the d-cell at position p of the filtration; absent means cell order. */
export function cellPairs(chain: ChainComplex, order?: readonly Int32Array[], options: CellPairsOptions = {}): CellPairs {
  const unionFind = options.unionFind ?? true;
  const top = chain.counts.length - 1;
  const ord: Int32Array[] = [];
  const pos: Int32Array[] = [];
  for (let d = 0; d <= top; d++) {
    const n = chain.counts[d];
    const o = order?.[d] ?? identity(n);
    const r = new Int32Array(n);
    for (let p = 0; p < n; p++) r[o[p]] = p;
    ord.push(o);
    pos.push(r);
  }
  // killedBy[d][c]: the (d+1)-cell whose reduced boundary has pivot c, or −1.
  const killedBy = chain.counts.map((n) => new Int32Array(n).fill(-1));
  // positive[d][c]: the d-cell's column reduced to zero (it creates a class).
  const positive = chain.counts.map((n) => new Uint8Array(n));
  positive[0].fill(1);

  for (let d = top; d >= 1; d--) {
    const m = chain.boundaries[d];
    const cleared = new Uint8Array(m.cols);
    for (let c = 0; c < m.cols; c++) if (killedBy[d][c] >= 0) cleared[c] = 1;
    if (unionFind && d === 1 && everyColumnHasTwoEntries(chain)) kruskal(chain, ord, pos, cleared, killedBy, positive);
    else if (unionFind && d >= 2 && d === top && maxRowCount(chain, d) <= 2) dualKruskal(chain, d, ord, pos, killedBy, positive);
    else {
      // in cell order (no filtration given) the matrix is already in reduction order
      const pm = order ? permuteMatrix(m, pos[d - 1], pos[d]) : m;
      const skip = new Uint8Array(m.cols);
      for (let c = 0; c < m.cols; c++) if (cleared[c]) skip[pos[d][c]] = 1;
      const { low } = reduceZ2(pm, skip);
      for (let p = 0; p < m.cols; p++) {
        const cell = ord[d][p];
        if (low[p] >= 0) killedBy[d - 1][ord[d - 1][low[p]]] = cell;
        else positive[d][cell] = 1;
      }
    }
  }

  const pairs: Int32Array[] = [];
  const essential: Int32Array[] = [];
  for (let d = 0; d <= top; d++) {
    const n = chain.counts[d];
    let np = 0;
    let ne = 0;
    for (let c = 0; c < n; c++) if (positive[d][c]) killedBy[d][c] >= 0 ? np++ : ne++;
    const flat = new Int32Array(2 * np);
    const ess = new Int32Array(ne);
    np = 0;
    ne = 0;
    // in filtration order, so callers get bars sorted by birth
    for (let p = 0; p < n; p++) {
      const c = ord[d][p];
      if (!positive[d][c]) continue;
      if (killedBy[d][c] >= 0) (flat[np++] = c), (flat[np++] = killedBy[d][c]);
      else ess[ne++] = c;
    }
    pairs.push(flat);
    essential.push(ess);
  }
  return { pairs, essential };
}

function identity(n: number): Int32Array {
  const o = new Int32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o;
}

function everyColumnHasTwoEntries(chain: ChainComplex): boolean {
  const m = chain.boundaries[1];
  for (let j = 0; j < m.cols; j++) if (m.colOffsets[j + 1] - m.colOffsets[j] !== 2) return false;
  return true;
}

function maxRowCount(chain: ChainComplex, d: number): number {
  let max = 0;
  for (const c of rowCounts(chain.boundaries[d])) if (c > max) max = c;
  return max;
}

/** Dimension 1: edges in filtration order join components; the younger component (later root) dies. */
function kruskal(chain: ChainComplex, ord: Int32Array[], pos: Int32Array[], cleared: Uint8Array, killedBy: Int32Array[], positive: Uint8Array[]): void {
  const m = chain.boundaries[1];
  const sets = disjointSets(chain.counts[0]);
  const vpos = pos[0];
  for (let p = 0; p < m.cols; p++) {
    const e = ord[1][p];
    if (cleared[e]) {
      positive[1][e] = 1;
      continue;
    }
    let ru = findRoot(sets, m.rowIndices[m.colOffsets[e]]);
    let rv = findRoot(sets, m.rowIndices[m.colOffsets[e] + 1]);
    if (ru === rv) {
      positive[1][e] = 1;
      continue;
    }
    // roots are the oldest vertex of their component
    if (vpos[ru] < vpos[rv]) [ru, rv] = [rv, ru];
    killedBy[0][ru] = e;
    sets.parent[ru] = rv;
  }
}

/**
 * Top dimension d of a complex whose (d−1)-cells each bound at most two d-cells: process (d−1)-cells
 * from last to first on the dual graph (d-cells plus the outside). See the file comment.
 */
function dualKruskal(chain: ChainComplex, d: number, ord: Int32Array[], pos: Int32Array[], killedBy: Int32Array[], positive: Uint8Array[]): void {
  const n = chain.counts[d];
  const outside = n;
  const cof = transpose(chain.boundaries[d]);
  const sets = disjointSets(n + 1);
  // latest[root] = filtration position of the latest d-cell of the component (outside: after all).
  const latest = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) latest[c] = pos[d][c];
  latest[outside] = n;
  const facets = ord[d - 1];
  for (let p = facets.length - 1; p >= 0; p--) {
    const f = facets[p];
    const k0 = cof.colOffsets[f];
    const k = cof.colOffsets[f + 1] - k0;
    if (k === 0) continue;
    const ra = findRoot(sets, cof.rowIndices[k0]);
    const rb = findRoot(sets, k === 2 ? cof.rowIndices[k0 + 1] : outside);
    if (ra === rb) continue;
    const [dying, living] = latest[ra] < latest[rb] ? [ra, rb] : [rb, ra];
    killedBy[d - 1][f] = ord[d][latest[dying]];
    sets.parent[dying] = living;
  }
  // d-cells that never died as a component's latest cell have zero reduced boundary.
  const dead = new Uint8Array(n);
  for (let f = 0; f < chain.counts[d - 1]; f++) if (killedBy[d - 1][f] >= 0) dead[killedBy[d - 1][f]] = 1;
  for (let c = 0; c < n; c++) if (!dead[c]) positive[d][c] = 1;
}
