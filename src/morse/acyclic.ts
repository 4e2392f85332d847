/**
 * Acyclicity of a discrete vector field (Forman; notes §1.5): V is a gradient iff the Hasse diagram with
 * the paired edges reversed has no directed cycle. Edges of that diagram: τ → σ for each facet σ of τ
 * unless (σ, τ) is a pair, and σ → τ for each pair. Checked by an iterative depth-first search over flat
 * arrays (cells numbered consecutively across dimensions), so deep V-paths cannot overflow the stack.
 */
import type { Complex } from '../complex/types.js';
import type { Pairs } from './pairing.js';

export interface AcyclicityReport {
  readonly acyclic: boolean;
  /** When not acyclic: one closed V-path as (dim, cell) pairs. */
  readonly cycle?: [number, number][];
}

export function checkAcyclic(complex: Complex, p: Pairs): AcyclicityReport {
  const dim = complex.dim;
  const base = new Int32Array(dim + 2);
  for (let d = 0; d <= dim; d++) base[d + 1] = base[d] + complex.cells[d].count;
  const N = base[dim + 1];
  const dimOf = new Int8Array(N);
  for (let d = 0; d <= dim; d++) dimOf.fill(d, base[d], base[d + 1]);
  // Out-edges of node x = (d, i): cursor 0 is the up-edge (if paired up), cursors 1.. the facets.
  const color = new Uint8Array(N); // 0 white, 1 on stack, 2 done
  const stack = new Int32Array(N);
  const cursor = new Int32Array(N);
  for (let start = 0; start < N; start++) {
    if (color[start]) continue;
    let top = 0;
    stack[0] = start;
    cursor[start] = 0;
    color[start] = 1;
    while (top >= 0) {
      const x = stack[top];
      const d = dimOf[x];
      const i = x - base[d];
      const k = cursor[x]++;
      let next = -1;
      if (k === 0) {
        const t = d < dim ? p.up[d][i] : -1;
        if (t >= 0) next = base[d + 1] + t;
      } else if (d > 0) {
        const c = complex.cells[d];
        const q = c.facetOffsets[i] + k - 1;
        if (q < c.facetOffsets[i + 1]) {
          const f = c.facetIndices[q];
          if (p.down[d][i] !== f) next = base[d - 1] + f;
        } else {
          color[x] = 2;
          top--;
          continue;
        }
      } else {
        color[x] = 2;
        top--;
        continue;
      }
      if (next < 0) continue;
      if (color[next] === 1) {
        const from = Array.from(stack.subarray(0, top + 1)).indexOf(next);
        const cycle = Array.from(stack.subarray(from, top + 1)).map((y): [number, number] => [dimOf[y], y - base[dimOf[y]]]);
        return { acyclic: false, cycle };
      }
      if (color[next] === 0) {
        color[next] = 1;
        cursor[next] = 0;
        stack[++top] = next;
      }
    }
  }
  return { acyclic: true };
}
