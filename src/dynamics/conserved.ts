/**
 * The quantities gradient flow conserves (Nurisso, Leroy & Vaccarino 2024, notes §2.2; the
 * "balancedness" law of Du, Hu & Lee 2018). For a hidden neuron with incoming weights w and bias b
 * (a row of W_l and b_l) and outgoing weights a (a column of W_{l+1}):
 *
 *     c = ‖a‖² − ‖w‖² − b²
 *
 * Because z·σ'(z) = σ(z) for ReLU, d/dt ‖a‖² = d/dt (‖w‖² + b²) along θ̇ = −∇L, so c is constant,
 * at every depth. Sign convention: the issue's (output² − input²); the paper writes the negative,
 * so the paper's "c_k < 0" (pathological) is our c > 0.
 *
 * Neurons are numbered layer by layer: hidden layer 1's neurons first, then layer 2's, …
 */
import { hiddenNeuronCount, type ParamLayout } from './params.js';

/** c for every hidden neuron, and the size of its terms (‖a‖² + ‖w‖² + b²) for relative drift. */
export function conservedQuantities(layout: ParamLayout, theta: Float64Array, out?: { c: Float64Array; scale: Float64Array }): { c: Float64Array; scale: Float64Array } {
  const h = hiddenNeuronCount(layout);
  const c = out?.c ?? new Float64Array(h);
  const scale = out?.scale ?? new Float64Array(h);
  const w = layout.widths;
  let k = 0;
  for (let l = 0; l < w.length - 2; l++) {
    const nIn = w[l];
    const nOut = w[l + 1];
    const nNext = w[l + 2];
    for (let o = 0; o < nOut; o++, k++) {
      let incoming = theta[layout.biasOffset[l] + o] ** 2;
      const r = layout.weightOffset[l] + o * nIn;
      for (let j = 0; j < nIn; j++) incoming += theta[r + j] ** 2;
      let outgoing = 0;
      const wn = layout.weightOffset[l + 1];
      for (let q = 0; q < nNext; q++) outgoing += theta[wn + q * nOut + o] ** 2;
      c[k] = outgoing - incoming;
      scale[k] = outgoing + incoming;
    }
  }
  return { c, scale };
}

/**
 * Largest relative change max_k |c_k − c0_k| / scale0_k. Relative to the size of the terms, not to
 * c itself, which may be near 0 while both terms are large (the tolerance policy's rule).
 */
export function maxRelativeDrift(c0: Float64Array, scale0: Float64Array, c: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < c0.length; k++) {
    const s = scale0[k] > 0 ? scale0[k] : 1;
    const d = Math.abs(c[k] - c0[k]) / s;
    if (d > worst) worst = d;
  }
  return worst;
}

/**
 * Rescale each hidden neuron (w, b, a) ↦ (αw, αb, a/α), α > 0 — which leaves the network function
 * unchanged — so that its c returns to `target` (notes §2.7). With u = α², ‖a‖²/u − u(‖w‖² + b²) = c
 * is a quadratic in u with exactly one positive root. For several hidden layers a neuron's scale
 * also moves its neighbours' c, so the sweep repeats until nothing changes (it contracts quickly).
 */
export function projectConserved(layout: ParamLayout, theta: Float64Array, target: Float64Array, maxSweeps = 50): void {
  const w = layout.widths;
  const sweeps = w.length > 3 ? maxSweeps : 1;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let change = 0;
    let k = 0;
    for (let l = 0; l < w.length - 2; l++) {
      const nIn = w[l];
      const nOut = w[l + 1];
      const nNext = w[l + 2];
      const wn = layout.weightOffset[l + 1];
      for (let o = 0; o < nOut; o++, k++) {
        const bIdx = layout.biasOffset[l] + o;
        const r = layout.weightOffset[l] + o * nIn;
        let inc = theta[bIdx] ** 2;
        for (let j = 0; j < nIn; j++) inc += theta[r + j] ** 2;
        let outg = 0;
        for (let q = 0; q < nNext; q++) outg += theta[wn + q * nOut + o] ** 2;
        const c = target[k];
        let u: number;
        if (inc === 0) u = c > 0 && outg > 0 ? outg / c : 1;
        else if (outg === 0) u = c < 0 ? -c / inc : 1;
        else {
          // inc·u² + c·u − outg = 0; pick the cancellation-free form of the positive root.
          const disc = Math.sqrt(c * c + 4 * inc * outg);
          u = c <= 0 ? (-c + disc) / (2 * inc) : (2 * outg) / (c + disc);
        }
        if (!(u > 0) || !Number.isFinite(u) || u === 1) continue;
        const alpha = Math.sqrt(u);
        change = Math.max(change, Math.abs(alpha - 1));
        theta[bIdx] *= alpha;
        for (let j = 0; j < nIn; j++) theta[r + j] *= alpha;
        for (let q = 0; q < nNext; q++) theta[wn + q * nOut + o] /= alpha;
      }
    }
    if (change <= 4 * Number.EPSILON) break;
  }
}
