/**
 * Nurisso, Leroy & Vaccarino, "Topological obstruction to the training of shallow ReLU neural
 * networks" (NeurIPS 2024, arXiv 2410.14837): `tessera reproduce nurisso`.
 *
 * 1. Appendix heat maps — share of random initialisations that are obstructed (H(c) disconnected:
 *    at least one pathological neuron) against input dimension d and width l, under Xavier and
 *    Kaiming normal init; Monte Carlo over our own initialiser + `analyseObstruction`, checked
 *    against the closed form (notes §2.6; the closed form is our derivation, not the paper's text).
 * 2. For a concrete target (two positive output neurons): share of inits from which it is
 *    unreachable, sampled vs the multinomial closed form (notes §2.5).
 * 3. Fig. 3 (qualitative) — training runs from random inits on that teacher, split into obstructed
 *    and unobstructed by the criterion, with their final losses; plus a hand-made pair differing only
 *    in one neuron's c, trained by gradient flow and gd.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { teacherData } from '../dynamics/datasets.js';
import { initNetwork, type InitScheme } from '../dynamics/init.js';
import { analyseObstruction, reachability, teacherNeurons } from '../dynamics/obstruction.js';
import { obstructionProbability, pathologicalProbability, unreachableProbability } from '../dynamics/probability.js';
import { train, type TrainResult } from '../dynamics/train.js';
import { createNetwork, type Network } from '../net/network.js';
import { rng } from '../numeric/random.js';
import { linePlot, type Series } from '../render/plots.js';
import { quadricPanel } from '../render/training.js';
import type { Experiment, ExperimentIO, ExperimentOptions } from './types.js';

interface Sizes {
  dims: number[];
  widths: number[];
  trials: number;
  teacherWidths: number[];
  teacherTrials: number;
  runs: number;
  epochs: number;
  /** Flow time of the hand-made pair (gd runs the same time with step 0.2). */
  flowTime: number;
}

const FULL: Sizes = { dims: [1, 2, 5, 10, 50], widths: [2, 5, 10, 20, 50, 100], trials: 400, teacherWidths: [2, 3, 4, 6, 8], teacherTrials: 2000, runs: 24, epochs: 20000, flowTime: 1000 };
const QUICK: Sizes = { dims: [1, 2, 5], widths: [2, 5, 10], trials: 60, teacherWidths: [2, 3, 4], teacherTrials: 300, runs: 6, epochs: 3000, flowTime: 60 };
/** Loss below which a run counts as having reached the global optimum (zero). */
const ZERO = 1e-6;

const SCHEMES: InitScheme[] = ['xavier', 'kaiming'];

/** The teacher f*(x) = σ(x − ½) + σ(−x − ½) on [−1, 1]: two convex kinks, so two positive neurons. */
export function nurissoTeacher(): Network {
  return createNetwork([{ weight: [[1], [-1]], bias: [-0.5, -0.5] }, { weight: [[1, 1]], bias: [0] }]);
}

/** A pair of width-2 students that differ in neuron 2 only: pathological with a < 0, or not. */
export function nurissoPair(): { obstructed: Network; unobstructed: Network } {
  return {
    obstructed: createNetwork([{ weight: [[0.9], [-0.3]], bias: [-0.3, -0.2] }, { weight: [[0.5, -0.8]], bias: [0] }]),
    unobstructed: createNetwork([{ weight: [[0.9], [-0.7]], bias: [-0.3, -0.2] }, { weight: [[0.5, 0.4]], bias: [0] }]),
  };
}

interface ProbabilityCell {
  scheme: InitScheme;
  d: number;
  l: number;
  closedForm: number;
  sampled: number;
  /** |sampled − closed| in binomial standard deviations. */
  sigmas: number;
  meanComponents: number;
}

interface RunRow {
  seed: number;
  width: number;
  component: string;
  reachable: boolean;
  initialLoss: number;
  finalLoss: number;
}

function probabilityGrid(S: Sizes, seed: number): ProbabilityCell[] {
  const rand = rng(seed);
  const cells: ProbabilityCell[] = [];
  for (const scheme of SCHEMES) {
    for (const d of S.dims) {
      for (const l of S.widths) {
        let hits = 0;
        let comps = 0;
        for (let t = 0; t < S.trials; t++) {
          const ob = analyseObstruction(initNetwork([d, l, 1], scheme, rand));
          if (ob.pathological > 0) hits++;
          comps += ob.components;
        }
        const p = obstructionProbability(d, l, scheme);
        const sampled = hits / S.trials;
        const sd = Math.sqrt(Math.max(p * (1 - p), 1e-12) / S.trials);
        cells.push({ scheme, d, l, closedForm: p, sampled, sigmas: Math.abs(sampled - p) / sd, meanComponents: comps / S.trials });
      }
    }
  }
  return cells;
}

function teacherGrid(S: Sizes, seed: number): { l: number; closedForm: number; sampled: number; sigmas: number }[] {
  const rand = rng(seed + 1);
  const target = teacherNeurons(nurissoTeacher());
  return S.teacherWidths.map((l) => {
    let blocked = 0;
    for (let t = 0; t < S.teacherTrials; t++) if (!reachability(analyseObstruction(initNetwork([1, l, 1], 'kaiming', rand)), target).reachable) blocked++;
    const p = unreachableProbability(l, pathologicalProbability(1, l, 'kaiming'), 2, 0);
    const sampled = blocked / S.teacherTrials;
    return { l, closedForm: p, sampled, sigmas: Math.abs(sampled - p) / Math.sqrt(Math.max(p * (1 - p), 1e-12) / S.teacherTrials) };
  });
}

function trainingRuns(S: Sizes, seed: number): { rows: RunRow[]; curves: TrainResult['lossCurve'][] } {
  const teacher = nurissoTeacher();
  const data = teacherData(teacher, { samples: 64, seed: 3 });
  const target = teacherNeurons(teacher);
  const rows: RunRow[] = [];
  const curves: Float64Array[] = [];
  // Stratified: half the runs from obstructed inits, half from unobstructed ones (seeds in order).
  const want = { true: Math.ceil(S.runs / 2), false: Math.floor(S.runs / 2) };
  for (let k = 0; rows.length < S.runs && k < 100 * S.runs; k++) {
    const width = 2 + (k % 2);
    const s = seed * 1000 + k;
    const init = initNetwork([1, width, 1], 'kaiming', s);
    const ob = analyseObstruction(init);
    const reachable = reachability(ob, target).reachable;
    if (want[`${reachable}`] === 0) continue;
    want[`${reachable}`]--;
    const res = train(init, data, { loss: 'mse', optimizer: 'gd', epochs: S.epochs, lr: 0.2 });
    rows.push({ seed: s, width, component: ob.component, reachable, initialLoss: res.lossCurve[0], finalLoss: res.finalLoss });
    curves.push(res.lossCurve);
  }
  return { rows, curves };
}

interface PairRun {
  name: string;
  optimizer: string;
  finalLoss: number;
  minLoss: number;
  drift: number;
  curve: Float64Array;
  result: TrainResult;
}

function pairRuns(S: Sizes): PairRun[] {
  const teacher = nurissoTeacher();
  const data = teacherData(teacher, { samples: 64, seed: 3 });
  const pair = nurissoPair();
  const out = [];
  for (const [name, net] of [['obstructed', pair.obstructed], ['unobstructed', pair.unobstructed]] as const) {
    for (const optimizer of ['flow', 'gd'] as const) {
      // 200 recorded epochs of flow; gd with step 0.2 over the same time.
      const res = optimizer === 'flow'
        ? train(net, data, { loss: 'mse', optimizer, epochs: 200, lr: S.flowTime / 200, recordTrajectory: true })
        : train(net, data, { loss: 'mse', optimizer, epochs: Math.round(S.flowTime / 0.2), lr: 0.2 });
      out.push({ name, optimizer, finalLoss: res.finalLoss, minLoss: Math.min(...res.lossCurve), drift: res.conserved.maxRelativeDrift, curve: res.lossCurve, result: res });
    }
  }
  return out;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`.padStart(6);
const sci = (v: number) => (v === 0 ? '0' : v.toExponential(2));

export const nurisso: Experiment = {
  description: 'topological obstruction (Nurisso et al. 2024): obstructed share vs width and input dim, reachability, training from obstructed inits',
  run(opts: ExperimentOptions, io: ExperimentIO) {
    const S = opts.quick ? QUICK : FULL;
    const started = performance.now();
    const grid = probabilityGrid(S, opts.seed);
    const teacherRows = teacherGrid(S, opts.seed);
    const { rows, curves } = trainingRuns(S, opts.seed);
    const pairs = pairRuns(S);
    const obstructedRuns = rows.filter((r) => !r.reachable);
    const freeRuns = rows.filter((r) => r.reachable);
    const converged = (r: RunRow) => r.finalLoss < ZERO;
    const summary = {
      probabilityCells: grid.length,
      probabilityWithin4Sigma: grid.filter((c) => c.sigmas <= 4).length,
      teacherWithin4Sigma: teacherRows.filter((c) => c.sigmas <= 4).length,
      obstructedRuns: obstructedRuns.length,
      obstructedReachingZero: obstructedRuns.filter(converged).length,
      obstructedMinFinalLoss: obstructedRuns.length ? Math.min(...obstructedRuns.map((r) => r.finalLoss)) : null,
      unobstructedRuns: freeRuns.length,
      unobstructedReachingZero: freeRuns.filter(converged).length,
    };
    const result = {
      experiment: 'nurisso',
      quick: opts.quick,
      seed: opts.seed,
      convention: 'c = a^2 - |w|^2 - b^2; pathological (frozen output sign) when c > 0; the paper writes -c',
      probability: { trials: S.trials, cells: grid },
      teacher: { target: 'sigma(x - 1/2) + sigma(-x - 1/2): two positive output neurons', init: 'kaiming', trials: S.teacherTrials, rows: teacherRows },
      training: { optimizer: 'gd', lr: 0.2, epochs: S.epochs, samples: 64, runs: rows },
      pair: pairs.map(({ curve: _c, result: _r, ...p }) => p),
      summary,
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      files: [] as string[],
    };
    if (opts.out) result.files = writeFiles(opts.out, result, grid, rows, curves, pairs, S.flowTime);
    if (opts.json) {
      io.out(JSON.stringify(result) + '\n');
      return result;
    }
    const lines: string[] = ['Nurisso, Leroy & Vaccarino (2024) — topological obstruction to training shallow ReLU nets', ''];
    for (const scheme of SCHEMES) {
      lines.push(`P(obstructed) = P(some neuron has c > 0) at ${scheme} init: sampled (${S.trials} nets) / closed form`);
      lines.push(`  d \\ l ${S.widths.map((l) => String(l).padStart(16)).join('')}`);
      for (const d of S.dims) {
        const cells = grid.filter((c) => c.scheme === scheme && c.d === d);
        lines.push(`  ${String(d).padStart(5)} ${cells.map((c) => ` ${pct(c.sampled)} / ${pct(c.closedForm)}`.padStart(16)).join('')}`);
      }
      lines.push('');
    }
    lines.push(`  ${summary.probabilityWithin4Sigma} of ${summary.probabilityCells} cells within 4σ of the closed form`, '');
    lines.push(`Target σ(x−½) + σ(−x−½) (two positive neurons), kaiming init, d = 1: P(unreachable), ${S.teacherTrials} inits`);
    for (const t of teacherRows) lines.push(`  l = ${String(t.l).padEnd(3)} sampled ${pct(t.sampled)}   closed form ${pct(t.closedForm)}`);
    lines.push('');
    lines.push(`Training runs on that teacher (gd, lr 0.2, ${S.epochs} epochs, 64 samples)`);
    lines.push('  seed      width  component  reachable  initial loss  final loss');
    for (const r of rows) lines.push(`  ${String(r.seed).padEnd(9)} ${String(r.width).padEnd(6)} ${r.component.padEnd(10)} ${(r.reachable ? 'yes' : 'NO').padEnd(10)} ${sci(r.initialLoss).padEnd(13)} ${sci(r.finalLoss)}`);
    lines.push(
      `  obstructed: ${summary.obstructedReachingZero} of ${summary.obstructedRuns} reach loss < ${ZERO.toExponential(0)} (lowest final loss ${summary.obstructedMinFinalLoss === null ? '—' : sci(summary.obstructedMinFinalLoss)})`,
      `  unobstructed: ${summary.unobstructedReachingZero} of ${summary.unobstructedRuns} reach loss < ${ZERO.toExponential(0)} (the criterion is necessary, not sufficient)`,
      '',
      `Hand-made pair (neuron 2 pathological with a < 0, or not), flow time ${S.flowTime}: final / lowest loss, max relative drift of c`,
    );
    for (const p of pairs) lines.push(`  ${p.name.padEnd(13)} ${p.optimizer.padEnd(5)} final ${sci(p.finalLoss).padEnd(10)} lowest ${sci(p.minLoss).padEnd(10)} drift ${sci(p.drift)}`);
    if (result.files.length) lines.push('', `files: ${result.files.join(', ')}`);
    lines.push(`(${result.seconds} s)`);
    io.out(lines.join('\n') + '\n');
    return result;
  },
};

function writeFiles(
  dir: string,
  result: unknown,
  grid: ProbabilityCell[],
  rows: RunRow[],
  curves: Float64Array[],
  pairs: PairRun[],
  flowTime: number,
): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['nurisso.json', JSON.stringify(result, null, 1) + '\n'],
    ['nurisso-probability.csv', 'scheme,d,l,sampled,closed_form,sigmas,mean_components\n' + grid.map((c) => `${c.scheme},${c.d},${c.l},${c.sampled},${c.closedForm},${c.sigmas.toFixed(3)},${c.meanComponents}`).join('\n') + '\n'],
    ['nurisso-training.csv', 'seed,width,component,reachable,initial_loss,final_loss\n' + rows.map((r) => `${r.seed},${r.width},${r.component},${r.reachable},${r.initialLoss},${r.finalLoss}`).join('\n') + '\n'],
    ['nurisso-probability.svg', probabilityFigure(grid)],
    ['nurisso-training.svg', trainingFigure(rows, curves, pairs, flowTime)],
    ['nurisso-quadrics.svg', quadricsFigure(pairs)],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

/** Fig. 3: each neuron of the hand-made pair on its quadric under gradient flow. */
function quadricsFigure(pairs: PairRun[]): string {
  const panels = pairs
    .filter((p) => p.optimizer === 'flow')
    .map((p) => quadricPanel(p.result, `${p.name} init, gradient flow: final loss ${p.finalLoss.toExponential(1)}`))
    .filter((p): p is NonNullable<typeof p> => p !== null);
  return linePlot(panels, { width: 720, panelHeight: 320, title: 'Neurons on their invariant quadrics (r = ‖(w, b)‖, a): a² − r² = c' });
}

function probabilityFigure(grid: ProbabilityCell[]): string {
  const dims = [...new Set(grid.map((c) => c.d))];
  const palette = ['#1f5fa8', '#c2410c', '#15803d', '#7c3aed', '#0891b2', '#4b5563'];
  return linePlot(
    SCHEMES.map((scheme) => {
      const series: Series[] = [];
      dims.forEach((d, i) => {
        const cells = grid.filter((c) => c.scheme === scheme && c.d === d);
        const x = cells.map((c) => c.l);
        series.push({ label: `d = ${d}`, x, y: cells.map((c) => c.closedForm), color: palette[i % palette.length] });
        series.push({ label: `d = ${d} sampled`, x, y: cells.map((c) => c.sampled), color: palette[i % palette.length], markers: true, line: false, legend: false });
      });
      return { series, options: { title: `${scheme} init: lines closed form, dots sampled`, xLabel: 'hidden width l', yLabel: 'P(obstructed)', logX: true, yDomain: [0, 1] as [number, number], legendOutside: true } };
    }),
    { width: 760, panelHeight: 320, title: 'Share of initialisations with a disconnected invariant set H(c)' },
  );
}

function trainingFigure(rows: RunRow[], curves: Float64Array[], pairs: { name: string; optimizer: string; curve: Float64Array }[], flowTime: number): string {
  const red = '#c2410c';
  const blue = '#1f5fa8';
  let shownBad = false;
  let shownGood = false;
  const runs: Series[] = rows.map((r, i) => {
    const first = r.reachable ? !shownGood : !shownBad;
    if (r.reachable) shownGood = true;
    else shownBad = true;
    return { label: r.reachable ? 'unobstructed init' : 'obstructed init', y: curves[i].map((v) => Math.max(v, 1e-30)), color: r.reachable ? blue : red, width: 1.1, legend: first };
  });
  const pairSeries: Series[] = pairs.map((p) => ({
    label: `${p.name} (${p.optimizer})`,
    x: Float64Array.from(p.curve, (_, i) => (i * flowTime) / (p.curve.length - 1)),
    y: p.curve.map((v) => Math.max(v, 1e-30)),
    color: p.name === 'obstructed' ? red : blue,
    dashed: p.optimizer === 'gd',
  }));
  return linePlot(
    [
      { series: runs, options: { title: 'gd from random kaiming inits, target σ(x−½)+σ(−x−½)', xLabel: 'epoch', yLabel: 'MSE', logY: true, legendOutside: true } },
      { series: pairSeries, options: { title: 'hand-made pair: gradient flow (solid) and gd (dashed)', xLabel: 'flow time t', yLabel: 'MSE', logY: true, legendOutside: true } },
    ],
    { width: 760, panelHeight: 320, title: 'Training from obstructed and unobstructed initialisations' },
  );
}
