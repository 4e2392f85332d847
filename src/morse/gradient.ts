/**
 * The discrete gradient vector field of F on the complex (Brooks & Masden §4; notes §1.5–1.7): the union
 * of local pairings, one per lower star (or flat unit). Because every pair lies in one unit and a V-path
 * that leaves a unit drops to a unit of strictly lower value, the union is acyclic whenever each local
 * pairing is (notes §1.7 "Global field"); acyclic.ts checks it anyway, independently.
 *
 * Relative perfectness (FLV; notes §1.6): in each unit the number of critical k-cells equals β_k of the
 * unit's local sublevel pair. Then the critical cells are the PL critical points with multiplicity, the
 * index being the cell's dimension. The cubical construction guarantees it; the greedy one is checked.
 */
import type { MorseContext } from './classify.js';
import { cubicalStar, transversalRule } from './cubical.js';
import { row } from './incidence.js';
import { greedyScratch, pairCubical, pairGreedy, type Pairs } from './pairing.js';

/** How a unit was paired. */
export const PairingMethod = { Cubical: 0, Greedy: 1 } as const;

export interface GradientField extends Pairs {
  readonly dim: number;
  /** Per unit: PairingMethod. */
  readonly method: Uint8Array;
  /** Per unit × (dim+1): critical cells of each dimension inside the unit. */
  readonly unitCritical: Int32Array;
}

export function discreteGradient(ctx: MorseContext): GradientField {
  const { complex, incidence: inc, lowerStars: ls, field } = ctx;
  const dim = complex.dim;
  const D = dim + 1;
  const up = inc.counts.map((c) => new Int32Array(c).fill(-1));
  const down = inc.counts.map((c) => new Int32Array(c).fill(-1));
  const p: Pairs = { up, down };
  const method = new Uint8Array(ls.unitCount);
  const scratch = greedyScratch(inc.counts);
  for (let u = 0; u < ls.unitCount; u++) {
    let cubical = false;
    if (!ls.unitFlat[u] && !inc.boundaryVertex[ls.unitVertex[u]]) {
      const v = ls.unitVertex[u];
      const star = cubicalStar(complex, inc, v);
      if (star) {
        const verdict = transversalRule(star, inc, field.edgeSlope, v);
        if (verdict.kind !== 'degenerate') {
          pairCubical(ctx, star, v, verdict, p);
          cubical = true;
        }
      }
    }
    if (cubical) method[u] = PairingMethod.Cubical;
    else {
      method[u] = PairingMethod.Greedy;
      pairGreedy(ctx, u, p, scratch);
    }
  }
  const unitCritical = new Int32Array(ls.unitCount * D);
  for (let d = 0; d <= dim; d++) {
    for (let i = 0; i < inc.counts[d]; i++) {
      if (up[d][i] < 0 && down[d][i] < 0) unitCritical[ls.unitOfVertex[ls.owner[d][i]] * D + d]++;
    }
  }
  return { dim, up, down, method, unitCritical };
}

/** The critical (unpaired) cells of each dimension. */
export function criticalCells(g: GradientField): Int32Array[] {
  return g.up.map((u, d) => {
    const out: number[] = [];
    for (let i = 0; i < u.length; i++) if (u[i] < 0 && g.down[d][i] < 0) out.push(i);
    return Int32Array.from(out);
  });
}

/** Number of critical cells per dimension. */
export function criticalCounts(g: GradientField): number[] {
  return criticalCells(g).map((c) => c.length);
}

/** Is the field a matching of facet pairs (every pair (σ, τ) has σ a facet of τ, each cell in ≤ 1 pair)? */
export function isMatching(ctx: MorseContext, g: GradientField): boolean {
  const { complex } = ctx;
  for (let d = 0; d < g.dim; d++) {
    const c = complex.cells[d + 1];
    for (let i = 0; i < g.up[d].length; i++) {
      const t = g.up[d][i];
      if (t < 0) continue;
      if (g.down[d + 1][t] !== i || g.down[d][i] >= 0) return false;
      let facet = false;
      for (let k = c.facetOffsets[t]; k < c.facetOffsets[t + 1]; k++) if (c.facetIndices[k] === i) facet = true;
      if (!facet) return false;
    }
  }
  return true;
}

export interface PerfectnessReport {
  /** Units whose critical cells equal their local Betti numbers in every dimension. */
  readonly perfectUnits: number;
  readonly units: number;
  /** Non-flat vertices where the critical cells of the lower star differ from β(v): PL/discrete mismatch. */
  readonly mismatches: { vertex: number; betti: number[]; critical: number[] }[];
}

/** Compare each unit's critical cells with its local Betti numbers (relative perfectness, notes §1.6). */
export function relativePerfectness(ctx: MorseContext, g: GradientField): PerfectnessReport {
  const D = ctx.complex.dim + 1;
  const ls = ctx.lowerStars;
  let perfect = 0;
  const mismatches: PerfectnessReport['mismatches'] = [];
  for (let u = 0; u < ls.unitCount; u++) {
    let ok = true;
    for (let d = 0; d < D; d++) if (g.unitCritical[u * D + d] !== ctx.unitBetti[u * D + d]) ok = false;
    if (ok) perfect++;
    else
      mismatches.push({
        vertex: ls.unitVertex[u],
        betti: Array.from(ctx.unitBetti.subarray(u * D, (u + 1) * D)),
        critical: Array.from(g.unitCritical.subarray(u * D, (u + 1) * D)),
      });
  }
  return { perfectUnits: perfect, units: ls.unitCount, mismatches };
}

/** The critical cells of unit u, per dimension (for drawing and for the Morse complex). */
export function unitCriticalCells(ctx: MorseContext, g: GradientField, u: number): number[][] {
  return ctx.lowerStars.unitCells.map((csr, d) => Array.from(row(csr, u)).filter((i) => g.up[d][i] < 0 && g.down[d][i] < 0));
}
