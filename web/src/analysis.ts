/**
 * The layers the page can switch on, each computed by the library on the current complex:
 * PL critical points (src/morse, Brooks & Masden §4), sublevel-set Betti numbers and persistence
 * (src/topology's lower-star barcode, cross-checked by src/morse's sublevel complexes), Newton
 * polygons (src/tropical, Zhang, Naitzat & Lim §5) and per-region ranks (src/rank, Beshkov & Einevoll §2).
 */
import type { Complex } from '../../src/complex/types.js';
import { criticalPoints, flatComponents, morseContext, type MorseContext } from '../../src/morse/classify.js';
import { criticalReport } from '../../src/morse/report.js';
import { sublevelBetti } from '../../src/morse/sublevel.js';
import type { Network } from '../../src/net/network.js';
import { cellRanks } from '../../src/rank/cells.js';
import { bettiAt, type Barcode } from '../../src/topology/barcode.js';
import { chainComplexOfComplex } from '../../src/topology/chain-complex.js';
import { lowerStarBarcode } from '../../src/topology/filtration.js';
import { convexHullPolygon } from '../../src/tropical/hull.js';
import type { TropicalPolynomial } from '../../src/tropical/polynomial.js';
import { tropicalize } from '../../src/tropical/tropicalize.js';
import type { Arithmetic } from '../../src/numeric/arithmetic.js';

/** Morse data is reused between requests for the same complex and output. */
export interface AnalysisCache {
  complex: Complex | null;
  output: number;
  morse: MorseContext | null;
  barcode: Barcode | null;
}

export function emptyCache(): AnalysisCache {
  return { complex: null, output: -1, morse: null, barcode: null };
}

function refresh(cache: AnalysisCache, complex: Complex, output: number): void {
  if (cache.complex === complex && cache.output === output) return;
  cache.complex = complex;
  cache.output = output;
  cache.morse = null;
  cache.barcode = null;
}

function morseOf(cache: AnalysisCache, complex: Complex, output: number): MorseContext {
  refresh(cache, complex, output);
  cache.morse ??= morseContext(complex, { output });
  return cache.morse;
}

export interface CriticalResult {
  /** Per critical point: x, y (drawn plane), value, index, multiplicity, boundary (0/1). */
  points: { x: number; y: number; value: number; index: number; multiplicity: number; boundary: boolean }[];
  countsByIndex: number[];
  boundaryCountsByIndex: number[];
  degenerate: number;
  plMorse: boolean;
  euler: { total: number; holds: boolean };
}

export function criticalOf(cache: AnalysisCache, complex: Complex, output: number): CriticalResult {
  const ctx = morseOf(cache, complex, output);
  const report = criticalReport(ctx);
  const points = criticalPoints(ctx).map((p) => ({
    x: complex.vertices[2 * p.vertex],
    y: complex.vertices[2 * p.vertex + 1],
    value: p.value,
    index: p.index,
    multiplicity: p.multiplicity,
    boundary: p.boundary,
  }));
  return {
    points,
    countsByIndex: report.countsByIndex,
    boundaryCountsByIndex: report.boundary.countsByIndex,
    degenerate: flatComponents(ctx).length,
    plMorse: report.plMorse,
    euler: { total: report.euler.total, holds: report.euler.holds },
  };
}

export interface TopologyResult {
  /** Per degree k: flat [birth, death, …] (death = Infinity for essential classes). */
  bars: Float64Array[];
  /** Betti numbers of {F ≤ level} from the sublevel complex (src/morse) and from the barcode (src/topology). */
  bettiAtLevel: number[];
  bettiFromBarcode: number[];
  /** Step curve: levels and β_k just after each level. */
  levels: Float64Array;
  curve: Int32Array[];
  range: [number, number];
}

export function topologyOf(cache: AnalysisCache, complex: Complex, output: number, level: number): TopologyResult {
  const ctx = morseOf(cache, complex, output);
  if (!cache.barcode) {
    const m = complex.outputDim;
    const values = new Float64Array(complex.vertexCount);
    for (let v = 0; v < values.length; v++) values[v] = complex.vertexValues[v * m + output];
    cache.barcode = lowerStarBarcode(chainComplexOfComplex(complex), values);
  }
  const barcode = cache.barcode;
  const breaks = new Set<number>();
  for (const bars of barcode) for (const b of bars) {
    breaks.add(b.birth);
    if (Number.isFinite(b.death)) breaks.add(b.death);
  }
  const levels = Float64Array.from([...breaks].sort((a, b) => a - b));
  const curve = barcode.map((_, k) => Int32Array.from(levels, (t) => bettiAt(barcode, t)[k]));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ctx.field.values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return {
    bars: barcode.map((bars) => Float64Array.from(bars.flatMap((b) => [b.birth, b.death]))),
    bettiAtLevel: sublevelBetti(ctx, level),
    bettiFromBarcode: bettiAt(barcode, level),
    levels,
    curve,
    range: [lo, hi],
  };
}

export interface NewtonPolygon {
  /** All monomial exponents (flat x, y) and the hull's vertices in order (flat x, y). */
  points: Float64Array;
  hull: Float64Array;
  count: number;
}

export interface TropicalResult {
  numerator: NewtonPolygon;
  denominator: NewtonPolygon;
  exact: boolean;
}

function polygonOf<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>): NewtonPolygon {
  const points = Float64Array.from({ length: 2 * p.count }, (_, i) => ar.toNumber(p.exponents[i]));
  const order = p.count >= 3 ? convexHullPolygon(ar, p.exponents, p.count) : Array.from({ length: p.count }, (_, i) => i);
  const hull = Float64Array.from(order.flatMap((i) => [points[2 * i], points[2 * i + 1]]));
  return { points, hull, count: p.count };
}

/** Newton polygons of F_output = f − g, the tropical rational map of the 2-D network `net`. */
export function tropicalOf(net: Network, output: number): TropicalResult {
  // Prune after every product once an expansion passes 1000 monomials: the page never reports the
  // unpruned sizes, and the library's default (expand up to 20 000) took 88 s on a 2-6-4-1 network.
  const map = tropicalize(net, { expandLimit: 1000 });
  const ar = map.arithmetic as Arithmetic<unknown>;
  return {
    numerator: polygonOf(ar, map.numerators[output] as TropicalPolynomial<unknown>),
    denominator: polygonOf(ar, map.denominators[output] as TropicalPolynomial<unknown>),
    exact: ar.exact,
  };
}

export interface RankResult {
  /** Representation layers 1 … L (the last is the output). */
  layers: number;
  /** regions × layers. */
  ranks: Int32Array;
  volumes: Float64Array;
  /** Generic (full) rank per layer: min(input dim, width of every layer up to it). */
  fullRank: Int32Array;
}

export function ranksOf(net: Network, complex: Complex): RankResult {
  const r = cellRanks(net, complex);
  const fullRank = new Int32Array(r.layers);
  let bound = net.inputDim;
  for (let l = 0; l < r.layers; l++) {
    bound = Math.min(bound, net.layers[l].outDim);
    fullRank[l] = bound;
  }
  return { layers: r.layers, ranks: r.ranks, volumes: r.volumes, fullRank };
}
