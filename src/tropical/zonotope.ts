/**
 * One hidden layer, seen through zonotopes (Zhang et al. 2018 §6.2; Alfarra et al. 2022, Thm 2;
 * notes §2.4 and §3.2). Hidden neuron i, F_i = max(a⁺_i·x + b_i, a⁻_i·x), has as lifted Newton polytope
 * the segment from (a⁻_i, 0) to (a⁺_i, b_i), of direction (a_i, b_i). The output y = Σ_i c_i ν_i + c₀ then
 * has numerator polytope a translate of the zonotope Σ_{c_i>0} c_i·[0, (a_i, b_i)] and denominator
 * polytope Σ_{c_i<0} |c_i|·[0, (a_i, b_i)]. Upper vertices of a zonotope ↔ regions of the affine
 * arrangement {a_i·x + b_i = 0}; all vertices ↔ regions of the central arrangement in ℝⁿ⁺¹.
 *
 * Decision boundaries: for one output, B = {f = g} ⊆ T(f ⊕ g); for two outputs ν_k = F_k − G_k,
 * B = {ν₁ = ν₂} ⊆ T(R) with R = F₁⊙G₂ ⊕ F₂⊙G₁, whose lifted polytope is conv(Z_G₁ ∪ Z_G₂) with generators
 * G₁ = diag(relu(B₁) + relu(−B₂))·[A | b], G₂ = diag(relu(B₂) + relu(−B₁))·[A | b] (Alfarra Thm 2).
 */
import type { Arithmetic } from '../numeric/arithmetic.js';
import { TesseraError } from '../numeric/errors.js';
import type { Network } from '../net/network.js';
import { zonotopeVertexBound } from './bounds.js';
import { convexHullVertices, upperHullVertices } from './hull.js';
import { prunedProduct, pruneRedundant } from './prune.js';
import { tropicalSum } from './operations.js';
import type { TropicalPolynomial } from './polynomial.js';
import type { TropicalRationalMap } from './tropicalize.js';

export interface Zonotope<T> {
  /** Generators (count × (n+1)), lifted: exponent part then coefficient part. */
  readonly generators: T[][];
  /** Vertices of the zonotope (relative to its base point), each of length n+1. */
  readonly vertices: T[][];
  /** Vertices on the upper hull (= linear regions of its tropical polynomial). */
  readonly upperVertexCount: number;
  /** Gritzmann–Sturmfels bound 2·Σ_{j<n+1} C(m−1, j) for m generators in general position. */
  readonly vertexBound: bigint;
}

/** Vertices of Σ_k [0, g_k], by adding one segment at a time and keeping hull vertices. */
export function zonotope<T>(ar: Arithmetic<T>, generators: T[][], dim: number, maxVertices = 100_000): Zonotope<T> {
  let verts: T[][] = [Array.from({ length: dim }, () => ar.zero)];
  for (const g of generators) {
    if (g.every((v) => ar.sign(v, 0) === 0)) continue;
    const cand = verts.concat(verts.map((v) => v.map((x, k) => ar.add(x, g[k]))));
    if (cand.length > maxVertices) throw new TesseraError('budget', `zonotope: more than ${maxVertices} candidate vertices`);
    const flat = ar.array(cand.length * dim);
    cand.forEach((v, i) => v.forEach((x, k) => (flat[i * dim + k] = x)));
    verts = Array.from(convexHullVertices(ar, flat, cand.length, dim), (i) => cand[i]);
  }
  const flat = ar.array(verts.length * dim);
  verts.forEach((v, i) => v.forEach((x, k) => (flat[i * dim + k] = x)));
  const upper = upperHullVertices(ar, flat, verts.length, dim).length;
  const nonzero = generators.filter((g) => g.some((v) => ar.sign(v, 0) !== 0)).length;
  return { generators, vertices: verts, upperVertexCount: upper, vertexBound: zonotopeVertexBound(nonzero, dim) };
}

export interface ShallowZonotopes<T> {
  /** For one output: the numerator and denominator zonotopes. For two outputs: Alfarra's Z_G₁, Z_G₂. */
  readonly kind: 'single-output' | 'two-class';
  readonly first: Zonotope<T>;
  readonly second: Zonotope<T>;
  /** The polynomial whose tropical hypersurface contains the decision boundary (pruned). */
  readonly boundaryPolynomial: TropicalPolynomial<T>;
  /** How many of its monomials come from each side (f vs g, or F₁⊙G₂ vs F₂⊙G₁). */
  readonly boundaryMonomialsFromFirst: number;
  readonly boundaryMonomialsFromSecond: number;
}

/** The zonotope view of a network with one hidden layer and one or two outputs. */
export function shallowZonotopes<T>(ar: Arithmetic<T>, net: Network, map: TropicalRationalMap<T>): ShallowZonotopes<T> {
  if (net.layers.length !== 2) throw new TesseraError('unsupported', `zonotopes need exactly one hidden layer (this network has ${net.layers.length - 1})`);
  if (net.outputDim > 2) throw new TesseraError('unsupported', `zonotopes: one or two outputs only (this network has ${net.outputDim})`);
  const [hidden, out] = net.layers;
  const n = net.inputDim;
  const lifted = (i: number, scale: number): T[] => {
    const s = ar.fromNumber(scale);
    const row: T[] = [];
    for (let k = 0; k < n; k++) row.push(ar.mul(s, ar.fromNumber(hidden.weight[i * n + k])));
    row.push(ar.mul(s, ar.fromNumber(hidden.bias[i])));
    return row;
  };
  const H = hidden.outDim;
  const relu = (v: number) => Math.max(v, 0);
  let gens1: T[][];
  let gens2: T[][];
  let boundary: TropicalPolynomial<T>;
  let first: TropicalPolynomial<T>;
  let second: TropicalPolynomial<T>;
  if (net.outputDim === 1) {
    gens1 = [];
    gens2 = [];
    for (let i = 0; i < H; i++) {
      const c = out.weight[i];
      if (c > 0) gens1.push(lifted(i, c));
      else if (c < 0) gens2.push(lifted(i, -c));
    }
    first = map.numerators[0];
    second = map.denominators[0];
  } else {
    gens1 = Array.from({ length: H }, (_, i) => lifted(i, relu(out.weight[i]) + relu(-out.weight[H + i])));
    gens2 = Array.from({ length: H }, (_, i) => lifted(i, relu(out.weight[H + i]) + relu(-out.weight[i])));
    first = prunedProduct(ar, map.numerators[0], map.denominators[1]);
    second = prunedProduct(ar, map.numerators[1], map.denominators[0]);
  }
  boundary = pruneRedundant(ar, tropicalSum(ar, first, second));
  const keyOf = (p: TropicalPolynomial<T>, i: number) => {
    let k = '';
    for (let d = 0; d < p.dim; d++) k += ar.key(p.exponents[i * p.dim + d]) + ',';
    return k + '|' + ar.key(p.coefficients[i]);
  };
  const fromFirst = new Set(Array.from({ length: first.count }, (_, i) => keyOf(first, i)));
  let a = 0;
  for (let i = 0; i < boundary.count; i++) if (fromFirst.has(keyOf(boundary, i))) a++;
  return {
    kind: net.outputDim === 1 ? 'single-output' : 'two-class',
    first: zonotope(ar, gens1, n + 1),
    second: zonotope(ar, gens2, n + 1),
    boundaryPolynomial: boundary,
    boundaryMonomialsFromFirst: a,
    boundaryMonomialsFromSecond: boundary.count - a,
  };
}
