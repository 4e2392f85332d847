/**
 * Conversions between the 2-D build's polygons (cyclic vertex lists, planar.ts) and face lattices.
 */
import { TesseraError } from '../numeric/errors.js';
import { GrowI32 } from './grow.js';
import type { Lattice } from './lattice.js';

/** Cycles of the 2-cells of a 2-D lattice (walking each face's edges). */
export function latticeCycles(lat: Lattice): { off: GrowI32; verts: GrowI32 } {
  const off = new GrowI32();
  const verts = new GrowI32();
  off.push(0);
  const eo = lat.offsets[1];
  const ef = lat.facets[1];
  for (let f = 0; f < lat.counts[2]; f++) {
    const es: number[] = [];
    for (let p = lat.offsets[2][f]; p < lat.offsets[2][f + 1]; p++) es.push(lat.facets[2][p]);
    const used = new Set<number>([es[0]]);
    const start = ef[eo[es[0]]];
    let cur = ef[eo[es[0]] + 1];
    verts.push(start);
    while (cur !== start) {
      verts.push(cur);
      const next = es.find((e) => !used.has(e) && (ef[eo[e]] === cur || ef[eo[e] + 1] === cur));
      if (next === undefined) throw new TesseraError('input', 'domain face is not a closed polygon');
      used.add(next);
      cur = ef[eo[next]] === cur ? ef[eo[next] + 1] : ef[eo[next]];
    }
    off.push(verts.length);
  }
  return { off, verts };
}

/** Vertices + polygon cycles → face lattice (edges numbered by first appearance). */
export function polygonsToLattice(coords: Float64Array, V: number, polys: { off: GrowI32; verts: GrowI32 }): Lattice {
  const F = polys.off.length - 1;
  const pOff = polys.off.data;
  const pv = polys.verts.data;
  const P = polys.verts.length;
  // Edges found so far, listed by their smaller end (head → next …, larger end in `hi`): a vertex
  // has a handful of edges, so a short walk finds one, with no hashing and arrays ~V + E long.
  const head = new Int32Array(V).fill(-1);
  const next = new Int32Array(P);
  const hi = new Int32Array(P);
  const ends = new Int32Array(2 * P);
  const faceFacets = new Int32Array(P);
  const faceOff = new Int32Array(F + 1);
  let E = 0;
  for (let f = 0; f < F; f++) {
    const a0 = pOff[f];
    const a1 = pOff[f + 1];
    for (let p = a0; p < a1; p++) {
      const u = pv[p];
      const v = pv[p + 1 < a1 ? p + 1 : a0];
      const lo = u < v ? u : v;
      const h = u < v ? v : u;
      let e = head[lo];
      while (e >= 0 && hi[e] !== h) e = next[e];
      if (e < 0) {
        e = E++;
        ends[2 * e] = u;
        ends[2 * e + 1] = v;
        hi[e] = h;
        next[e] = head[lo];
        head[lo] = e;
      }
      faceFacets[p] = e;
    }
    faceOff[f + 1] = a1;
  }
  const edgeOff = new Int32Array(E + 1);
  for (let e = 0; e <= E; e++) edgeOff[e] = 2 * e;
  return {
    dim: 2,
    vertexCount: V,
    coords: coords.slice(0, 2 * V),
    counts: [V, E, F],
    offsets: [new Int32Array(1), edgeOff, faceOff],
    facets: [new Int32Array(0), ends.slice(0, 2 * E), faceFacets],
  };
}
