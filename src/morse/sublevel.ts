/**
 * Sublevel complexes K_t = {σ : max of F over σ ≤ t}. F is affine on each convex cell, so K_t is a union of
 * lower stars and is homotopy equivalent to the sublevel set {x in the domain : F(x) ≤ t} (notes §1.8,
 * "Filtration note"). Their Betti numbers are the right-hand side of the Morse inequalities at level t;
 * the left-hand side counts the critical cells whose unit has value ≤ t.
 */
import type { MorseContext } from './classify.js';
import type { GradientField } from './gradient.js';
import { morseInequalities, type MorseInequalities } from './inequalities.js';
import { bettiZ2 } from '../topology/betti.js';
import { chainComplexOfComplex, subcomplex, type ChainComplex } from '../topology/chain-complex.js';

/**
 * Value of a cell: F at its highest vertex — read at the vertex that stands for its unit, so that all
 * cells of a flat component share one value even where rounding left its vertices' values a few ulps apart.
 */
export function cellValue(ctx: MorseContext, d: number, i: number): number {
  const ls = ctx.lowerStars;
  return ctx.field.values[ls.unitVertex[ls.unitOfVertex[ls.owner[d][i]]]];
}

/** Z/2 Betti numbers of K_t (padded with zeros to the complex's dimension; zeros when K_t is empty). */
export function sublevelBetti(ctx: MorseContext, t: number, chain: ChainComplex = chainComplexOfComplex(ctx.complex)): number[] {
  const dim = ctx.complex.dim;
  const keep: Uint8Array[] = [];
  let any = false;
  for (let d = 0; d <= dim; d++) {
    const n = ctx.complex.cells[d].count;
    const k = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (cellValue(ctx, d, i) <= t) k[i] = 1;
    if (d === 0) any = k.includes(1);
    keep.push(k);
  }
  const betti = new Array<number>(dim + 1).fill(0);
  if (!any) return betti;
  bettiZ2(subcomplex(chain, keep).chain).forEach((b, d) => (betti[d] = b));
  return betti;
}

/** Critical cells of value ≤ t, per dimension. */
export function sublevelCritical(ctx: MorseContext, g: GradientField, t: number): number[] {
  const out = new Array<number>(ctx.complex.dim + 1).fill(0);
  for (let d = 0; d <= ctx.complex.dim; d++) {
    for (let i = 0; i < g.up[d].length; i++) if (g.up[d][i] < 0 && g.down[d][i] < 0 && cellValue(ctx, d, i) <= t) out[d]++;
  }
  return out;
}

export interface SublevelCheck extends MorseInequalities {
  readonly level: number;
}

/** The Morse inequalities on K_t for each level t. */
export function sublevelChecks(ctx: MorseContext, g: GradientField, levels: readonly number[]): SublevelCheck[] {
  const chain = chainComplexOfComplex(ctx.complex);
  return levels.map((t) => ({ level: t, ...morseInequalities(sublevelCritical(ctx, g, t), sublevelBetti(ctx, t, chain)) }));
}

/**
 * Levels between consecutive distinct critical values (and one above all), at most `max` of them, spread
 * evenly: where sublevel topology can differ.
 */
export function levelsBetweenCriticalValues(ctx: MorseContext, g: GradientField, max = 8): number[] {
  const vals = new Set<number>();
  for (let d = 0; d < g.up.length; d++) for (let i = 0; i < g.up[d].length; i++) if (g.up[d][i] < 0 && g.down[d][i] < 0) vals.add(cellValue(ctx, d, i));
  const sorted = [...vals].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const mids: number[] = [];
  for (let k = 0; k + 1 < sorted.length; k++) mids.push((sorted[k] + sorted[k + 1]) / 2);
  const top = sorted[sorted.length - 1];
  mids.push(top + Math.max(1, Math.abs(top)));
  if (mids.length <= max) return mids;
  return Array.from({ length: max }, (_, k) => mids[Math.round((k * (mids.length - 1)) / (max - 1))]);
}
