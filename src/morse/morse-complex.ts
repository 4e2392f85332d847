/**
 * The Morse complex of a discrete gradient (Forman; Brooks & Masden §5 "gradient-flow tracking"): one
 * generator per critical cell, and ∂ᴹτ = Σ over critical facets σ reached from τ by gradient paths
 * τ ↘ σ₀ → τ₀ ↘ σ₁ → … ↘ σ, counted mod 2. Its homology equals the complex's, so its Betti numbers are an
 * independent check of the whole field: a wrong pairing or a cycle shows up as different homology.
 *
 * The number of gradient paths can grow exponentially, but their parity obeys a recursion along the
 * acyclic field: flow(σ) = [σ] for a critical σ, 0 for σ paired downwards, and for σ paired with τ′ the sum
 * of flow(σ′) over the other facets σ′ of τ′. It is evaluated once per cell, iteratively (no deep recursion).
 */
import type { Complex } from '../complex/types.js';
import { bettiZ2 } from '../topology/betti.js';
import { boundaryMatrix, zeroBoundary, type BoundaryMatrix } from '../topology/boundary.js';
import { chainComplex, type ChainComplex } from '../topology/chain-complex.js';
import type { Pairs } from './pairing.js';

function xorSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0, j = 0, n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) out[n++] = a[i++];
    else if (a[i] > b[j]) out[n++] = b[j++];
    else (i++, j++);
  }
  while (i < a.length) out[n++] = a[i++];
  while (j < b.length) out[n++] = b[j++];
  return out.slice(0, n);
}

/** Mod-2 flow from a k-cell down to the critical k-cells (indices into the critical list), memoised. */
function flows(complex: Complex, p: Pairs, k: number, criticalIndex: Int32Array): (cell: number) => Int32Array {
  const count = complex.cells[k].count;
  const memo: (Int32Array | undefined)[] = new Array(count);
  const up = complex.cells[k + 1];
  const EMPTY: Int32Array = new Int32Array(0);
  const stack: number[] = [];
  const expanded = new Uint8Array(count);
  const resolveAll = (start: number) => {
    stack.push(start);
    while (stack.length > 0) {
      const s = stack[stack.length - 1];
      if (memo[s]) {
        stack.pop();
        continue;
      }
      if (criticalIndex[s] >= 0) {
        memo[s] = Int32Array.of(criticalIndex[s]);
        stack.pop();
        continue;
      }
      const t = p.up[k][s];
      if (t < 0) {
        memo[s] = EMPTY; // paired downwards: gradient paths stop here
        stack.pop();
        continue;
      }
      let ready = true;
      for (let q = up.facetOffsets[t]; q < up.facetOffsets[t + 1]; q++) {
        const f = up.facetIndices[q];
        if (f !== s && !memo[f]) {
          if (expanded[f]) throw new Error('morseComplex: the field has a closed V-path');
          stack.push(f);
          ready = false;
        }
      }
      if (!ready) {
        expanded[s] = 1;
        continue;
      }
      let acc: Int32Array = EMPTY;
      for (let q = up.facetOffsets[t]; q < up.facetOffsets[t + 1]; q++) {
        const f = up.facetIndices[q];
        if (f !== s) acc = xorSorted(acc, memo[f]!);
      }
      memo[s] = acc;
      stack.pop();
    }
  };
  return (cell) => {
    if (!memo[cell]) resolveAll(cell);
    return memo[cell]!;
  };
}

export interface MorseComplex {
  /** The critical cells of each dimension (generators, in this order). */
  readonly critical: Int32Array[];
  readonly chain: ChainComplex;
  /** Z/2 Betti numbers of the Morse complex. */
  readonly betti: number[];
  /** Nonzero entries of ∂ᴹ in each dimension (connections between critical cells, mod 2). */
  readonly connections: number[];
}

export function morseComplex(complex: Complex, p: Pairs): MorseComplex {
  const dim = complex.dim;
  const critical: Int32Array[] = [];
  const criticalIndex: Int32Array[] = [];
  for (let d = 0; d <= dim; d++) {
    const idx = new Int32Array(complex.cells[d].count).fill(-1);
    const list: number[] = [];
    for (let i = 0; i < idx.length; i++) if (p.up[d][i] < 0 && p.down[d][i] < 0) (idx[i] = list.length), list.push(i);
    critical.push(Int32Array.from(list));
    criticalIndex.push(idx);
  }
  const boundaries: BoundaryMatrix[] = [zeroBoundary(0, critical[0].length)];
  const connections = [0];
  for (let d = 1; d <= dim; d++) {
    const flow = flows(complex, p, d - 1, criticalIndex[d - 1]);
    const c = complex.cells[d];
    const offsets = new Int32Array(critical[d].length + 1);
    const rows: number[] = [];
    critical[d].forEach((tau, j) => {
      let acc: Int32Array = new Int32Array(0);
      for (let q = c.facetOffsets[tau]; q < c.facetOffsets[tau + 1]; q++) acc = xorSorted(acc, flow(c.facetIndices[q]));
      for (const r of acc) rows.push(r);
      offsets[j + 1] = rows.length;
    });
    boundaries.push(boundaryMatrix(critical[d - 1].length, critical[d].length, offsets, Int32Array.from(rows)));
    connections.push(rows.length);
  }
  const chain = chainComplex(boundaries);
  return { critical, chain, betti: bettiZ2(chain), connections };
}
