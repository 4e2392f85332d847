/**
 * The playground's training session: a toy data set and a network from the library (src/dynamics:
 * datasets, initNetwork, the full-batch objective and its optimisers), stepped a few epochs at a time
 * so the page can redraw the complex between steps. Pure; the train worker drives it.
 */
import { loadDataset, type Dataset } from '../../src/dynamics/datasets.js';
import { conservedQuantities, maxRelativeDrift } from '../../src/dynamics/conserved.js';
import { objective } from '../../src/dynamics/gradient.js';
import { initNetwork } from '../../src/dynamics/init.js';
import { accuracy } from '../../src/dynamics/loss.js';
import { adam, gradientDescent, type DiscreteOptimizer } from '../../src/dynamics/optimizers.js';
import { packNetwork, unpackNetwork, type ParamLayout } from '../../src/dynamics/params.js';
import { train } from '../../src/dynamics/train.js';
import type { Network } from '../../src/net/network.js';

export type ToyName = 'xor' | 'circles' | 'moons' | 'spiral';
export type PlaygroundOptimizer = 'gd' | 'adam' | 'flow';

export interface SessionOptions {
  data: ToyName;
  /** Hidden widths, e.g. [8, 8]. */
  hidden: number[];
  lr: number;
  optimizer: PlaygroundOptimizer;
  seed: number;
}

export interface Snapshot {
  step: number;
  /** Losses of the steps taken since the previous snapshot (loss at the θ each step started from). */
  losses: Float64Array;
  /** Loss and accuracy at the current θ. */
  loss: number;
  accuracy: number;
  network: Network;
  /** c_k = ‖a_k‖² − ‖w_k‖² − b_k² per hidden neuron (src/dynamics/conserved.ts), and drift since step 0. */
  conserved: Float64Array;
  drift: number;
}

export interface Session {
  readonly dataset: Dataset;
  readonly layout: ParamLayout;
  /** Take `count` optimiser steps; returns the snapshot after them. */
  steps(count: number): Snapshot;
  snapshot(): Snapshot;
}

export function toyData(name: ToyName, seed: number): Dataset {
  return loadDataset(name, { seed, samples: 200 });
}

export function createSession(options: SessionOptions): Session {
  const dataset = toyData(options.data, options.seed);
  const widths = [2, ...options.hidden, 1];
  const { layout, theta } = packNetwork(initNetwork(widths, 'kaiming', options.seed));
  const f = objective(layout, dataset, 'bce');
  // gd and adam step here; 'flow' integrates θ̇ = −∇L exactly (Dormand–Prince, the library's train),
  // one time interval of length lr per step, which keeps every c_k to ~1e-10 (Nurisso et al. 2024).
  const opt: DiscreteOptimizer =
    options.optimizer === 'flow'
      ? {
          step(th) {
            const r = train(unpackNetwork(layout, th), dataset, { loss: 'bce', optimizer: 'flow', epochs: 1, lr: options.lr });
            th.set(r.theta);
            return r.lossCurve[0];
          },
        }
      : options.optimizer === 'adam'
        ? adam(f, layout.size, options.lr)
        : gradientDescent(f, layout.size, options.lr);
  const scratch = new Float64Array(layout.size);
  const start = conservedQuantities(layout, theta);
  let step = 0;
  let pending: number[] = [];

  const snapshot = (): Snapshot => {
    const loss = f(theta, scratch);
    const acc = accuracy('bce', f.outputs(), dataset.targets, dataset.count, 1);
    const { c } = conservedQuantities(layout, theta);
    const losses = Float64Array.from(pending);
    pending = [];
    return { step, losses, loss, accuracy: acc, network: unpackNetwork(layout, theta), conserved: c, drift: maxRelativeDrift(start.c, start.scale, c) };
  };
  return {
    dataset,
    layout,
    steps(count) {
      for (let k = 0; k < count; k++) {
        const loss = opt.step(theta);
        if (!Number.isFinite(loss)) throw new Error(`training diverged at step ${step} (loss ${loss}): lower the learning rate`);
        pending.push(loss);
        step++;
      }
      return snapshot();
    },
    snapshot,
  };
}
