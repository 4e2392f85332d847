/**
 * Training loop: full-batch gd, adam, or gradient flow θ̇ = −∇L integrated by Dormand–Prince 5(4).
 * Records the loss curve and the conserved quantities c_k = ‖a_k‖² − ‖w_k‖² − b_k² of every hidden
 * neuron (notes §2.2), so the caller can show that flow keeps them and gd/adam do not.
 *
 * One "epoch" is one full-batch step for gd/adam, and a time interval of length `lr` for flow, so
 * `epochs × lr` is the same flow time for all three (gd with step η is Euler's method for the flow).
 */
import { TesseraError } from '../numeric/errors.js';
import type { Network } from '../net/network.js';
import { conservedQuantities, maxRelativeDrift, projectConserved } from './conserved.js';
import { dopriStepper, type DopriStats } from './dopri.js';
import { objective, type Batch } from './gradient.js';
import { accuracy as accuracyOf, type LossName } from './loss.js';
import { adam, gradientDescent, type DiscreteOptimizer } from './optimizers.js';
import { hiddenBiasMask, packNetwork, unpackNetwork, type ParamLayout } from './params.js';

export type OptimizerName = 'gd' | 'adam' | 'flow';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['gd', 'adam', 'flow'];

export interface TrainOptions {
  loss: LossName;
  optimizer: OptimizerName;
  epochs: number;
  /** Step size for gd/adam; flow time per epoch for flow. */
  lr: number;
  /** Flow only: relative and absolute local error tolerances (default 1e-10, 1e-12). */
  rtol?: number;
  atol?: number;
  /** Flow only: cap on integrator steps (default 10 000 000). */
  maxSteps?: number;
  /** Flow only: smallest integrator step (default min(2e-3, lr/10)), see DopriOptions.minStep. */
  minStep?: number;
  /** Rescale neurons after each epoch so every c_k returns exactly to its initial value (notes §2.7). */
  project?: boolean;
  /** Hold hidden biases fixed (then c_k is conserved only if they are 0). */
  freezeHiddenBias?: boolean;
  /** Called after every epoch with the loss reached. */
  onEpoch?: (epoch: number, loss: number) => void;
  /** Keep a copy of θ after every epoch (for pictures of small nets). */
  recordTrajectory?: boolean;
}

export interface ConservedReport {
  /** c_k at the start and at the end, one per hidden neuron (layer by layer). */
  initial: Float64Array;
  final: Float64Array;
  /** ‖a_k‖² + ‖w_k‖² + b_k² at the start: the scale drifts are measured against. */
  scale: Float64Array;
  /** max over epochs and neurons of |c_k(t) − c_k(0)| / scale_k. */
  maxRelativeDrift: number;
  /** The same at the end of training. */
  finalRelativeDrift: number;
  /** Drift after each epoch (index 0 is the start, 0). */
  driftCurve: Float64Array;
  /** With `project`: the largest drift any single epoch produced before it was projected away. */
  preProjectionDrift?: number;
}

export interface TrainResult {
  layout: ParamLayout;
  theta: Float64Array;
  network: Network;
  /** Loss at the start and after each epoch (epochs + 1 values). */
  lossCurve: Float64Array;
  finalLoss: number;
  /** Share classified right (bce/ce); NaN for mse. */
  accuracy: number;
  conserved: ConservedReport;
  /** Flow only: integrator statistics and the total flow time. */
  flow?: DopriStats & { time: number };
  /** With `recordTrajectory`: θ at the start and after each epoch. */
  trajectory?: Float64Array[];
}

export function train(init: Network, batch: Batch, options: TrainOptions): TrainResult {
  const { epochs, lr, optimizer } = options;
  if (!Number.isInteger(epochs) || epochs < 0) throw new TesseraError('input', `--epochs: expected a non-negative integer, got ${epochs}`);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new TesseraError('input', `--lr: expected a positive number, got ${lr}`);
  const { layout, theta } = packNetwork(init);
  const n = layout.size;
  const frozen = options.freezeHiddenBias ? hiddenBiasMask(layout) : undefined;
  const f = objective(layout, batch, options.loss, { frozen });
  const grad = new Float64Array(n);

  const start = conservedQuantities(layout, theta);
  const c0 = start.c.slice();
  const scale0 = start.scale.slice();
  const current = { c: new Float64Array(c0.length), scale: new Float64Array(c0.length) };
  const driftCurve = new Float64Array(epochs + 1);
  const lossCurve = new Float64Array(epochs + 1);
  let preProjection = 0;
  const project = !!options.project && c0.length > 0;

  const trajectory = options.recordTrajectory ? [theta.slice()] : undefined;
  /** Measure drift after an epoch (projecting first when asked) and return it. */
  const afterEpoch = (): number => {
    trajectory?.push(theta.slice()); // before projection: the picture shows the optimiser's own path
    conservedQuantities(layout, theta, current);
    if (!project) return maxRelativeDrift(c0, scale0, current.c);
    preProjection = Math.max(preProjection, maxRelativeDrift(c0, scale0, current.c));
    projectConserved(layout, theta, c0);
    conservedQuantities(layout, theta, current);
    return maxRelativeDrift(c0, scale0, current.c);
  };
  const check = (loss: number, epoch: number) => {
    if (!Number.isFinite(loss)) throw new TesseraError('input', `training diverged at epoch ${epoch} (loss ${loss}); lower --lr`);
  };

  let flowStats: TrainResult['flow'];
  if (optimizer === 'flow') {
    let lastLoss = NaN;
    const stepper = dopriStepper(
      (y, dydt) => {
        lastLoss = f(y, dydt);
        for (let i = 0; i < n; i++) dydt[i] = -dydt[i];
      },
      n,
      { rtol: options.rtol ?? 1e-10, atol: options.atol ?? 1e-12, maxSteps: options.maxSteps ?? 10_000_000, minStep: options.minStep ?? Math.min(2e-3, lr / 10) },
    );
    lossCurve[0] = f(theta, grad);
    check(lossCurve[0], 0);
    for (let e = 1; e <= epochs; e++) {
      stepper.advance(theta, lr);
      driftCurve[e] = afterEpoch();
      if (project) {
        stepper.invalidate();
        lastLoss = f(theta, grad); // projection keeps the function, but recompute to be exact
      }
      lossCurve[e] = lastLoss;
      check(lastLoss, e);
      options.onEpoch?.(e, lastLoss);
    }
    flowStats = { ...stepper.stats, time: epochs * lr };
  } else {
    const opt: DiscreteOptimizer = optimizer === 'adam' ? adam(f, n, lr) : gradientDescent(f, n, lr);
    for (let e = 1; e <= epochs; e++) {
      const loss = opt.step(theta);
      lossCurve[e - 1] = loss;
      check(loss, e - 1);
      driftCurve[e] = afterEpoch();
      options.onEpoch?.(e, loss);
    }
    lossCurve[epochs] = f(theta, grad);
    check(lossCurve[epochs], epochs);
  }
  f(theta, grad); // refresh the outputs for the accuracy
  const acc = accuracyOf(options.loss, f.outputs(), batch.targets, batch.count, layout.widths[layout.widths.length - 1]);
  conservedQuantities(layout, theta, current);
  let maxDrift = 0;
  for (const d of driftCurve) if (d > maxDrift) maxDrift = d;
  return {
    layout,
    theta,
    network: unpackNetwork(layout, theta),
    lossCurve,
    finalLoss: lossCurve[epochs],
    accuracy: acc,
    conserved: {
      initial: c0,
      final: current.c.slice(),
      scale: scale0,
      maxRelativeDrift: maxDrift,
      finalRelativeDrift: maxRelativeDrift(c0, scale0, current.c),
      driftCurve,
      ...(project ? { preProjectionDrift: preProjection } : {}),
    },
    ...(flowStats ? { flow: flowStats } : {}),
    ...(trajectory ? { trajectory } : {}),
  };
}
