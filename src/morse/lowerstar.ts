/**
 * Lower stars (notes §1.4–1.5). Every cell σ of a bounded complex has a highest vertex in the order by
 * (F, index); σ belongs to the lower star of that vertex. Where F has no flat edges this is the PL lower
 * star — the cells at v all of whose edges at v descend (F is affine on the convex cell σ, so a vertex
 * where every edge of σ descends is σ's unique maximum). The lower stars partition the cells, and the
 * sublevel complex {σ : max F on σ ≤ t} is a union of them.
 *
 * Flat cells break the partition's meaning at one level: the vertices of a flat component Φ share a value
 * and the cells whose top vertex lies in Φ form one *unit*, treated as a whole (notes §1.8: "treat each
 * flat component at level t as one unit"). Units are the atoms of both the local homology (classify.ts)
 * and the discrete gradient (gradient.ts).
 */
import type { Complex } from '../complex/types.js';
import { boundaryMatrix, zeroBoundary, type BoundaryMatrix } from '../topology/boundary.js';
import { chainComplex, type ChainComplex } from '../topology/chain-complex.js';
import type { ScalarField } from './field.js';
import { row, transpose, type CSR, type Incidence } from './incidence.js';

export interface LowerStars {
  /** owner[d][i]: the highest vertex of d-cell i in the order by (F, index). */
  readonly owner: readonly Int32Array[];
  /** Number of units: one per vertex on no flat edge, one per flat component. */
  readonly unitCount: number;
  /** Unit of each vertex. */
  readonly unitOfVertex: Int32Array;
  /** For each unit: the vertex it stands for (a non-flat vertex, or the lowest-index vertex of a flat component). */
  readonly unitVertex: Int32Array;
  /** 1 for units that are flat components. */
  readonly unitFlat: Uint8Array;
  /** unitCells[d]: the d-cells of each unit. */
  readonly unitCells: readonly CSR[];
  /** position of each d-cell within its unit's list (the local index used by chain complexes). */
  readonly localIndex: readonly Int32Array[];
}

export function lowerStars(inc: Incidence, field: ScalarField): LowerStars {
  const { rank, flatComponent, flatComponentCount } = field;
  const V = inc.vertexCount;
  const owner: Int32Array[] = [];
  for (let d = 0; d <= inc.dim; d++) {
    const cv = inc.cellVertices[d];
    const o = new Int32Array(inc.counts[d]);
    for (let i = 0; i < inc.counts[d]; i++) {
      let best = -1;
      for (let k = cv.offsets[i]; k < cv.offsets[i + 1]; k++) {
        const v = cv.indices[k];
        if (best < 0 || rank[v] > rank[best]) best = v;
      }
      o[i] = best;
    }
    owner.push(o);
  }
  // Units: flat components first take ids, then every other vertex.
  const unitOfVertex = new Int32Array(V);
  const unitCount = flatComponentCount + countNonFlat(flatComponent);
  const unitVertex = new Int32Array(unitCount).fill(-1);
  const unitFlat = new Uint8Array(unitCount);
  let next = flatComponentCount;
  for (let v = 0; v < V; v++) {
    const c = flatComponent[v];
    if (c >= 0) {
      unitOfVertex[v] = c;
      unitFlat[c] = 1;
      if (unitVertex[c] < 0) unitVertex[c] = v;
    } else {
      unitOfVertex[v] = next;
      unitVertex[next++] = v;
    }
  }
  const unitCells: CSR[] = [];
  const localIndex: Int32Array[] = [];
  for (let d = 0; d <= inc.dim; d++) {
    const count = inc.counts[d];
    const unitOfCell: CSR = { offsets: Int32Array.from({ length: count + 1 }, (_, i) => i), indices: new Int32Array(count) };
    for (let i = 0; i < count; i++) unitOfCell.indices[i] = unitOfVertex[owner[d][i]];
    const byUnit = transpose(unitOfCell, count, unitCount);
    const local = new Int32Array(count);
    for (let u = 0; u < unitCount; u++) {
      const cells = row(byUnit, u);
      for (let k = 0; k < cells.length; k++) local[cells[k]] = k;
    }
    unitCells.push(byUnit);
    localIndex.push(local);
  }
  return { owner, unitCount, unitOfVertex, unitVertex, unitFlat, unitCells, localIndex };
}

function countNonFlat(flatComponent: Int32Array): number {
  let n = 0;
  for (let v = 0; v < flatComponent.length; v++) if (flatComponent[v] < 0) n++;
  return n;
}

/** Unit of d-cell i. */
export function unitOfCell(ls: LowerStars, d: number, i: number): number {
  return ls.unitOfVertex[ls.owner[d][i]];
}

/**
 * The relative chain complex of a unit U: C_k = the k-cells of U, ∂σ = the facets of σ that lie in U.
 * Its homology is H_*(F_{≤t} ∩ N, F_{<t} ∩ N) for a small neighbourhood N of the unit, i.e. the reduced
 * homology of the lower link shifted by one (notes §1.3): the multiplicity vector of the critical point.
 */
export function unitChainComplex(complex: Complex, ls: LowerStars, u: number): ChainComplex {
  const boundaries: BoundaryMatrix[] = [];
  let below = 0;
  for (let d = 0; d < ls.unitCells.length; d++) {
    const cells = row(ls.unitCells[d], u);
    if (d === 0) {
      boundaries.push(zeroBoundary(0, cells.length));
      below = cells.length;
      continue;
    }
    const c = complex.cells[d];
    const offsets = new Int32Array(cells.length + 1);
    const indices: number[] = [];
    for (let k = 0; k < cells.length; k++) {
      const sigma = cells[k];
      for (let q = c.facetOffsets[sigma]; q < c.facetOffsets[sigma + 1]; q++) {
        const f = c.facetIndices[q];
        if (unitOfCell(ls, d - 1, f) === u) indices.push(ls.localIndex[d - 1][f]);
      }
      offsets[k + 1] = indices.length;
    }
    boundaries.push(boundaryMatrix(below, cells.length, offsets, Int32Array.from(indices)));
    below = cells.length;
  }
  return chainComplex(boundaries);
}
