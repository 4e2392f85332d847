/**
 * PL Morse classification of the vertices of a canonical complex (Brooks & Masden §4; notes §1.4).
 *
 * For a vertex v with no flat edge, the local sublevel pair (F_{≤F(v)}, F_{<F(v)}) near v has homology
 * H_k = H̃_{k−1}(lower link of v); it is computed as the homology of v's lower star with the boundary
 * restricted to the lower star (lowerstar.ts). Its Betti numbers β_k(v) are the multiplicities:
 * β = 0 regular, β = e_0 a minimum, β = e_k a non-degenerate critical point of index k, anything else a
 * degenerate critical point counted with multiplicity (a monkey saddle has β_1 = 2). This holds at
 * transversal and non-transversal vertices, in any dimension, and at boundary vertices of the domain
 * (where it is the local homology of the sublevel pair *in the domain*).
 *
 * A vertex on a flat edge is degenerate (GLM §3: F is then not PL Morse); its flat component is
 * classified as a whole, as one unit.
 */
import type { Complex } from '../complex/types.js';
import { planePoint } from '../net/slice.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { scalarField, type ScalarField } from './field.js';
import { buildIncidence, row, type Incidence } from './incidence.js';
import { lowerStars, unitChainComplex, type LowerStars } from './lowerstar.js';
import { bettiZ2 } from '../topology/betti.js';

export interface ClassifyOptions {
  /** Which network output is F (default 0). */
  output?: number;
  tolerance?: Tolerance;
}

/** Everything the classification computed, reused by the discrete gradient and the reports. */
export interface MorseContext {
  readonly complex: Complex;
  readonly output: number;
  readonly incidence: Incidence;
  readonly field: ScalarField;
  readonly lowerStars: LowerStars;
  /** unitCount × (dim+1): β_k of each unit's local sublevel pair. */
  readonly unitBetti: Int32Array;
}

export type VertexStatus = 'regular' | 'critical' | 'degenerate';

export interface CriticalPoint {
  readonly vertex: number;
  /** Coordinates in input space (for a slice, the plane's point). */
  readonly point: number[];
  /** For a slice: the coordinates in the slice's parameter space. */
  readonly slicePoint?: number[];
  readonly value: number;
  readonly index: number;
  /** rank H̃_{index−1}(lower link): 1 for a non-degenerate point, 2 for a monkey saddle, … */
  readonly multiplicity: number;
  readonly boundary: boolean;
}

export interface FlatComponent {
  /** Representative vertex (lowest index in the component). */
  readonly vertex: number;
  readonly point: number[];
  readonly value: number;
  /** Dimension of the largest flat cell in the component. */
  readonly dim: number;
  readonly vertexCount: number;
  /** Flat cells of each dimension 1..n in the component. */
  readonly flatCellsByDim: number[];
  /** β_k of the component's local sublevel pair (notes §1.8): its multiplicity vector as one unit. */
  readonly betti: number[];
  /** True when every vertex of the component lies on the domain's boundary. */
  readonly boundary: boolean;
}

export function morseContext(complex: Complex, options: ClassifyOptions = {}): MorseContext {
  const output = options.output ?? 0;
  const incidence = buildIncidence(complex);
  const field = scalarField(complex, incidence, output, options.tolerance ?? DEFAULT_TOLERANCE);
  const ls = lowerStars(incidence, field);
  const D = complex.dim + 1;
  const unitBetti = new Int32Array(ls.unitCount * D);
  for (let u = 0; u < ls.unitCount; u++) {
    // A unit that is a single vertex with nothing below it is a minimum: skip the algebra.
    let size = 0;
    for (let d = 0; d < D; d++) size += ls.unitCells[d].offsets[u + 1] - ls.unitCells[d].offsets[u];
    if (size === 1) {
      unitBetti[u * D] = 1;
      continue;
    }
    const b = bettiZ2(unitChainComplex(complex, ls, u));
    for (let d = 0; d < D; d++) unitBetti[u * D + d] = b[d];
  }
  return { complex, output, incidence, field, lowerStars: ls, unitBetti };
}

/** β(v) for a vertex on no flat edge; undefined for a degenerate vertex. */
export function vertexBetti(ctx: MorseContext, v: number): number[] | undefined {
  if (ctx.field.flatComponent[v] >= 0) return undefined;
  const D = ctx.complex.dim + 1;
  const u = ctx.lowerStars.unitOfVertex[v];
  return Array.from(ctx.unitBetti.subarray(u * D, (u + 1) * D));
}

export function vertexStatus(ctx: MorseContext, v: number): VertexStatus {
  const b = vertexBetti(ctx, v);
  if (!b) return 'degenerate';
  return b.some((x) => x !== 0) ? 'critical' : 'regular';
}

/** The input-space point of vertex v (through the slice's plane when there is one), and its slice coordinates. */
export function vertexPoint(complex: Complex, v: number): { point: number[]; slicePoint?: number[] } {
  const n = complex.dim;
  const local = Array.from(complex.vertices.subarray(v * n, (v + 1) * n));
  if (!complex.plane) return { point: local };
  return { point: Array.from(planePoint(complex.plane, local)), slicePoint: local };
}

/** One entry per (vertex, index) with β_index(v) > 0, sorted by value. Flat vertices are not included. */
export function criticalPoints(ctx: MorseContext): CriticalPoint[] {
  const { complex, field, lowerStars: ls, unitBetti, incidence } = ctx;
  const D = complex.dim + 1;
  const out: CriticalPoint[] = [];
  for (let u = 0; u < ls.unitCount; u++) {
    if (ls.unitFlat[u]) continue;
    const v = ls.unitVertex[u];
    for (let k = 0; k < D; k++) {
      const mult = unitBetti[u * D + k];
      if (mult === 0) continue;
      out.push({ vertex: v, ...vertexPoint(complex, v), value: field.values[v], index: k, multiplicity: mult, boundary: incidence.boundaryVertex[v] === 1 });
    }
  }
  out.sort((a, b) => a.value - b.value || a.vertex - b.vertex || a.index - b.index);
  return out;
}

/** The flat components (degenerate units), sorted by value. */
export function flatComponents(ctx: MorseContext): FlatComponent[] {
  const { complex, field, lowerStars: ls, unitBetti, incidence } = ctx;
  const D = complex.dim + 1;
  const comps = field.flatComponentCount;
  const vertexCount = new Int32Array(comps);
  const interiorCount = new Int32Array(comps);
  for (let v = 0; v < incidence.vertexCount; v++) {
    const c = field.flatComponent[v];
    if (c < 0) continue;
    vertexCount[c]++;
    if (!incidence.boundaryVertex[v]) interiorCount[c]++;
  }
  const byDim: Int32Array[] = Array.from({ length: comps }, () => new Int32Array(D));
  for (let d = 1; d < D; d++) {
    const cv = incidence.cellVertices[d];
    for (let i = 0; i < incidence.counts[d]; i++) {
      if (!field.flat[d][i]) continue;
      byDim[field.flatComponent[cv.indices[cv.offsets[i]]]][d]++;
    }
  }
  const out: FlatComponent[] = [];
  for (let c = 0; c < comps; c++) {
    const v = ls.unitVertex[c];
    let dim = 0;
    for (let d = 1; d < D; d++) if (byDim[c][d] > 0) dim = d;
    out.push({
      vertex: v,
      point: vertexPoint(complex, v).point,
      value: field.values[v],
      dim,
      vertexCount: vertexCount[c],
      flatCellsByDim: Array.from(byDim[c].subarray(1)),
      betti: Array.from(unitBetti.subarray(c * D, (c + 1) * D)),
      boundary: interiorCount[c] === 0,
    });
  }
  out.sort((a, b) => a.value - b.value || a.vertex - b.vertex);
  return out;
}

/** Dimension of the largest flat cell containing v (0 when v is on no flat edge). */
export function flatDimAt(ctx: MorseContext, v: number): number {
  let dim = 0;
  for (let d = 1; d <= ctx.complex.dim; d++) {
    const cells = row(ctx.incidence.vertexStar[d], v);
    for (let k = 0; k < cells.length; k++) if (ctx.field.flat[d][cells[k]]) dim = d;
  }
  return dim;
}

/** Σ_v β_k(v) over interior (or boundary) non-flat vertices: the counts by index. */
export function countsByIndex(points: readonly CriticalPoint[], dim: number, boundary: boolean): number[] {
  const c = new Array<number>(dim + 1).fill(0);
  for (const p of points) if (p.boundary === boundary) c[p.index] += p.multiplicity;
  return c;
}
