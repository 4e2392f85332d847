/**
 * Exact topology of level sets of a network on its canonical complex.
 *
 * F is affine on every top cell, so {F ≤ T} ∩ cell is the cell cut by the hyperplane F = T. Refining the
 * complex along F = T (complex/cut.ts) makes every cell lie on one side; the sublevel set is then the
 * subcomplex of cells on the F ≤ T side (and the superlevel set those on the F ≥ T side), and its
 * homology is computed exactly — no sampling. A decision region {x : F_K(x) ≥ F_j(x) ∀ j} is cut by
 * each difference F_K − F_j in turn (each affine on every top cell) and kept where all are ≥ 0.
 */
import { cutComplex } from '../complex/cut.js';
import type { Complex } from '../complex/types.js';
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE, zeroThreshold, type Tolerance } from '../numeric/tolerance.js';
import { bettiZ2 } from './betti.js';
import { chainComplexOfComplex, chainEulerCharacteristic, subcomplex, type ChainComplex } from './chain-complex.js';
import { orientedChainComplex } from './orientation.js';
import { homologyZ, type IntegralHomology } from './smith.js';

export interface LevelSetOptions {
  /** Which network output is F (default 0). */
  readonly output?: number;
  readonly tolerance?: Tolerance;
  /** Also compute homology over Z (Smith normal form; small complexes only). */
  readonly integral?: boolean;
  /** Cell limit for the integral computation (default 20 000). */
  readonly maxIntegralCells?: number;
}

export interface RegionTopology {
  /** b_0 … b_n of the region (zeros when it is empty), over Z/2. */
  readonly betti: number[];
  readonly eulerCharacteristic: number;
  /** Cells of the region by dimension (of the refined complex). */
  readonly cells: number[];
  /** Over Z, when asked for: free ranks and torsion coefficients. */
  readonly integral?: IntegralHomology;
}

export interface LevelSetTopology {
  readonly level: number;
  readonly output: number;
  readonly sublevel: RegionTopology;
  readonly superlevel: RegionTopology;
  /** The complex refined along F = T. */
  readonly refined: Complex;
}

/** Betti numbers of the closed subcomplex `keep` of a chain complex, padded to dimension `dim`. */
export function regionTopology(chain: ChainComplex, keep: readonly ArrayLike<number>[], dim: number, oriented?: ChainComplex, maxCells?: number): RegionTopology {
  const sub = subcomplex(chain, keep);
  const betti = bettiZ2(sub.chain);
  const cells = sub.chain.counts.slice();
  while (betti.length < dim + 1) betti.push(0);
  while (cells.length < dim + 1) cells.push(0);
  let integral: IntegralHomology | undefined;
  if (oriented) {
    const z = homologyZ(subcomplex(oriented, keep).chain, { maxCells });
    while (z.betti.length < dim + 1) z.betti.push(0), z.torsion.push([]);
    integral = z;
  }
  return { betti, eulerCharacteristic: chainEulerCharacteristic(sub.chain), cells, ...(integral ? { integral } : {}) };
}

/** The oriented chain complex for integral homology, refusing complexes over the cell limit. */
function orientedFor(complex: Complex, options: LevelSetOptions): ChainComplex | undefined {
  if (!options.integral) return undefined;
  const total = complex.cells.reduce((s, c) => s + c.count, 0);
  const max = options.maxIntegralCells ?? 20_000;
  if (total > max) throw new TesseraError('budget', `integral homology: the refined complex has ${total} cells, over the limit of ${max} for Smith normal form; use a smaller domain or a slice, or raise --max-integer-cells`);
  return orientedChainComplex(complex);
}

function outputValues(complex: Complex, output: number): Float64Array {
  const m = complex.outputDim;
  if (!Number.isInteger(output) || output < 0 || output >= m) throw new TesseraError('input', `output ${output} does not exist: the network has ${m} output${m === 1 ? '' : 's'} (0-based)`);
  return Float64Array.from({ length: complex.vertexCount }, (_, v) => complex.vertexValues[v * m + output]);
}

/** Topology of {F ≤ T} and {F ≥ T} inside the complex's domain. */
export function levelSetTopology(complex: Complex, level: number, options: LevelSetOptions = {}): LevelSetTopology {
  if (!Number.isFinite(level)) throw new TesseraError('input', `level must be a finite number, got ${level}`);
  const output = options.output ?? 0;
  const f = outputValues(complex, output);
  let scale = Math.abs(level);
  for (const x of f) scale = Math.max(scale, Math.abs(x));
  const g = f.map((x) => x - level);
  const cut = cutComplex(complex, g, { tolerance: options.tolerance, scale });
  const chain = chainComplexOfComplex(cut.complex);
  const below = cut.side.map((s) => Uint8Array.from(s, (x) => (x <= 0 ? 1 : 0)));
  const above = cut.side.map((s) => Uint8Array.from(s, (x) => (x >= 0 ? 1 : 0)));
  const oriented = orientedFor(cut.complex, options);
  const max = options.maxIntegralCells;
  return {
    level,
    output,
    sublevel: regionTopology(chain, below, complex.dim, oriented, max),
    superlevel: regionTopology(chain, above, complex.dim, oriented, max),
    refined: cut.complex,
  };
}

/**
 * Topology of the decision region of class K: {x : F_K(x) ≥ F_j(x) for all j ≠ K}. For a network with
 * one output, class 1 is {F ≥ T} and class 0 is {F ≤ T} (a binary classifier thresholded at T, default 0).
 */
export function decisionRegionTopology(complex: Complex, classIndex: number, options: LevelSetOptions & { level?: number } = {}): RegionTopology & { refined: Complex } {
  const m = complex.outputDim;
  if (m === 1) {
    if (classIndex !== 0 && classIndex !== 1) throw new TesseraError('input', `class ${classIndex} does not exist: a network with one output has classes 0 (F ≤ T) and 1 (F ≥ T)`);
    const ls = levelSetTopology(complex, options.level ?? 0, { ...options, output: 0 });
    return { ...(classIndex === 1 ? ls.superlevel : ls.sublevel), refined: ls.refined };
  }
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= m) throw new TesseraError('input', `class ${classIndex} does not exist: the network has ${m} outputs (classes 0..${m - 1})`);
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  let current = complex;
  const diff = (c: Complex, j: number) => Float64Array.from({ length: c.vertexCount }, (_, v) => c.vertexValues[v * m + classIndex] - c.vertexValues[v * m + j]);
  const scaleOf = (c: Complex, j: number) => {
    let s = 0;
    for (let v = 0; v < c.vertexCount; v++) s = Math.max(s, Math.abs(c.vertexValues[v * m + classIndex]) + Math.abs(c.vertexValues[v * m + j]));
    return s;
  };
  for (let j = 0; j < m; j++) if (j !== classIndex) current = cutComplex(current, diff(current, j), { tolerance: tol, scale: scaleOf(current, j) }).complex;
  // Every cell now lies on one side of each F_K − F_j = 0: it is in the region when all its vertices
  // are (vertex values are exact up to the cut's interpolation, hence the tolerance).
  const inside = new Uint8Array(current.vertexCount).fill(1);
  for (let j = 0; j < m; j++) {
    if (j === classIndex) continue;
    const g = diff(current, j);
    const t = zeroThreshold(scaleOf(current, j), tol);
    for (let v = 0; v < current.vertexCount; v++) if (g[v] < -t) inside[v] = 0;
  }
  const keep: Uint8Array[] = [inside];
  for (let d = 1; d <= current.dim; d++) {
    const c = current.cells[d];
    const below = keep[d - 1];
    const k = new Uint8Array(c.count);
    for (let i = 0; i < c.count; i++) {
      let all = 1;
      for (let q = c.facetOffsets[i]; q < c.facetOffsets[i + 1]; q++) if (!below[c.facetIndices[q]]) all = 0;
      k[i] = all;
    }
    keep.push(k);
  }
  return { ...regionTopology(chainComplexOfComplex(current), keep, current.dim, orientedFor(current, options), options.maxIntegralCells), refined: current };
}
