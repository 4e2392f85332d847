/**
 * The invariant quadric of one hidden neuron (notes §2.2–2.3). With m incoming parameters (weights,
 * plus the bias when it is trained) and e outgoing weights, gradient flow keeps the neuron on
 *
 *     Q(c) = {(w, a) ∈ ℝᵐ × ℝᵉ : ‖a‖² − ‖w‖² = c}.
 *
 * - c > 0: ‖a‖² = c + ‖w‖² ≥ c, so Q ≅ ℝᵐ × S^{e−1}: two components (a > 0, a < 0) when e = 1 — a
 *   two-sheeted hyperboloid. The output weight's sign is frozen: a "pathological" neuron.
 * - c < 0: ‖w‖² = |c| + ‖a‖², so Q ≅ S^{m−1} × ℝᵉ: connected unless m = 1, where the single
 *   incoming weight's sign is frozen (only when the bias is not trained and the input is 1-D).
 * - c = 0: the cone ‖a‖ = ‖w‖, contractible through its apex, so counted as connected, as in the
 *   paper (its factor in the Poincaré polynomial is 1). The apex (w, a) = 0 is an equilibrium of the
 *   flow, so a trajectory never passes through it in finite time; we flag such neurons `degenerate`.
 *
 * Whether c is 0 follows the tolerance policy: |c| ≤ relative × (‖a‖² + ‖w‖²).
 */
import { DEFAULT_TOLERANCE, signOf, type Tolerance } from '../numeric/tolerance.js';

export type QuadricShape = 'two-sheeted' | 'one-sheeted' | 'cone';

export interface Quadric {
  /** Sign of c under the tolerance policy. */
  sign: -1 | 0 | 1;
  /** Number of connected components of Q(c): 1 or 2. */
  components: 1 | 2;
  /** What a component label freezes: the output weight's sign, the incoming weight's sign, or nothing. */
  frozen: 'output-sign' | 'input-sign' | null;
  /** `two-sheeted` when disconnected, `cone` when c = 0, else `one-sheeted`. */
  shape: QuadricShape;
  /** Homotopy type, e.g. "ℝ³ × S⁰". */
  topology: string;
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function sup(n: number): string {
  return String(n).split('').map((d) => SUP[Number(d)]).join('');
}

export function classifyQuadric(c: number, scale: number, incomingDim: number, outgoingDim: number, tol: Tolerance = DEFAULT_TOLERANCE): Quadric {
  const sign = signOf(c, scale, tol);
  if (sign === 0) return { sign, components: 1, frozen: null, shape: 'cone', topology: `cone in ℝ${sup(incomingDim + outgoingDim)} (contractible)` };
  if (sign > 0) {
    const two = outgoingDim === 1;
    return { sign, components: two ? 2 : 1, frozen: two ? 'output-sign' : null, shape: two ? 'two-sheeted' : 'one-sheeted', topology: `ℝ${sup(incomingDim)} × S${sup(outgoingDim - 1)}` };
  }
  const two = incomingDim === 1;
  return { sign, components: two ? 2 : 1, frozen: two ? 'input-sign' : null, shape: two ? 'two-sheeted' : 'one-sheeted', topology: `S${sup(incomingDim - 1)} × ℝ${sup(outgoingDim)}` };
}
