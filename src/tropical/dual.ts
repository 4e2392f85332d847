/**
 * The dual subdivision δ(f) of a tropical polynomial in two variables: the projection of the upper
 * faces of its lifted Newton polygon (notes §1, duality theorem). Its vertices are the monomials;
 * two monomials span an edge iff their linear regions share a 1-dimensional boundary (the tropical
 * curve's edge dual to it). One LP per pair: on the line where the two tie, maximise the slack of
 * every other monomial; an edge iff the slack is positive somewhere.
 */
import type { Arithmetic } from '../numeric/arithmetic.js';
import { TesseraError } from '../numeric/errors.js';
import { dominanceRows } from './dominance.js';
import { regionsShareFacet } from './walk.js';
import type { TropicalPolynomial } from './polynomial.js';

/** Edges [i, j] (i < j) of the dual subdivision of a pruned polynomial. */
export function dualSubdivisionEdges<T>(ar: Arithmetic<T>, p: TropicalPolynomial<T>, maxMonomials = 150): [number, number][] {
  if (p.dim !== 2) throw new TesseraError('unsupported', `dual subdivisions are drawn for 2 variables (this polynomial has ${p.dim})`);
  if (p.count > maxMonomials) throw new TesseraError('budget', `dual subdivision: ${p.count} monomials is over the drawing limit of ${maxMonomials}`);
  const edges: [number, number][] = [];
  const rowsOf = Array.from({ length: p.count }, (_, i) => dominanceRows(ar, p, i));
  for (let i = 0; i < p.count; i++) for (let j = i + 1; j < p.count; j++) if (regionsShareFacet(ar, p, rowsOf[i], i, j)) edges.push([i, j]);
  return edges;
}
