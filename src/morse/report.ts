/**
 * The two reports the command line prints, as plain JSON-ready objects:
 * - criticalReport: the PL classification of every vertex (interior and boundary kept apart) and the
 *   Euler relation Σ (−1)^k (critical points of index k, with multiplicity) = χ(domain);
 * - morseReport: the discrete gradient, its checks (matching, acyclic, relatively perfect, agreement with
 *   the PL critical points), the Morse inequalities on the domain and on sublevel complexes.
 *
 * Boundary treatment (notes §1.4, §1.8): a boundary vertex is classified by the local homology of the
 * sublevel pair *in the domain*, which is the right count for the Euler relation on a box. The issue asks
 * for the interior only, so boundary vertices are reported separately and both counts enter the relation.
 */
import type { Complex } from '../complex/types.js';
import {
  countsByIndex, criticalPoints, flatComponents, morseContext, vertexPoint,
  type ClassifyOptions, type CriticalPoint, type FlatComponent, type MorseContext,
} from './classify.js';
import { checkAcyclic } from './acyclic.js';
import { criticalCells, discreteGradient, isMatching, PairingMethod, relativePerfectness, type GradientField } from './gradient.js';
import { alternatingSum, morseInequalities, type MorseInequalities } from './inequalities.js';
import { cellValue, levelsBetweenCriticalValues, sublevelBetti, sublevelChecks, type SublevelCheck } from './sublevel.js';
import { row } from './incidence.js';
import { morseComplex } from './morse-complex.js';

type PointJSON = Omit<CriticalPoint, 'vertex' | 'boundary'>;
type FlatJSON = Omit<FlatComponent, 'vertex' | 'boundary'>;

export interface CriticalReport {
  readonly inputDim: number;
  readonly output: number;
  readonly vertices: number;
  /** Interior critical points, by value; a monkey saddle is one entry with multiplicity 2. */
  readonly critical: PointJSON[];
  /** Σ multiplicities by index over interior vertices. */
  readonly countsByIndex: number[];
  /** Flat components with a vertex inside the domain. */
  readonly degenerate: FlatJSON[];
  /** Vertices on the domain's boundary, classified relative to the domain. */
  readonly boundary: { critical: PointJSON[]; countsByIndex: number[]; degenerate: FlatJSON[] };
  readonly regularVertices: number;
  /** True when no flat cell meets the interior and every interior critical point is non-degenerate (multiplicity 1, one index). */
  readonly plMorse: boolean;
  readonly euler: {
    interior: number;
    boundary: number;
    flat: number;
    total: number;
    eulerCharacteristic: number;
    holds: boolean;
  };
}

function pointJSON(p: CriticalPoint): PointJSON {
  const { vertex: _v, boundary: _b, ...rest } = p;
  return rest;
}

function flatJSON(f: FlatComponent): FlatJSON {
  const { vertex: _v, boundary: _b, ...rest } = f;
  return rest;
}

/** χ of the domain: 1 for a box or polytope (contractible). */
export const DOMAIN_EULER = 1;

export function criticalReport(ctx: MorseContext): CriticalReport {
  const dim = ctx.complex.dim;
  const pts = criticalPoints(ctx);
  const flats = flatComponents(ctx);
  const interior = pts.filter((p) => !p.boundary);
  const boundary = pts.filter((p) => p.boundary);
  const inside = flats.filter((f) => !f.boundary);
  const onBoundary = flats.filter((f) => f.boundary);
  const ci = countsByIndex(pts, dim, false);
  const cb = countsByIndex(pts, dim, true);
  let flatSum = 0;
  for (const f of flats) flatSum += alternatingSum(f.betti);
  const eInterior = alternatingSum(ci);
  const eBoundary = alternatingSum(cb);
  const total = eInterior + eBoundary + flatSum;
  const criticalVertices = new Set(pts.map((p) => p.vertex)).size;
  const flatVertices = flats.reduce((s, f) => s + f.vertexCount, 0);
  return {
    inputDim: dim,
    output: ctx.output,
    vertices: ctx.complex.vertexCount,
    critical: interior.map(pointJSON),
    countsByIndex: ci,
    degenerate: inside.map(flatJSON),
    boundary: { critical: boundary.map(pointJSON), countsByIndex: cb, degenerate: onBoundary.map(flatJSON) },
    regularVertices: ctx.complex.vertexCount - criticalVertices - flatVertices,
    plMorse: inside.length === 0 && interior.every((p) => p.multiplicity === 1) && new Set(interior.map((p) => p.vertex)).size === interior.length,
    euler: { interior: eInterior, boundary: eBoundary, flat: flatSum, total, eulerCharacteristic: DOMAIN_EULER, holds: total === DOMAIN_EULER },
  };
}

export interface CriticalCellJSON {
  readonly dim: number;
  readonly cell: number;
  /** F at the cell's highest vertex (the level where it enters the sublevel filtration). */
  readonly value: number;
  /** Centroid of the cell's vertices (input space). */
  readonly point: number[];
  /** The vertex whose lower star holds the cell, and whether it is on the boundary. */
  readonly vertexPoint: number[];
  readonly boundary: boolean;
}

export interface MorseReport {
  readonly inputDim: number;
  readonly output: number;
  readonly cellsByDim: number[];
  /** Critical cells per dimension. */
  readonly criticalCells: number[];
  /** The critical cells, by value (omitted above `listLimit`). */
  readonly cells?: CriticalCellJSON[];
  readonly matching: boolean;
  readonly acyclic: boolean;
  readonly pairing: { cubical: number; greedy: number };
  /** Critical cells in each lower star equal the local Betti numbers (FLV / Brooks–Masden). */
  readonly relativelyPerfect: boolean;
  /** Local Betti numbers summed over all lower stars and flat units (interior + boundary), per index. */
  readonly plCritical: number[];
  readonly agreement: { units: number; perfect: number; mismatches: { point: number[]; betti: number[]; critical: number[] }[] };
  readonly morseInequalities: MorseInequalities;
  readonly sublevel: SublevelCheck[];
  /**
   * The Morse complex (critical cells, connected by gradient paths mod 2): `connections` per dimension,
   * its `betti`, and whether they equal the complex's (`matches`). Absent when the field is not acyclic.
   */
  readonly morseComplex?: { connections: number[]; betti: number[]; matches: boolean };
}

export interface MorseReportOptions {
  /** Largest number of critical cells listed individually (default 1000). */
  listLimit?: number;
  /** How many sublevel levels to check (default 8). */
  levels?: number;
}

function centroid(ctx: MorseContext, d: number, i: number): number[] {
  const n = ctx.complex.dim;
  const vs = row(ctx.incidence.cellVertices[d], i);
  const p = new Array<number>(n).fill(0);
  for (const v of vs) for (let j = 0; j < n; j++) p[j] += ctx.complex.vertices[v * n + j] / vs.length;
  if (!ctx.complex.plane) return p;
  const { origin, basis, ambientDim } = ctx.complex.plane;
  return Array.from({ length: ambientDim }, (_, a) => origin[a] + p.reduce((s, t, j) => s + basis[a * n + j] * t, 0));
}

export function morseReport(ctx: MorseContext, g: GradientField = discreteGradient(ctx), options: MorseReportOptions = {}): MorseReport {
  const dim = ctx.complex.dim;
  const crit = criticalCells(g);
  const counts = crit.map((c) => c.length);
  const listLimit = options.listLimit ?? 1000;
  const total = counts.reduce((s, c) => s + c, 0);
  let cells: CriticalCellJSON[] | undefined;
  if (total <= listLimit) {
    cells = [];
    for (let d = 0; d <= dim; d++) {
      for (const i of crit[d]) {
        const v = ctx.lowerStars.owner[d][i];
        cells.push({ dim: d, cell: i, value: cellValue(ctx, d, i), point: centroid(ctx, d, i), vertexPoint: vertexPoint(ctx.complex, v).point, boundary: ctx.incidence.boundaryVertex[v] === 1 });
      }
    }
    cells.sort((a, b) => a.value - b.value || a.dim - b.dim);
  }
  const perf = relativePerfectness(ctx, g);
  // Σ over units of β: PL critical points with multiplicity plus flat components counted as units.
  const plCritical = new Array<number>(dim + 1).fill(0);
  for (let k = 0; k < ctx.unitBetti.length; k++) plCritical[k % (dim + 1)] += ctx.unitBetti[k];
  let cubical = 0;
  for (const m of g.method) if (m === PairingMethod.Cubical) cubical++;
  const betti = sublevelBetti(ctx, Infinity);
  const acyclic = checkAcyclic(ctx.complex, g).acyclic;
  let mc: MorseReport['morseComplex'];
  if (acyclic) {
    const m = morseComplex(ctx.complex, g);
    const mb = Array.from({ length: dim + 1 }, (_, d) => m.betti[d] ?? 0);
    mc = { connections: m.connections, betti: mb, matches: mb.every((b, d) => b === betti[d]) };
  }
  return {
    inputDim: dim,
    output: ctx.output,
    cellsByDim: ctx.incidence.counts.slice(),
    criticalCells: counts,
    cells,
    matching: isMatching(ctx, g),
    acyclic,
    pairing: { cubical, greedy: g.method.length - cubical },
    relativelyPerfect: perf.mismatches.length === 0,
    plCritical,
    agreement: {
      units: perf.units,
      perfect: perf.perfectUnits,
      mismatches: perf.mismatches.map((m) => ({ point: vertexPoint(ctx.complex, m.vertex).point, betti: m.betti, critical: m.critical })),
    },
    morseInequalities: morseInequalities(counts, betti),
    sublevel: sublevelChecks(ctx, g, levelsBetweenCriticalValues(ctx, g, options.levels ?? 8)),
    morseComplex: mc,
  };
}

/** Classification and gradient in one call, for library users. */
export function analyzeMorse(complex: Complex, options: ClassifyOptions & MorseReportOptions = {}): { critical: CriticalReport; morse: MorseReport } {
  const ctx = morseContext(complex, options);
  return { critical: criticalReport(ctx), morse: morseReport(ctx, discreteGradient(ctx), options) };
}
