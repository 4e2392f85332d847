/**
 * Turn a finished lattice into a Complex: cell sign sequences, top-cell affine maps, interior points.
 *
 * A cell's sign for a neuron is that of its relative interior, which is + if some vertex is +, − if some
 * vertex is −, and 0 only if every vertex is 0 (Masden, arXiv 2207.07696, §3). In packed codes (01 = +,
 * 10 = −, 00 = 0) that is the bitwise OR of the facets' words, taken bottom-up.
 */
import type { Network } from '../net/network.js';
import { packedWords } from '../net/signs.js';
import type { Lattice } from './lattice.js';
import type { CellsOfDim, Complex, Domain } from './types.js';
import type { AffinePlane } from '../net/slice.js';
import { forwardRegionMapper, type RegionMapFn } from './regionmap.js';
import { signOrder } from './regionorder.js';

/** Sign words of every cell, bottom-up by OR of the facets' words. */
export function cellSigns(lat: Lattice, vertexWords: Uint32Array, W: number): Uint32Array[] {
  const out: Uint32Array[] = [vertexWords.length === lat.vertexCount * W ? vertexWords : vertexWords.slice(0, lat.vertexCount * W)];
  for (let d = 1; d <= lat.dim; d++) {
    const below = out[d - 1];
    const off = lat.offsets[d];
    const fac = lat.facets[d];
    const cnt = lat.counts[d];
    const s = new Uint32Array(cnt * W);
    if (W >= 1 && W <= 4) {
      orFacetsSmall(below, s, off, fac, cnt, W);
      out.push(s);
      continue;
    }
    for (let c = 0; c < cnt; c++) {
      const p0 = off[c];
      const p1 = off[c + 1];
      const o = c * W;
      if (p1 - p0 === 2) {
        // An edge (most cells of a 2-D complex): one pass over its two ends' words.
        const a = fac[p0] * W;
        const b = fac[p0 + 1] * W;
        for (let q = 0; q < W; q++) s[o + q] = below[a + q] | below[b + q];
        continue;
      }
      // Word by word, the OR kept in a register (OR-ing into the row in memory chained every step through
      // a store: 7–20% slower in 3-D and 4-D).
      for (let q = 0; q < W; q++) {
        let x = 0;
        for (let p = p0; p < p1; p++) x |= below[fac[p] * W + q];
        s[o + q] = x;
      }
    }
    out.push(s);
  }
  return out;
}

/**
 * One dimension of cellSigns for W ≤ 4 words (up to 64 neurons): every word's OR in a register at once,
 * each facet's words read in one go (1.2–1.5× in 3-D and 4-D).
 */
function orFacetsSmall(below: Uint32Array, s: Uint32Array, off: Int32Array, fac: Int32Array, cnt: number, W: number): void {
  for (let c = 0; c < cnt; c++) {
    let x0 = 0;
    let x1 = 0;
    let x2 = 0;
    let x3 = 0;
    for (let p = off[c]; p < off[c + 1]; p++) {
      const f = fac[p] * W;
      x0 |= below[f];
      if (W > 1) {
        x1 |= below[f + 1];
        if (W > 2) {
          x2 |= below[f + 2];
          if (W > 3) x3 |= below[f + 3];
        }
      }
    }
    const o = c * W;
    s[o] = x0;
    if (W > 1) s[o + 1] = x1;
    if (W > 2) s[o + 2] = x2;
    if (W > 3) s[o + 3] = x3;
  }
}

/**
 * A point in the relative interior of every top cell, bottom-up: a vertex is its own point, a d-cell's
 * point is the mean of its facets' points. By induction each point is in its cell's relative interior
 * (a positive combination of points from the relative interiors of *all* facets lies on no facet), and
 * the cost is one pass over the facet incidences instead of each cell's whole face lattice.
 */
export function topInteriorPointsOf(lat: Lattice): Float64Array {
  const n = lat.dim;
  let prev = lat.coords.subarray(0, lat.vertexCount * n);
  for (let d = 1; d <= n; d++) {
    const cnt = lat.counts[d];
    const off = lat.offsets[d];
    const fac = lat.facets[d];
    const cur = new Float64Array(cnt * n);
    if (n >= 2 && n <= 6) meanOfFacetsSmall(prev, cur, off, fac, cnt, n);
    else {
      for (let c = 0; c < cnt; c++) {
        const p0 = off[c];
        const p1 = off[c + 1];
        const k = p1 - p0;
        // Each coordinate summed from 0 in facet order, in a register (adding into the row in memory
        // chained every addition through a store: 15–30% slower in 3-D and 6-D), then divided.
        const o = c * n;
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let p = p0; p < p1; p++) s += prev[fac[p] * n + i];
          cur[o + i] = s / k;
        }
      }
    }
    prev = cur;
  }
  return n === 0 ? new Float64Array(0) : Float64Array.from(prev);
}

/**
 * One dimension of topInteriorPointsOf for 2 ≤ n ≤ 6: all n sums in registers at once, so each facet's
 * point is read in one go (its coordinates are adjacent); each sum still runs from 0 in facet order, so
 * the bits are the general loop's. 1.4× (3-D, 4-D) to 1.7× (6-D) faster than a coordinate at a time, 3×
 * on the plane (a 2→32³→1 complex: 0.17 → 0.05 ms).
 */
function meanOfFacetsSmall(prev: Float64Array, cur: Float64Array, off: Int32Array, fac: Int32Array, cnt: number, n: number): void {
  for (let c = 0; c < cnt; c++) {
    const p0 = off[c];
    const p1 = off[c + 1];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    for (let p = p0; p < p1; p++) {
      const f = fac[p] * n;
      s0 += prev[f];
      s1 += prev[f + 1];
      if (n > 2) {
        s2 += prev[f + 2];
        if (n > 3) {
          s3 += prev[f + 3];
          if (n > 4) {
            s4 += prev[f + 4];
            if (n > 5) s5 += prev[f + 5];
          }
        }
      }
    }
    const k = p1 - p0;
    const o = c * n;
    cur[o] = s0 / k;
    cur[o + 1] = s1 / k;
    if (n > 2) cur[o + 2] = s2 / k;
    if (n > 3) cur[o + 3] = s3 / k;
    if (n > 4) cur[o + 4] = s4 / k;
    if (n > 5) cur[o + 5] = s5 / k;
  }
}

/**
 * The order mapAll visits a complex's regions in: as built on the plane (the 2-D engine's depth-first
 * order, which its parallel build shares out), else sorted by sign words (regionorder.ts), so that
 * regions with common first layers come together. On a 3-D slice through a 784→512→256→10 net this
 * made the maps 60× faster than the backward pass (the order costs a few radix passes).
 */
export function mapOrder(signs: Uint32Array, W: number, regions: number, dim: number): Int32Array | null {
  return dim === 2 ? null : signOrder(signs, W, regions);
}

/**
 * Every top cell's affine map into J (regions × m × n) and c (regions × m), forward with shared prefixes
 * (regionmap.ts: a region whose first layers' patterns are its predecessor's reuses their rows), in mapOrder.
 */
export function mapAll(net: Network, signs: Uint32Array, W: number, regions: number, dim: number, J: Float64Array, c: Float64Array): void {
  const m = net.outputDim;
  const map = forwardRegionMapper(net);
  const order = mapOrder(signs, W, regions, dim);
  for (let i = 0; i < regions; i++) {
    const r = order ? order[i] : i;
    map(signs, r * W, J, r * m * dim, c, r * m);
  }
}

/**
 * The plain backward pass, one region at a time (the reference the forward maps are tested against):
 * g ← W_L; for l = L−1…1: g ← g·D_l, c += g·b_l, g ← g·W_l. Scratch buffers are allocated once per
 * network; only active neurons are visited.
 */
export function backwardRegionMapper(net: Network): RegionMapFn {
  let maxWidth = net.inputDim;
  for (const layer of net.layers) maxWidth = Math.max(maxWidth, layer.inDim, layer.outDim);
  const scratch: MapScratch = {
    g: new Float64Array(net.outputDim * maxWidth),
    g2: new Float64Array(net.outputDim * maxWidth),
    active: new Int32Array(maxWidth),
    firstNeuron: [],
  };
  for (let l = 0, b = 0; l < net.layers.length - 1; l++) {
    scratch.firstNeuron.push(b);
    b += net.layers[l].outDim;
  }
  return (signs, at, J, jAt, c, cAt) => mapRegion(net, scratch, signs, at, J, jAt, c, cAt);
}

interface MapScratch {
  g: Float64Array;
  g2: Float64Array;
  readonly active: Int32Array;
  readonly firstNeuron: number[];
}

function mapRegion(net: Network, scratch: MapScratch, signs: Uint32Array, at: number, J: Float64Array, jAt: number, c: Float64Array, cAt: number): void {
  const L = net.layers.length;
  const m = net.outputDim;
  const lastLayer = net.layers[L - 1];
  const active = scratch.active;
  let g = scratch.g;
  let g2 = scratch.g2;
  let width = lastLayer.inDim;
  g.set(lastLayer.weight);
  for (let o = 0; o < m; o++) c[cAt + o] = lastLayer.bias[o];
  for (let l = L - 2; l >= 0; l--) {
    const layer = net.layers[l];
    const weight = layer.weight;
    const bias = layer.bias;
    const base = scratch.firstNeuron[l];
    let na = 0;
    for (let k = 0; k < width; k++) {
      const neuron = base + k;
      if (((signs[at + (neuron >>> 4)] >>> ((neuron & 15) << 1)) & 3) === 1) active[na++] = k;
    }
    const inDim = layer.inDim;
    g2.fill(0, 0, m * inDim);
    for (let o = 0; o < m; o++) {
      let s = 0;
      const go = o * width;
      const g2o = o * inDim;
      for (let q = 0; q < na; q++) {
        const k = active[q];
        const gk = g[go + k];
        if (gk === 0) continue;
        s += gk * bias[k];
        const r = k * inDim;
        for (let i = 0; i < inDim; i++) g2[g2o + i] += gk * weight[r + i];
      }
      c[cAt + o] += s;
    }
    const t = g;
    g = g2;
    g2 = t;
    width = inDim;
  }
  for (let k = 0; k < m * width; k++) J[jAt + k] = g[k];
}

/** What a Complex carries besides its lattice, vertex signs and values. */
export interface ComplexMeta {
  readonly domain: Domain;
  readonly plane?: AffinePlane;
  readonly hiddenCount: number;
  readonly hiddenWidths: readonly number[];
  readonly outputDim: number;
}

/**
 * A Complex from a finished lattice with its vertices' sign words and output values: the cells' sign
 * words bottom-up, the top cells' interior points, and region maps left zero for the caller to fill.
 */
export function complexFromLattice(lat: Lattice, vertexWords: Uint32Array, vertexValues: Float64Array, meta: ComplexMeta): Complex {
  const n = lat.dim;
  const W = packedWords(meta.hiddenCount);
  const signs = cellSigns(lat, vertexWords, W);
  const cells: CellsOfDim[] = [];
  for (let d = 0; d <= n; d++) {
    const offsets = d === 0 ? new Int32Array(lat.counts[0] + 1) : lat.offsets[d];
    cells.push({ count: lat.counts[d], signs: signs[d], facetOffsets: offsets, facetIndices: lat.facets[d] });
  }
  const regions = lat.counts[n];
  const m = meta.outputDim;
  return {
    dim: n,
    domain: meta.domain,
    plane: meta.plane,
    hiddenCount: meta.hiddenCount,
    signWords: W,
    hiddenWidths: meta.hiddenWidths,
    vertexCount: lat.vertexCount,
    vertices: lat.coords,
    cells,
    outputDim: m,
    topJacobians: new Float64Array(regions * m * n),
    topOffsets: new Float64Array(regions * m),
    topInteriorPoints: topInteriorPointsOf(lat),
    vertexValues,
  };
}

export function assembleComplex(
  net: Network,
  domain: Domain,
  lat: Lattice,
  vertexWords: Uint32Array,
  vertexValues: Float64Array,
  hiddenCount: number,
  hiddenWidths: readonly number[],
  plane?: AffinePlane,
  computeMaps = true,
): Complex {
  const complex = complexFromLattice(lat, vertexWords, vertexValues, { domain, plane, hiddenCount, hiddenWidths, outputDim: net.outputDim });
  if (computeMaps) {
    const n = complex.dim;
    mapAll(net, complex.cells[n].signs, complex.signWords, complex.cells[n].count, n, complex.topJacobians, complex.topOffsets);
  }
  return complex;
}

/** The lattice view of a Complex (shares its arrays). */
export function latticeOf(complex: Complex): Lattice {
  return {
    dim: complex.dim,
    vertexCount: complex.vertexCount,
    coords: complex.vertices,
    counts: complex.cells.map((c) => c.count),
    offsets: complex.cells.map((c) => c.facetOffsets),
    facets: complex.cells.map((c) => c.facetIndices),
  };
}
