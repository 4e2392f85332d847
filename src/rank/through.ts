/**
 * A data set through the network, layer by layer (Beshkov & Einevoll §3–4): the persistent homology
 * of the representation Φ_l(M) at every layer, a verdict — topology preserved or changed relative to
 * the input — and, where it changed, the low-rank regions holding the points whose neighbourhoods
 * the network collapses.
 *
 * Choices (all overridable):
 * - Rips persistence (topology/rips) up to degree `maxDim` (default 2: H₀, H₁, H₂), on at most
 *   `maxPoints` points chosen by farthest-point sampling in the *input* (the same points at every layer).
 * - A bar counts as a feature when it outlives the layer's *resolution*: `minPersistence` × the
 *   cloud's enclosing radius (the Rips value beyond which nothing changes), or the sampling scale
 *   carried through the layer map if larger. The sampling scale of the input is 2.5 × the subsample's
 *   cover radius (neighbouring sample points can be that far apart); at layer l it is the longest image
 *   Φ_l(u)Φ_l(v) of sample pairs that close in the input. A map that stretches the data stretches its
 *   sampling gaps by the same factor, so gaps never pose as new components or loops. Rips runs to
 *   the enclosing radius unless `threshold` (relative to it) cuts it shorter; a bar alive at the cut
 *   lives until it.
 * - Collapse is measured on the data's own span: a point's neighbourhood in M collapses at layer l
 *   when the layer map restricted to span(M − c) has rank below that span's dimension (span.ts).
 * - The paper's prediction for each layer: the homology of M/A, every collapse class crushed to a point
 *   (quotient.ts), at the input's resolution — reported next to the layer's own.
 * - Work is capped: C(sample, maxDim + 2) simplices a layer at most (`maxSimplices`, default 1e8), else
 *   a budget error says what to lower.
 */
import { DEFAULT_TOLERANCE, type Tolerance } from '../numeric/tolerance.js';
import { TesseraError } from '../numeric/errors.js';
import { squaredDistance } from '../numeric/linalg.js';
import type { Network } from '../net/network.js';
import { hiddenWidths, signString } from '../net/signs.js';
import { distanceMatrix, ripsFromDistances, ripsPersistence } from '../topology/rips/persistence.js';
import { quotientDistances } from './quotient.js';
import type { Barcode } from '../topology/barcode.js';
import { representations } from './represent.js';
import { ranksAtPoints, type PointRanks } from './points.js';
import { dataSpan } from './span.js';
import { layerLabel } from './layers.js';
import { farthestPointSample } from './subsample.js';

/** Neighbouring points of a farthest-point subsample with cover radius ε are up to ~2ε apart; 2.5ε leaves room for gaps in the data. */
const SAMPLING_FACTOR = 2.5;

/** Default work cap: C(200, 4) ≈ 6.5e7 fits (H₂ of 200 points), C(400, 4) ≈ 1e9 does not. */
const DEFAULT_WORK_CAP = 1e8;

/** C(n, k) as a float (exact while below 2⁵³). */
function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}

export interface ThroughOptions {
  readonly maxDim?: number;
  readonly maxPoints?: number;
  /** Relative persistence a bar needs to count (× the layer cloud’s enclosing radius). Default 0.15. */
  readonly minPersistence?: number;
  /** Rips cut-off relative to the layer's enclosing radius (default 1: the full barcode). */
  readonly threshold?: number;
  /** Low-rank regions listed per changed layer (default 10). */
  readonly limit?: number;
  /**
   * Work cap: refuse when C(sample, maxDim + 2) — the simplices one layer's Rips reduction may visit —
   * exceeds this (default 1e8, some seconds a layer). Also passed to the Rips engine as its column cap.
   */
  readonly maxSimplices?: number;
  readonly tol?: Tolerance;
}

export interface CollapseRegion {
  readonly signSequence: string;
  /** Rank of the layer map restricted to the data's span. */
  readonly rank: number;
  /** Data points in the region. */
  readonly points: number;
  /** True when the rank dropped at this layer (the region was full-rank on the data one layer before). */
  readonly newAtLayer: boolean;
  /** Index of one data point in the region. */
  readonly example: number;
}

export interface LayerTopology {
  /** 0 for the input, then 1 … H (after ReLU) and the output (see layers.ts). */
  readonly layer: number;
  readonly label: string;
  readonly width: number;
  /** Enclosing radius of the (subsampled) cloud. */
  readonly scale: number;
  /** Bars longer than this count (the input's resolution carried through the layer map). */
  readonly resolution: number;
  /** Persistent Betti numbers: bars longer than the resolution, per degree. */
  readonly betti: number[];
  /**
   * The paper's prediction for them: persistent Betti numbers of the input M/A, each collapse class
   * (points of one low-rank region) crushed to a point (quotient.ts), at the input's resolution.
   */
  readonly quotientBetti: number[];
  readonly barcode: Barcode;
  readonly verdict: 'input' | 'preserved' | 'changed';
  /** Share of the data points whose neighbourhood (in the data's span) collapses at this layer. */
  readonly collapsedShare: number;
  /** Where: the low-rank regions holding collapsed points, most points first (only for "changed"). */
  readonly collapseRegions: CollapseRegion[];
  /** Number of such regions in all. */
  readonly collapseRegionCount: number;
}

export interface ThroughResult {
  readonly points: number;
  /** Points used for homology after subsampling. */
  readonly homologyPoints: number;
  readonly dataDim: number;
  /** Dimension of the data's affine span (the full rank a layer can have on the data). */
  readonly spanDim: number;
  readonly maxDim: number;
  readonly minPersistence: number;
  readonly layers: LayerTopology[];
}

/** Push `count` points (count × n) through `net` and compare the homology at every layer with the input's. */
export function homologyThrough(net: Network, points: Float64Array, count: number, options: ThroughOptions = {}): ThroughResult {
  const n = net.inputDim;
  const maxDim = options.maxDim ?? 2;
  const maxPoints = options.maxPoints ?? 200;
  const minPersistence = options.minPersistence ?? 0.15;
  const relThreshold = options.threshold ?? 1;
  const limit = options.limit ?? 10;
  const tol = options.tol ?? DEFAULT_TOLERANCE;
  if (!Number.isInteger(maxDim) || maxDim < 0 || maxDim > 3) throw new TesseraError('input', `--max-dim: expected 0, 1, 2 or 3, got ${maxDim}`);
  if (!(minPersistence >= 0 && minPersistence < 1)) throw new TesseraError('input', `--min-persistence: expected a number in [0, 1), got ${minPersistence}`);
  if (!(relThreshold > 0)) throw new TesseraError('input', `--threshold: expected a positive number, got ${relThreshold}`);
  if (count < 2) throw new TesseraError('input', `homology needs at least 2 data points, got ${count}`);

  const k = Math.min(maxPoints, count);
  const cap = options.maxSimplices ?? DEFAULT_WORK_CAP;
  const work = binomial(k, maxDim + 2);
  if (work > cap) {
    throw new TesseraError(
      'budget',
      `homology up to H${maxDim} of ${k} points visits about ${work.toExponential(1)} simplices at each of the ${net.layers.length + 1} layers (cap ${cap.toExponential(1)}); lower --sample or --max-dim, or raise --max-simplices`,
    );
  }
  const sample = farthestPointSample(points, count, n, k);
  const reps = representations(net, points, count);
  const span = dataSpan(points, count, n, tol);
  const pr = ranksAtPoints(net, points, count, { basis: span.dim > 0 ? span.basis : undefined, basisCols: span.dim, tol });
  const L = net.layers.length;
  const widths = hiddenWidths(net);
  const census = regionCensus(pr);

  const layers: LayerTopology[] = [];
  let inputBetti: number[] = [];
  let closePairs: Int32Array = new Int32Array(0);
  let inputDistances: Float64Array = new Float64Array(0);
  let inputResolution = 0;
  let inputCut = 0;
  for (let l = 0; l <= L; l++) {
    const width = l === 0 ? n : net.layers[l - 1].outDim;
    const cloud = gather(l === 0 ? points : reps[l - 1], width, sample.indices);
    const { barcode, scale } = persistence(cloud, width, maxDim, relThreshold, options.maxSimplices);
    let resolution = minPersistence * scale;
    if (l === 0) {
      // The sampling scale: neighbouring subsample points can be ~2ε apart (more where the data itself
      // has gaps); its image bounds the gaps at every later layer.
      const sampling = SAMPLING_FACTOR * sample.coverRadius;
      closePairs = pairsWithin(cloud, width, sampling);
      resolution = Math.max(resolution, sampling);
    } else resolution = Math.max(resolution, longestPair(cloud, width, closePairs));
    const betti = persistentBetti(barcode, resolution, relThreshold * scale);
    if (l === 0) inputBetti = betti;
    const verdict = l === 0 ? 'input' : sameBetti(betti, inputBetti) ? 'preserved' : 'changed';
    if (l === 0) {
      inputDistances = distanceMatrix(cloud, width);
      inputResolution = resolution;
      inputCut = relThreshold * scale;
    }
    const quotientBetti = l === 0 ? betti : quotientHomology(inputDistances, sample.indices, pr, L, l, span.dim, maxDim, inputResolution, inputCut, inputBetti, options.maxSimplices);
    const { regions, collapsed } = l > 0 ? collapseAt(pr, census, l, span.dim, widths) : { regions: [], collapsed: 0 };
    layers.push({
      layer: l,
      label: l === 0 ? 'input' : layerLabel(net, l),
      width,
      scale,
      resolution,
      betti,
      quotientBetti,
      barcode,
      verdict,
      collapsedShare: l === 0 ? 0 : collapsed / count,
      collapseRegions: verdict === 'changed' ? regions.slice(0, limit) : [],
      collapseRegionCount: regions.length,
    });
  }
  return { points: count, homologyPoints: sample.indices.length, dataDim: n, spanDim: span.dim, maxDim, minPersistence, layers };
}

/** Points per region met by the data, and one example point of each. */
function regionCensus(pr: PointRanks): { pointsIn: Int32Array; example: Int32Array } {
  const pointsIn = new Int32Array(pr.patterns.length);
  const example = new Int32Array(pr.patterns.length).fill(-1);
  for (let p = 0; p < pr.count; p++) {
    const id = pr.patternOf[p];
    pointsIn[id]++;
    if (example[id] < 0) example[id] = p;
  }
  return { pointsIn, example };
}

/**
 * Collapse at layer l: the regions whose layer map, restricted to the data's span, has rank below the
 * span's dimension (none when the span is a point), most points first, and how many points they hold.
 */
function collapseAt(pr: PointRanks, census: { pointsIn: Int32Array; example: Int32Array }, l: number, spanDim: number, widths: number[]): { regions: CollapseRegion[]; collapsed: number } {
  const L = pr.layers;
  const regions: CollapseRegion[] = [];
  let collapsed = 0;
  for (let id = 0; id < pr.patterns.length && spanDim > 0; id++) {
    const rank = pr.patternRanks[id * L + l - 1];
    if (rank >= spanDim) continue;
    collapsed += census.pointsIn[id];
    const before = l === 1 ? spanDim : pr.patternRanks[id * L + l - 2];
    regions.push({ signSequence: signString(pr.patterns[id], widths), rank, points: census.pointsIn[id], newAtLayer: before >= spanDim, example: census.example[id] });
  }
  regions.sort((a, b) => b.points - a.points || a.rank - b.rank);
  return { regions, collapsed };
}

function gather(data: Float64Array, width: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * width);
  for (let k = 0; k < idx.length; k++) out.set(data.subarray(idx[k] * width, (idx[k] + 1) * width), k * width);
  return out;
}

/**
 * Persistent Betti numbers of M/A at layer l on the subsample: A_j = sample points in low-rank region j
 * (rank of Φ_l on the data's span < its dimension). No collapsed point: M/A = M.
 */
function quotientHomology(
  dist: Float64Array,
  sample: Int32Array,
  pr: PointRanks,
  L: number,
  l: number,
  spanDim: number,
  maxDim: number,
  resolution: number,
  cut: number,
  inputBetti: number[],
  maxSimplices: number | undefined,
): number[] {
  const k = sample.length;
  const classOf = new Int32Array(k).fill(-1);
  let any = false;
  for (let i = 0; i < k; i++) {
    const id = pr.patternOf[sample[i]];
    if (pr.patternRanks[id * L + l - 1] < spanDim) {
      classOf[i] = id;
      any = true;
    }
  }
  if (!any) return inputBetti;
  const q = quotientDistances(dist, k, classOf);
  const barcode = ripsFromDistances(q.dist, q.nodes, { maxDim, threshold: cut, maxSimplices }).barcode;
  return persistentBetti(barcode, resolution, cut);
}

/** Pairs (i, j), i < j, of cloud points at most `r` apart, flat. */
function pairsWithin(cloud: Float64Array, width: number, r: number): Int32Array {
  const k = cloud.length / width;
  const out: number[] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) if (distance(cloud, width, i, j) <= r) out.push(i, j);
  return Int32Array.from(out);
}

/** Longest distance between the listed pairs. */
function longestPair(cloud: Float64Array, width: number, pairs: Int32Array): number {
  let m = 0;
  for (let p = 0; p < pairs.length; p += 2) m = Math.max(m, distance(cloud, width, pairs[p], pairs[p + 1]));
  return m;
}

function distance(cloud: Float64Array, width: number, i: number, j: number): number {
  return Math.sqrt(squaredDistance(cloud, width, i, j));
}

/** Rips barcode of a cloud with its enclosing radius as the scale (a single point or a collapsed cloud has scale 0). */
function persistence(cloud: Float64Array, width: number, maxDim: number, relThreshold: number, maxSimplices?: number): { barcode: Barcode; scale: number } {
  const probe = ripsPersistence(cloud, width, { maxDim: 0 });
  const scale = probe.enclosingRadius;
  if (maxDim === 0 && relThreshold >= 1) return { barcode: probe.barcode, scale };
  const result = ripsPersistence(cloud, width, { maxDim, threshold: relThreshold >= 1 ? scale : relThreshold * scale, maxSimplices });
  return { barcode: result.barcode, scale };
}

/**
 * Bars longer than `minLength` per degree; a bar alive at the cut `cut` lives until it (an essential
 * H₀ bar always counts: a non-empty cloud has a component).
 */
export function persistentBetti(barcode: Barcode, minLength: number, cut: number): number[] {
  return barcode.map((bars, k) => {
    let c = 0;
    for (const b of bars) {
      const end = Number.isFinite(b.death) ? b.death : Math.max(cut, b.birth);
      if ((k === 0 && !Number.isFinite(b.death)) || end - b.birth > minLength) c++;
    }
    return c;
  });
}

function sameBetti(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
