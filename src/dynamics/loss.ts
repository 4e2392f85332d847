/**
 * Losses on the network's raw outputs (linear last layer), each with its derivative with respect to
 * the outputs. All are means over the batch, so the gradient flow's time scale does not depend on
 * the number of samples.
 *
 * - `mse`: mean over samples and outputs of (f − y)² (PyTorch's MSELoss).
 * - `bce`: binary cross-entropy on logits, targets in [0, 1]: mean of softplus(f) − y·f.
 * - `ce`:  softmax cross-entropy; the target is one column of class indices 0…K−1, K = output width.
 */
import { TesseraError } from '../numeric/errors.js';

export type LossName = 'mse' | 'bce' | 'ce';
export const LOSS_NAMES: readonly LossName[] = ['mse', 'bce', 'ce'];

/** log(1 + eᶠ) without overflow. */
export function softplus(f: number): number {
  return f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f));
}

export function sigmoid(f: number): number {
  if (f >= 0) return 1 / (1 + Math.exp(-f));
  const e = Math.exp(f);
  return e / (1 + e);
}

/**
 * Loss of `outputs` (count × m) against `targets` (count × t), and ∂loss/∂outputs into `dOut`.
 * For mse and bce t = m; for ce t = 1.
 */
export function lossAndOutputGradient(
  loss: LossName,
  outputs: Float64Array,
  targets: Float64Array,
  count: number,
  m: number,
  dOut: Float64Array,
): number {
  let total = 0;
  if (loss === 'mse') {
    const inv = 1 / (count * m);
    for (let k = 0; k < count * m; k++) {
      const r = outputs[k] - targets[k];
      total += r * r;
      dOut[k] = 2 * r * inv;
    }
    return total * inv;
  }
  if (loss === 'bce') {
    const inv = 1 / (count * m);
    for (let k = 0; k < count * m; k++) {
      const f = outputs[k];
      total += softplus(f) - targets[k] * f;
      dOut[k] = (sigmoid(f) - targets[k]) * inv;
    }
    return total * inv;
  }
  // Softmax cross-entropy, shifted by the row maximum for stability.
  const inv = 1 / count;
  for (let i = 0; i < count; i++) {
    const o = i * m;
    let max = -Infinity;
    for (let j = 0; j < m; j++) if (outputs[o + j] > max) max = outputs[o + j];
    let sum = 0;
    for (let j = 0; j < m; j++) sum += Math.exp(outputs[o + j] - max);
    const y = targets[i];
    total += max + Math.log(sum) - outputs[o + y];
    for (let j = 0; j < m; j++) dOut[o + j] = (Math.exp(outputs[o + j] - max) / sum - (j === y ? 1 : 0)) * inv;
  }
  return total * inv;
}

/** Checks that targets suit the loss and the output width; throws a TesseraError naming the mismatch. */
export function checkTargets(loss: LossName, targets: Float64Array, count: number, targetDim: number, outputDim: number): void {
  if (loss === 'ce') {
    if (targetDim !== 1) throw new TesseraError('shape', `--loss ce needs one target column of class indices, got ${targetDim} columns`);
    if (outputDim < 2) throw new TesseraError('shape', `--loss ce needs an output width ≥ 2 (one output per class), got ${outputDim}`);
    for (let i = 0; i < count; i++) {
      const y = targets[i];
      if (!Number.isInteger(y) || y < 0 || y >= outputDim) {
        throw new TesseraError('input', `--loss ce: target ${y} (sample ${i}) is not a class index in 0…${outputDim - 1}`);
      }
    }
    return;
  }
  if (targetDim !== outputDim) {
    throw new TesseraError('shape', `the data has ${targetDim} target column(s) but the network has ${outputDim} output(s)`);
  }
  if (loss === 'bce') {
    for (let k = 0; k < count * targetDim; k++) {
      if (!(targets[k] >= 0 && targets[k] <= 1)) throw new TesseraError('input', `--loss bce needs targets in [0, 1], got ${targets[k]}`);
    }
  }
}

/** Share of samples classified right: sign of the logit (bce) or the arg-max (ce). NaN for mse. */
export function accuracy(loss: LossName, outputs: Float64Array, targets: Float64Array, count: number, m: number): number {
  if (loss === 'mse') return NaN;
  let right = 0;
  for (let i = 0; i < count; i++) {
    if (loss === 'bce') {
      let ok = true;
      for (let j = 0; j < m; j++) if ((outputs[i * m + j] > 0 ? 1 : 0) !== (targets[i * m + j] >= 0.5 ? 1 : 0)) ok = false;
      if (ok) right++;
    } else {
      let best = 0;
      for (let j = 1; j < m; j++) if (outputs[i * m + j] > outputs[i * m + best]) best = j;
      if (best === targets[i]) right++;
    }
  }
  return right / count;
}
