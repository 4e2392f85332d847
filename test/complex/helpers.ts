/**
 * Independent checks of a complex, shared by the complex tests. Each re-derives something from the
 * network or the geometry instead of trusting the builder.
 */
import { expect } from 'vitest';
import { createNetwork, evaluate, preActivations, signSequence, type Network } from '../../src/net/index.js';
import { normals, rng } from '../../src/numeric/random.js';
import { tolerance } from '../../src/numeric/tolerance.js';
import {
  cellInteriorPoint, cellSignSequence, cofacets, eulerCharacteristic, cellVertices, type Complex,
} from '../../src/complex/index.js';

/** He-initialised random network (seeded): weights N(0, 2/fan_in), biases N(0, 0.1²)... scaled to be lively. */
export function heNetwork(widths: readonly number[], seed: number): Network {
  const rand = rng(seed);
  const layers = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const inDim = widths[l];
    const outDim = widths[l + 1];
    const weight = normals(rand, inDim * outDim, 0, Math.sqrt(2 / inDim));
    const bias = normals(rand, outDim, 0, 0.3);
    layers.push({ weight, bias, inDim, outDim });
  }
  return createNetwork(layers);
}

/** A network from nested arrays. */
export function net(layers: { weight: number[][]; bias?: number[] }[]): Network {
  return createNetwork(layers);
}

/** Is the (n−1)-cell f on the boundary of the box domain (all its vertices on one box facet)? */
export function onBoxBoundary(complex: Complex, d: number, i: number): boolean {
  const dom = complex.domain;
  if (dom.kind !== 'box') throw new Error('box only');
  const n = complex.dim;
  const verts = cellVertices(complex, d, i);
  for (let j = 0; j < n; j++) {
    for (const bound of [dom.lo[j], dom.hi[j]]) {
      if (Array.from(verts).every((v) => complex.vertices[v * n + j] === bound)) return true;
    }
  }
  return false;
}

/**
 * The structural checks: Euler characteristic 1, facets of the right dimension and count, the
 * pseudomanifold property (interior (n−1)-cells have 2 cofacets, boundary ones 1), and every cell's
 * sign sequence is the union of its facets' (no cell sees both signs of a neuron).
 */
export function checkStructure(complex: Complex): void {
  const n = complex.dim;
  expect(eulerCharacteristic(complex)).toBe(1);
  for (let d = 1; d <= n; d++) {
    const c = complex.cells[d];
    expect(c.facetOffsets.length).toBe(c.count + 1);
    for (let i = 0; i < c.count; i++) {
      const k = c.facetOffsets[i + 1] - c.facetOffsets[i];
      expect(k).toBeGreaterThanOrEqual(d + 1); // a d-polytope has at least d+1 facets
      if (d === 1) expect(k).toBe(2);
      for (let p = c.facetOffsets[i]; p < c.facetOffsets[i + 1]; p++) {
        expect(c.facetIndices[p]).toBeGreaterThanOrEqual(0);
        expect(c.facetIndices[p]).toBeLessThan(complex.cells[d - 1].count);
      }
    }
  }
  const up = cofacets(complex, n - 1);
  for (let f = 0; f < complex.cells[n - 1].count; f++) {
    const k = up.offsets[f + 1] - up.offsets[f];
    if (complex.domain.kind === 'box') expect(k).toBe(onBoxBoundary(complex, n - 1, f) ? 1 : 2);
    else expect(k === 1 || k === 2).toBe(true);
  }
}

/**
 * The checks against the network: at each top cell's interior point the sign sequence equals the stored
 * one and F equals the stored affine map; at each cell's vertex centroid (every dimension) the sign
 * sequence matches the stored one up to a looser tolerance; vertices' zero signs are near-zero.
 */
export function checkAgainstNetwork(complex: Complex, network: Network, opts: { allCells?: boolean } = {}): void {
  const n = complex.dim;
  const m = complex.outputDim;
  const regions = complex.cells[n].count;
  const radius = domainRadius(complex);
  for (let r = 0; r < regions; r++) {
    const x = complex.topInteriorPoints.subarray(r * n, (r + 1) * n);
    const stored = cellSignSequence(complex, n, r);
    // The network's own signs at the interior point; where they differ, the region must be one the
    // evaluation misreads: a flat region, where a neuron is identically 0 in exact arithmetic but its
    // rounding residue (1e-17) passes the ReLU and gets a clear sign downstream against a local scale.
    // There the network with the region's own pattern must agree (strictly for ±, ~0 for 0).
    const own = Array.from(signSequence(network, x));
    if (own.join() !== Array.from(stored).join()) {
      expect(own.some((s, k) => s !== 0 && stored[k] === 0), `region ${r}: ${own.join('')} vs ${Array.from(stored).join('')}`).toBe(true);
      expect(signViolation(network, x, stored, 1e-6, radius, true), `region ${r}`).toBe(-1);
    }
    const F = evaluate(network, x);
    for (let o = 0; o < m; o++) {
      let v = complex.topOffsets[r * m + o];
      for (let j = 0; j < n; j++) v += complex.topJacobians[(r * m + o) * n + j] * x[j];
      expect(Math.abs(v - F[o])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(F[o])));
    }
  }
  const loose = tolerance(1e-6);
  const dims = opts.allCells === false ? [] : Array.from({ length: n }, (_, d) => d);
  for (const d of dims) {
    for (let i = 0; i < complex.cells[d].count; i++) {
      const x = cellInteriorPoint(complex, d, i);
      const stored = cellSignSequence(complex, d, i);
      const bad = signViolation(network, x, stored, loose.relative, radius);
      expect(bad, `cell ${i} of dimension ${d}: ${signString(stored)}`).toBe(-1);
    }
  }
  // Vertex values: F at the vertex.
  for (let v = 0; v < complex.vertexCount; v++) {
    const F = evaluate(network, complex.vertices.subarray(v * n, (v + 1) * n));
    for (let o = 0; o < m; o++) expect(Math.abs(complex.vertexValues[v * m + o] - F[o])).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(F[o])));
  }
}

function domainRadius(complex: Complex): number {
  let r = 0;
  for (const v of complex.vertices) r = Math.max(r, Math.abs(v));
  return r;
}

function signString(s: ArrayLike<number>): string {
  return Array.from(s, (x) => (x > 0 ? '+' : x < 0 ? '-' : '0')).join('');
}

/** Activation patterns seen on a regular grid over the box (points whose pattern has a 0 are skipped). */
export function gridPatterns(network: Network, lo: number[], hi: number[], steps: number): Set<string> {
  const n = lo.length;
  const seen = new Set<string>();
  const idx = new Array(n).fill(0);
  const x = new Float64Array(n);
  for (;;) {
    for (let j = 0; j < n; j++) x[j] = lo[j] + ((hi[j] - lo[j]) * (idx[j] + 0.5)) / steps;
    const s = signSequence(network, x);
    if (!s.includes(0)) seen.add(signString(s));
    let j = 0;
    while (j < n && ++idx[j] === steps) idx[j++] = 0;
    if (j === n) break;
  }
  return seen;
}

export function topPatterns(complex: Complex): Set<string> {
  const out = new Set<string>();
  for (let r = 0; r < complex.cells[complex.dim].count; r++) out.add(signString(cellSignSequence(complex, complex.dim, r)));
  return out;
}

/** Pre-activation of hidden neuron k at x, and the magnitude of its terms. */
export function preActivation(network: Network, x: ArrayLike<number>, k: number): { z: number; scale: number } {
  const z = preActivations(network, x);
  let l = 0;
  let kk = k;
  while (kk >= network.layers[l].outDim) kk -= network.layers[l++].outDim;
  const input = l === 0 ? Array.from(x) : Array.from(z[l - 1], (v) => Math.max(0, v));
  const layer = network.layers[l];
  let scale = Math.abs(layer.bias[kk]);
  for (let i = 0; i < layer.inDim; i++) scale += Math.abs(layer.weight[kk * layer.inDim + i] * input[i]);
  return { z: z[l][kk], scale };
}

/**
 * Does the network at x agree with a cell's sign sequence? Layer by layer with the cell's own pattern
 * (a neuron passes its value where the cell says +): a + neuron must not be negative, a − neuron not
 * positive (beyond rounding, 1e-9 of its scale), and a 0 neuron must be 0 within `relative` of its
 * scale (|b| + Σ|wᵢ|·Aᵢ with Aᵢ bounding |aᵢ| over a domain of radius R). The first neuron that
 * disagrees, or −1. Unlike comparing with the network's own signs at a loose tolerance, this does not
 * misread a tiny cell whose interior value is small but clearly signed. `strict` (top cells' interior
 * points, which lie on no strict neuron's zero set): + and − must hold with no slack.
 */
export function signViolation(network: Network, x: ArrayLike<number>, signs: ArrayLike<number>, relative: number, radius: number, strict = false): number {
  let a = Array.from(x);
  let bound = new Array(a.length).fill(radius);
  let k = 0;
  for (let l = 0; l + 1 < network.layers.length; l++) {
    const layer = network.layers[l];
    const next: number[] = [];
    const nextBound: number[] = [];
    for (let o = 0; o < layer.outDim; o++, k++) {
      let z = layer.bias[o];
      let scale = Math.abs(layer.bias[o]);
      for (let i = 0; i < layer.inDim; i++) {
        z += layer.weight[o * layer.inDim + i] * a[i];
        scale += Math.abs(layer.weight[o * layer.inDim + i]) * bound[i];
      }
      const s = signs[k];
      const slack = strict ? 0 : 1e-9 * scale;
      const ok = s > 0 ? z > -slack : s < 0 ? z < slack : Math.abs(z) <= relative * scale;
      if (!ok) return k;
      next.push(s > 0 ? z : 0);
      nextBound.push(scale);
    }
    a = next;
    bound = nextBound;
  }
  return -1;
}

