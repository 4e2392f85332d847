/**
 * Everything `tessera tropical` reports about one network, as a plain JSON-able object: the tropical
 * rational map (monomials, Newton polytope vertices, sizes layer by layer), the zonotopes of a single
 * hidden layer, region bounds, and the four region counts on a box (three from the canonical complex,
 * tropical cells from the polynomials). Shared by the CLI and the zhang-lim experiment.
 */
import { boxDomain, buildComplex } from '../complex/index.js';
import type { Arithmetic } from '../numeric/arithmetic.js';
import type { Network } from '../net/network.js';
import { architecture } from '../net/network.js';
import { bigToJSON, regionBounds } from './bounds.js';
import { tropicalCells } from './cells.js';
import { newtonPolytopeVertices } from './prune.js';
import { exponentOf, monomialsToJSON, scalarToJSON, type TropicalPolynomial } from './polynomial.js';
import { complexRegionCounts } from './region-counts.js';
import { tropicalize, type TropicalOptions, type TropicalRationalMap } from './tropicalize.js';
import { shallowZonotopes } from './zonotope.js';

export interface TropicalReportOptions extends TropicalOptions {
  /** Box [lo, hi]ⁿ for the region counts (default [−1, 1]ⁿ). */
  readonly lo?: number;
  readonly hi?: number;
  /** Compute the four region counts (default true). */
  readonly counts?: boolean;
  /** Include every monomial in the result (default true). */
  readonly monomials?: boolean;
  readonly maxLPs?: number;
  readonly maxCells?: number;
}

export type JSONScalar = number | string;

export interface PolynomialSummary {
  readonly count: number;
  /** Exponent vectors of the vertices of the Newton polytope Δ = conv{α_i}. */
  readonly newtonVertices: JSONScalar[][];
  /** Every monomial (the vertices of the upper hull of the lifted polytope). */
  readonly monomials?: { exponent: JSONScalar[]; coefficient: JSONScalar }[];
}

export interface TropicalReport {
  readonly mode: 'exact' | 'float';
  readonly architecture: number[];
  readonly outputs: { numerator: PolynomialSummary; denominator: PolynomialSummary }[];
  readonly layers: TropicalRationalMap<unknown>['layers'];
  readonly bounds: Record<string, JSONScalar | null | number[]>;
  readonly counts: {
    domain: { lo: number; hi: number };
    activationRegions: number;
    linearRegions: number;
    distinctAffineMaps: number;
    tropicalCells: number;
    tropicalLinearRegions: number;
    tropicalDistinctAffineMaps: number;
  } | null;
  readonly zonotopes: unknown;
  readonly seconds: number;
}

function summarize<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>, withMonomials: boolean): PolynomialSummary {
  const verts = Array.from(newtonPolytopeVertices(ar, p), (i) => exponentOf(p, i).map((v) => scalarToJSON(ar, v)));
  return { count: p.count, newtonVertices: verts, ...(withMonomials ? { monomials: monomialsToJSON(ar, p) } : {}) };
}

export function tropicalReport(net: Network, options: TropicalReportOptions = {}): { map: TropicalRationalMap<unknown>; report: TropicalReport } {
  const started = performance.now();
  const map = tropicalize(net, options) as TropicalRationalMap<unknown>;
  const ar = map.arithmetic;
  const withMonomials = options.monomials ?? true;
  const outputs = map.numerators.map((f, o) => ({ numerator: summarize(ar, f, withMonomials), denominator: summarize(ar, map.denominators[o], withMonomials) }));
  const widths = net.layers.slice(0, -1).map((l) => l.outDim);
  const b = regionBounds(net.inputDim, widths);
  const bounds = {
    hiddenWidths: widths,
    zhang: bigToJSON(b.zhang),
    serra: bigToJSON(b.serra),
    montufar: bigToJSON(b.montufar),
    montufarLower: bigToJSON(b.montufarLower),
    serraLower: bigToJSON(b.serraLower),
    shallow: bigToJSON(b.shallow),
    trivial: bigToJSON(b.trivial),
  };
  let counts: TropicalReport['counts'] = null;
  if (options.counts ?? true) {
    const lo = options.lo ?? -1;
    const hi = options.hi ?? 1;
    const complex = buildComplex(net, boxDomain(net.inputDim, lo, hi), { maxCells: options.maxCells, tolerance: options.tolerance });
    const c = complexRegionCounts(complex, options.tolerance);
    const cells = tropicalCells(map, { lo: Array(net.inputDim).fill(lo), hi: Array(net.inputDim).fill(hi), maxLPs: options.maxLPs, tolerance: options.tolerance });
    counts = {
      domain: { lo, hi },
      activationRegions: c.activationRegions,
      linearRegions: c.linearRegions,
      distinctAffineMaps: c.distinctAffineMaps,
      tropicalCells: cells.cells.length,
      tropicalLinearRegions: cells.linearRegions,
      tropicalDistinctAffineMaps: cells.distinctMaps,
    };
  }
  let zonotopes: unknown = null;
  if (net.layers.length === 2 && net.outputDim <= 2) {
    const z = shallowZonotopes(ar, net, map);
    const zjson = (zz: typeof z.first) => ({
      generators: zz.generators.map((g) => g.map((v) => scalarToJSON(ar, v))),
      vertexCount: zz.vertices.length,
      upperVertexCount: zz.upperVertexCount,
      vertexBound: bigToJSON(zz.vertexBound),
    });
    zonotopes = {
      kind: z.kind,
      first: zjson(z.first),
      second: zjson(z.second),
      decisionBoundary: {
        polynomial: z.kind === 'single-output' ? 'f ⊕ g' : 'F1⊙G2 ⊕ F2⊙G1',
        monomials: z.boundaryPolynomial.count,
        fromFirst: z.boundaryMonomialsFromFirst,
        fromSecond: z.boundaryMonomialsFromSecond,
      },
    };
  }
  const report: TropicalReport = {
    mode: ar.exact ? 'exact' : 'float',
    architecture: architecture(net),
    outputs,
    layers: map.layers,
    bounds,
    counts,
    zonotopes,
    seconds: Number(((performance.now() - started) / 1000).toFixed(4)),
  };
  return { map, report };
}
