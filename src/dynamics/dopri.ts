/**
 * Dormand–Prince 5(4): an explicit embedded Runge–Kutta pair with error control (Dormand & Prince
 * 1980; Hairer, Nørsett & Wanner, Solving ODEs I, §II.4–5). Used for gradient flow θ̇ = −∇L.
 *
 * The gradient of a ReLU network jumps where a sample crosses a neuron's kink, so the vector field is
 * only piecewise smooth; the error controller notices each crossing and shrinks the step there.
 * A stepper keeps its own buffers and its last step size, so successive `advance` calls (one per
 * recorded epoch) continue smoothly. Local error per step is measured in the max norm against
 * atol + rtol·max(|yᵢ|, |y_newᵢ|).
 */
import { TesseraError } from '../numeric/errors.js';

/** dy/dt = f(y) (autonomous), written into `dydt`. */
export type VectorField = (y: Float64Array, dydt: Float64Array) => void;

export interface DopriOptions {
  rtol: number;
  atol: number;
  /** Cap on attempted steps over the stepper's life; exceeding it throws a budget TesseraError. */
  maxSteps: number;
  /**
   * Smallest step: where the error test would go below it, the step is taken anyway ("forced").
   * Needed because gradient flow of a ReLU net can slide along a kink (a Filippov sliding mode),
   * where an explicit method chatters across the kink and the error estimate stays O(h·jump).
   * The conserved quantities still drift only O(h²·‖∇L‖²) per step there, since they are quadratic
   * and conserved exactly by every stage's field (dc·f = 0 pointwise).
   */
  minStep?: number;
}

export interface DopriStats {
  accepted: number;
  rejected: number;
  evaluations: number;
  /** Smallest accepted step. */
  minStep: number;
  /** Steps taken at the minimum step size with the error test failing (see DopriOptions.minStep). */
  forced: number;
}

// Butcher tableau (c is unused: the field is autonomous).
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const B1 = 35 / 384, B3 = 500 / 1113, B4 = 125 / 192, B5 = -2187 / 6784, B6 = 11 / 84;
// Differences between the 5th-order and the embedded 4th-order weights (error estimate).
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;

export interface DopriStepper {
  /** Integrate y in place from t to t + span. */
  advance(y: Float64Array, span: number): void;
  /** Forget the cached derivative (call after changing y outside the stepper). */
  invalidate(): void;
  readonly stats: DopriStats;
}

export function dopriStepper(field: VectorField, n: number, options: DopriOptions): DopriStepper {
  const { rtol, atol, maxSteps } = options;
  const hMin = options.minStep ?? 0;
  if (!(rtol > 0) || !(atol >= 0)) throw new TesseraError('input', `ODE tolerances must be positive (rtol ${rtol}, atol ${atol})`);
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n), k4 = new Float64Array(n);
  const k5 = new Float64Array(n), k6 = new Float64Array(n), k7 = new Float64Array(n);
  const tmp = new Float64Array(n), yNew = new Float64Array(n);
  const stats: DopriStats = { accepted: 0, rejected: 0, evaluations: 0, minStep: Infinity, forced: 0 };
  let haveK1 = false;
  let h = 0;
  const eval_ = (y: Float64Array, out: Float64Array) => {
    stats.evaluations++;
    field(y, out);
  };

  function initialStep(y: Float64Array, span: number): number {
    // Hairer's heuristic: h ≈ 0.01·‖y‖/‖f(y)‖ in the weighted norm, capped by the span.
    let d0 = 0, d1 = 0;
    for (let i = 0; i < n; i++) {
      const sc = atol + rtol * Math.abs(y[i]);
      d0 = Math.max(d0, Math.abs(y[i]) / sc);
      d1 = Math.max(d1, Math.abs(k1[i]) / sc);
    }
    const h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
    return Math.min(h0, span);
  }

  function advance(y: Float64Array, span: number): void {
    if (!(span > 0)) return;
    if (!haveK1) {
      eval_(y, k1);
      haveK1 = true;
    }
    if (h <= 0) h = initialStep(y, span);
    let left = span;
    while (left > 0) {
      if (stats.accepted + stats.rejected >= maxSteps) {
        throw new TesseraError('budget', `gradient flow took more than ${maxSteps} integrator steps; raise --max-steps, loosen --rtol, or shorten the run`);
      }
      const last = h >= left * (1 - 1e-12);
      const step = last ? left : Math.max(h, Math.min(hMin, left));
      for (let i = 0; i < n; i++) tmp[i] = y[i] + step * A21 * k1[i];
      eval_(tmp, k2);
      for (let i = 0; i < n; i++) tmp[i] = y[i] + step * (A31 * k1[i] + A32 * k2[i]);
      eval_(tmp, k3);
      for (let i = 0; i < n; i++) tmp[i] = y[i] + step * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
      eval_(tmp, k4);
      for (let i = 0; i < n; i++) tmp[i] = y[i] + step * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
      eval_(tmp, k5);
      for (let i = 0; i < n; i++) tmp[i] = y[i] + step * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
      eval_(tmp, k6);
      for (let i = 0; i < n; i++) yNew[i] = y[i] + step * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
      eval_(yNew, k7);
      let err = 0;
      for (let i = 0; i < n; i++) {
        const e = step * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
        const r = Math.abs(e) / sc;
        if (r > err) err = r;
      }
      if (!Number.isFinite(err)) throw new TesseraError('input', 'gradient flow diverged (non-finite parameters); lower the learning rate / time step or check the data scale');
      // Standard controller: safety 0.9, growth in [0.2, 5] (no growth right after a rejection).
      const factor = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
      const forced = err > 1 && step <= hMin;
      if (err <= 1 || forced) {
        if (forced) stats.forced++;
        y.set(yNew);
        k1.set(k7); // first-same-as-last
        stats.accepted++;
        if (step < stats.minStep) stats.minStep = step;
        left = last ? 0 : left - step;
        if (!last || factor < 1) h = Math.max(step * factor, hMin);
      } else {
        stats.rejected++;
        h = Math.max(step * Math.min(1, factor), hMin);
        if (h < 1e-15 * span) throw new TesseraError('input', 'gradient flow step size underflow (the flow is too stiff here); loosen --rtol');
      }
    }
  }

  return {
    advance,
    invalidate() {
      haveK1 = false;
    },
    stats,
  };
}
