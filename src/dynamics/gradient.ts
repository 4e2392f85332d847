/**
 * Full-batch forward and backward pass of an MLP (ReLU hidden layers, linear output) on flat arrays.
 * `objective()` returns a function θ ↦ L(θ) that also writes ∇L(θ); all buffers are allocated once
 * and reused, so an optimiser or an ODE integrator can call it millions of times without garbage.
 *
 * ReLU's derivative at exactly 0 is taken as 0. The conservation law of Nurisso et al. (notes §2.2)
 * only needs z·σ'(z) = σ(z), which holds for any choice there.
 */
import { TesseraError } from '../numeric/errors.js';
import { checkTargets, lossAndOutputGradient, type LossName } from './loss.js';
import type { ParamLayout } from './params.js';

/** Inputs (count × inputDim) and targets (count × targetDim), row-major. */
export interface Batch {
  readonly inputs: Float64Array;
  readonly targets: Float64Array;
  readonly count: number;
  readonly inputDim: number;
  readonly targetDim: number;
}

/** θ ↦ L(θ), writing ∇L(θ) into `grad` (same length as θ). */
export type Objective = (theta: Float64Array, grad: Float64Array) => number;

export interface ObjectiveOptions {
  /** 1 marks a frozen parameter: its gradient is reported as 0. */
  frozen?: Uint8Array;
}

/**
 * The training objective for `layout` on `batch` under `loss`. The returned function also exposes
 * the network outputs of its last call (`outputs()`), e.g. for accuracy.
 */
export function objective(layout: ParamLayout, batch: Batch, loss: LossName, options: ObjectiveOptions = {}): Objective & { outputs(): Float64Array } {
  const w = layout.widths;
  const L = w.length - 1;
  const N = batch.count;
  if (batch.inputDim !== w[0]) throw new TesseraError('shape', `the data has ${batch.inputDim} input column(s) but the architecture starts with ${w[0]}`);
  if (N === 0) throw new TesseraError('input', 'the data set is empty');
  checkTargets(loss, batch.targets, N, batch.targetDim, w[L]);
  const frozen = options.frozen;
  if (frozen && frozen.length !== layout.size) throw new RangeError('frozen mask has the wrong length');
  // z[l]: pre-activations of layer l (N × w[l+1]); act[l]: ReLU(z[l]) for hidden layers.
  const z = Array.from({ length: L }, (_, l) => new Float64Array(N * w[l + 1]));
  const act = Array.from({ length: L - 1 }, (_, l) => new Float64Array(N * w[l + 1]));
  const delta = Array.from({ length: L }, (_, l) => new Float64Array(N * w[l + 1]));

  const f = ((theta: Float64Array, grad: Float64Array): number => {
    // Forward.
    let input = batch.inputs;
    for (let l = 0; l < L; l++) {
      const nIn = w[l];
      const nOut = w[l + 1];
      const wo = layout.weightOffset[l];
      const bo = layout.biasOffset[l];
      const zl = z[l];
      for (let i = 0; i < N; i++) {
        const xi = i * nIn;
        const zi = i * nOut;
        for (let o = 0; o < nOut; o++) {
          let s = theta[bo + o];
          const r = wo + o * nIn;
          for (let j = 0; j < nIn; j++) s += theta[r + j] * input[xi + j];
          zl[zi + o] = s;
        }
      }
      if (l < L - 1) {
        const a = act[l];
        for (let k = 0; k < zl.length; k++) a[k] = zl[k] > 0 ? zl[k] : 0;
        input = a;
      }
    }
    const value = lossAndOutputGradient(loss, z[L - 1], batch.targets, N, w[L], delta[L - 1]);
    // Backward: δ_l = ∂L/∂z_l; ∇W_l = δ_lᵀ·a_{l−1}, ∇b_l = Σᵢ δ_l, δ_{l−1} = (δ_l W_l) ⊙ 1[z_{l−1} > 0].
    for (let l = L - 1; l >= 0; l--) {
      const nIn = w[l];
      const nOut = w[l + 1];
      const wo = layout.weightOffset[l];
      const bo = layout.biasOffset[l];
      const d = delta[l];
      const prev = l === 0 ? batch.inputs : act[l - 1];
      grad.fill(0, wo, bo + nOut);
      for (let i = 0; i < N; i++) {
        const di = i * nOut;
        const pi = i * nIn;
        for (let o = 0; o < nOut; o++) {
          const g = d[di + o];
          if (g === 0) continue;
          grad[bo + o] += g;
          const r = wo + o * nIn;
          for (let j = 0; j < nIn; j++) grad[r + j] += g * prev[pi + j];
        }
      }
      if (l > 0) {
        const dp = delta[l - 1];
        const zp = z[l - 1];
        for (let i = 0; i < N; i++) {
          const di = i * nOut;
          const pi = i * nIn;
          for (let j = 0; j < nIn; j++) {
            if (!(zp[pi + j] > 0)) {
              dp[pi + j] = 0;
              continue;
            }
            let s = 0;
            for (let o = 0; o < nOut; o++) s += d[di + o] * theta[wo + o * nIn + j];
            dp[pi + j] = s;
          }
        }
      }
    }
    if (frozen) for (let k = 0; k < grad.length; k++) if (frozen[k]) grad[k] = 0;
    return value;
  }) as Objective & { outputs(): Float64Array };
  f.outputs = () => z[L - 1];
  return f;
}
