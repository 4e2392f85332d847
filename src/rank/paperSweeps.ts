/**
 * The random-network sweeps of Beshkov & Einevoll's Fig. 2 (arXiv 2404.19710 §3; setups in the notes
 * §3.4), as plain functions of a seeded generator. Each probes one-hidden-layer nets with the paper's
 * sampling protocol (sweep.ts) and returns numbers; tables and pictures are made by the experiment.
 */
import { uniforms, type Rng } from '../numeric/random.js';
import { randomNetwork, daleNetwork, oneLayerNetwork } from './randomNets.js';
import { boxSample, rankRangeOnPoints, sweepStats, type SweepStats } from './sweep.js';

export interface GridCell extends SweepStats {
  readonly inputDim: number;
  readonly width: number;
}

/**
 * Fig. 2a: for every input dimension m and width n, `nets` random nets (PyTorch default init), each
 * probed with `samples` points uniform in [−5, 5]^m: mean minimum rank and P(min rank < m).
 */
export function widthSweep(rand: Rng, inputDims: readonly number[], widths: readonly number[], nets: number, samples = 100): GridCell[] {
  const out: GridCell[] = [];
  for (const m of inputDims) {
    for (const n of widths) {
      const stats = sweepStats(rand, nets, (r) => randomNetwork(r, [m, n, 1]), (r) => ({ points: boxSample(r, samples, m), count: samples }), m);
      out.push({ inputDim: m, width: n, ...stats });
    }
  }
  return out;
}

export interface MeanWeightCell extends SweepStats {
  readonly width: number;
  readonly mean: number;
}

/**
 * Fig. 2b: input dimension m (paper: 10), weights N(μ, std²) (paper: std 0.1), PyTorch default biases;
 * for every width and mean μ, the mean minimum rank and P(min rank < m). Larger μ aligns the weight
 * rows, the hyperplanes turn nearly parallel and regions with few active neurons appear.
 */
export function meanWeightSweep(rand: Rng, inputDim: number, widths: readonly number[], means: readonly number[], nets: number, std = 0.1, samples = 100): MeanWeightCell[] {
  const out: MeanWeightCell[] = [];
  for (const n of widths) {
    for (const mean of means) {
      const stats = sweepStats(
        rand,
        nets,
        (r) => randomNetwork(r, [inputDim, n, 1], { kind: 'normal', mean, std }),
        (r) => ({ points: boxSample(r, samples, inputDim), count: samples }),
        inputDim,
      );
      out.push({ width: n, mean, ...stats });
    }
  }
  return out;
}

export interface DaleRow {
  readonly inhibitory: number;
  /** Dale net: mean over nets of the min and max rank over the sampled regions, capped at m. */
  readonly daleMin: number;
  readonly daleMax: number;
  /** Unconstrained random net of the same size and weight magnitudes (independent random signs). */
  readonly randomMin: number;
  readonly randomMax: number;
}

/**
 * Fig. 2d: m presynaptic inputs, n neurons, weights U(0,1); the first r input columns inhibitory (×−gain).
 * Inputs are firing rates, x ~ U[0, 10]^m. Against it, a net with the same |weights| but each entry's
 * sign random (no Dale constraint), probed with the same inputs. Ranks are capped at m as in the paper.
 */
export function daleSweep(rand: Rng, inputs: number, width: number, inhibitory: readonly number[], nets: number, samples = 100, gain = 4): DaleRow[] {
  return inhibitory.map((r) => {
    let dMin = 0;
    let dMax = 0;
    let rMin = 0;
    let rMax = 0;
    for (let k = 0; k < nets; k++) {
      const rates = uniforms(rand, samples * inputs, 0, 10);
      const dale = rankRangeOnPoints(daleNetwork(rand, inputs, width, r, gain), rates, samples);
      dMin += Math.min(dale.min, inputs);
      dMax += Math.min(dale.max, inputs);
      const w = uniforms(rand, inputs * width, 0, 1);
      for (let i = 0; i < w.length; i++) if (rand() < 0.5) w[i] = -w[i];
      const bound = 1 / Math.sqrt(inputs);
      const free = rankRangeOnPoints(oneLayerNetwork(w, uniforms(rand, width, -bound, bound), inputs, width), rates, samples);
      rMin += Math.min(free.min, inputs);
      rMax += Math.min(free.max, inputs);
    }
    return { inhibitory: r, daleMin: dMin / nets, daleMax: dMax / nets, randomMin: rMin / nets, randomMax: rMax / nets };
  });
}

/** The paper's "balanced mode": the r where mean min < m − 1 < mean max (shaded in Fig. 2d). */
export function balancedWindow(rows: readonly DaleRow[], inputs: number): [number, number] | undefined {
  const inside = rows.filter((x) => x.daleMin < inputs - 1 && x.daleMax > inputs - 1).map((x) => x.inhibitory);
  return inside.length ? [Math.min(...inside), Math.max(...inside)] : undefined;
}
