/**
 * Local discrete Morse pairings inside one lower star (or one flat unit). Brooks & Masden build a
 * relatively perfect discrete gradient by pairing cells only inside each vertex's lower star (B–M §4,
 * notes §1.6–1.7): then V-paths never climb in value, and the union of the local pairings is a global
 * gradient whose critical cells sit exactly where the PL critical points are.
 *
 * - At a transversal vertex the star is cubical and the pairing is explicit (notes §1.7): a regular vertex
 *   pairs every lower-star cell across its first monotone direction; a critical vertex of index k gets a
 *   lexicographic product matching with exactly one critical k-cell. Relatively perfect in any dimension.
 * - Elsewhere (non-transversal vertices, boundary vertices, flat units) a greedy coreduction in the style
 *   of Robins–Wood–Sheppard's ProcessLowerStars: pair the vertex with its steepest descending edge, then
 *   repeatedly pair a cell that has exactly one unpaired facet in the unit with that facet; when none is
 *   left, the lowest-dimensional cell with no unpaired facet becomes critical. Acyclic by construction
 *   (pairing times decrease along V-paths) but not guaranteed relatively perfect; gradient.ts checks.
 */
import type { MorseContext } from './classify.js';
import { type CubicalStar, type TransversalVerdict } from './cubical.js';
import { row } from './incidence.js';
import { unitOfCell } from './lowerstar.js';

/** The field under construction: up[d][i] = paired (d+1)-cell or −1; down[d][i] = paired (d−1)-cell or −1. */
export interface Pairs {
  readonly up: Int32Array[];
  readonly down: Int32Array[];
}

function pair(p: Pairs, d: number, sigma: number, tau: number): void {
  p.up[d][sigma] = tau;
  p.down[d + 1][tau] = sigma;
}

/** Brooks–Masden-style pairing on the cubical lower star of a non-flat transversal vertex v (notes §1.7). */
export function pairCubical(ctx: MorseContext, star: CubicalStar, v: number, verdict: TransversalVerdict, p: Pairs): void {
  const owner = ctx.lowerStars.owner;
  if (verdict.kind === 'degenerate') throw new Error('pairCubical: flat vertex');
  if (verdict.kind === 'regular') {
    const i = verdict.direction;
    const { edgeSlope } = ctx.field;
    const ev = ctx.incidence.cellVertices[1];
    const slopeAway = (e: number) => (ev.indices[ev.offsets[e]] === v ? edgeSlope[e] : -edgeSlope[e]);
    const downBit = slopeAway(star.plusEdge[i]) < 0 ? 1 << (2 * i) : 1 << (2 * i + 1);
    const pairBits = 3 << (2 * i);
    for (let d = 0; d < star.n; d++) {
      const cells = star.cells[d];
      const masks = star.masks[d];
      for (let k = 0; k < cells.length; k++) {
        if (owner[d][cells[k]] !== v || masks[k] & pairBits) continue;
        const partner = star.cellOfMask.get(masks[k] | downBit)!;
        pair(p, d, cells[k], partner);
      }
    }
    return;
  }
  // Critical: K = pairs with both edges descending, in order. For τ, find the first k ∈ K with τ_k ≠ −1;
  // τ_k = 0 pairs with τ + e_k^+, τ_k = +1 is that partner; all −1 is the one critical cell.
  const K: number[] = [];
  for (let i = 0; i < star.n; i++) {
    const a = ctx.lowerStars.owner[1][star.plusEdge[i]] === v;
    const b = ctx.lowerStars.owner[1][star.minusEdge[i]] === v;
    if (a && b) K.push(i);
  }
  for (let d = 0; d <= star.n; d++) {
    const cells = star.cells[d];
    const masks = star.masks[d];
    for (let k = 0; k < cells.length; k++) {
      if (owner[d][cells[k]] !== v) continue;
      for (const i of K) {
        const bits = (masks[k] >>> (2 * i)) & 3;
        if (bits === 2) continue;
        if (bits === 0) pair(p, d, cells[k], star.cellOfMask.get(masks[k] | (1 << (2 * i)))!);
        break;
      }
    }
  }
}

/** Scratch arrays for pairGreedy, sized once per complex. */
export interface GreedyScratch {
  readonly remaining: Int32Array[];
  readonly done: Uint8Array[];
}

export function greedyScratch(counts: readonly number[]): GreedyScratch {
  return { remaining: counts.map((c) => new Int32Array(c)), done: counts.map((c) => new Uint8Array(c)) };
}

/** Greedy coreduction pairing of unit u (see the file comment). */
export function pairGreedy(ctx: MorseContext, u: number, p: Pairs, s: GreedyScratch): void {
  const { complex, lowerStars: ls, incidence: inc, field } = ctx;
  const dim = complex.dim;
  const cellsOf = (d: number) => row(ls.unitCells[d], u);
  for (let d = 0; d <= dim; d++) for (const c of cellsOf(d)) s.done[d][c] = 0;
  for (let d = 1; d <= dim; d++) {
    const c = complex.cells[d];
    for (const sigma of cellsOf(d)) {
      let r = 0;
      for (let k = c.facetOffsets[sigma]; k < c.facetOffsets[sigma + 1]; k++) if (unitOfCell(ls, d - 1, c.facetIndices[k]) === u) r++;
      s.remaining[d][sigma] = r;
    }
  }
  const q1d: number[] = [];
  const q1c: number[] = [];
  const q0: number[][] = Array.from({ length: dim + 1 }, () => []);
  const finish = (d: number, sigma: number) => {
    if (d >= dim) return;
    const co = inc.cofacets[d];
    for (let k = co.offsets[sigma]; k < co.offsets[sigma + 1]; k++) {
      const rho = co.indices[k];
      if (s.done[d + 1][rho] || unitOfCell(ls, d + 1, rho) !== u) continue;
      const r = --s.remaining[d + 1][rho];
      if (r === 1) {
        q1d.push(d + 1);
        q1c.push(rho);
      } else if (r === 0) q0[d + 1].push(rho);
    }
  };
  // Start from every cell with exactly one facet in the unit (for a vertex's lower star: its edges),
  // the steepest descending edge first so that it pairs with the vertex; cells with none (the vertex
  // itself, or a flat component's vertices) wait in q0. q1 is a FIFO queue: breadth-first coreduction
  // leaves fewer stuck cells in large flat units than depth-first (seen on 4-D nets).
  const ev = inc.cellVertices[1];
  const drop = (e: number) => Math.min(field.values[ev.indices[ev.offsets[e]]], field.values[ev.indices[ev.offsets[e] + 1]]);
  for (let d = 1; d <= dim; d++) {
    const list = Array.from(cellsOf(d)).filter((c) => s.remaining[d][c] === 1);
    if (d === 1) list.sort((a, b) => drop(a) - drop(b));
    for (const c of list) {
      q1d.push(d);
      q1c.push(c);
    }
  }
  for (let d = 0; d <= dim; d++) for (const c of cellsOf(d)) if (d === 0 || s.remaining[d][c] === 0) q0[d].push(c);

  let head = 0;
  for (;;) {
    while (q1c.length > head) {
      const d = q1d[head];
      const tau = q1c[head++];
      if (s.done[d][tau]) continue;
      if (s.remaining[d][tau] === 0) {
        q0[d].push(tau);
        continue;
      }
      const c = complex.cells[d];
      let sigma = -1;
      for (let k = c.facetOffsets[tau]; k < c.facetOffsets[tau + 1]; k++) {
        const f = c.facetIndices[k];
        if (!s.done[d - 1][f] && unitOfCell(ls, d - 1, f) === u) sigma = f;
      }
      pair(p, d - 1, sigma, tau);
      s.done[d][tau] = 1;
      s.done[d - 1][sigma] = 1;
      finish(d - 1, sigma);
      finish(d, tau);
    }
    let picked = false;
    for (let d = 0; d <= dim && !picked; d++) {
      while (q0[d].length > 0) {
        const sigma = q0[d].pop()!;
        if (s.done[d][sigma]) continue;
        s.done[d][sigma] = 1; // critical: left unpaired
        finish(d, sigma);
        picked = true;
        break;
      }
    }
    if (!picked) break;
  }
}
