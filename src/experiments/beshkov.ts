/**
 * Beshkov & Einevoll, "A rank decomposition for the topological classification of neural
 * representations" (arXiv 2404.19710): `tessera reproduce beshkov`.
 *
 * 1. Fig. 2a — probability that a random one-layer net has low-rank regions on the data, by input
 *    dimension m and width n (paper: 100 nets × 100 samples in [−5, 5]^m; PyTorch default init).
 * 2. Fig. 2b — the same against the mean weight μ (m = 10, weights N(μ, 0.1²)): heat map width × μ.
 * 3. Fig. 2d — Dale's principle (inputs excitatory or inhibitory ×−4, rates U[0,10]) vs an
 *    unconstrained random net of the same size: min/max rank against the number of inhibitory inputs.
 * 4. Fig. 3 — an MLP trained on MNIST digits (the `mnist` package's bundled digits): ranks of each
 *    hidden layer on test digits and on noise, before and after training.
 * 5. Toy tasks — the Sphere function on [−5.12, 5.12]^d as classification (1[f > mean]) and as
 *    regression (f), same net and training: ranks on test points before/after.
 * 6. Topology — two rings through a classifier and a regressor trained on them: persistent Betti
 *    numbers of the data at every layer, before and after training (beshkov-topology.ts).
 * 7. Fig. 1 — a circle embedded in ℝ^m through random one-layer nets of width n: how often the layer
 *    changes its topology, how much lies in low-rank regions, and whether the layer's homology matches
 *    that of the quotient M/A, the paper's prediction.
 *
 * Sizes are smaller than the paper's where JavaScript would take minutes (documented in each table);
 * `--quick` shrinks everything further for tests. The MNIST part's size can be raised towards the paper's
 * with `--mnist-arch/--mnist-epochs/--mnist-train/--mnist-test` (beshkov-mnist.ts); such a run also reports
 * ranks on raw 0–255 pixels (the paper's evaluation quirk) and the last hidden layer's rank after every epoch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../numeric/random.js';
import { randomNetwork } from '../rank/randomNets.js';
import { widthSweep, meanWeightSweep, daleSweep, balancedWindow, type GridCell, type MeanWeightCell, type DaleRow } from '../rank/paperSweeps.js';
import { heatmapSvg, lineChartSvg, histogramPairSvg, rankComplexSvg } from '../render/rank.js';
import { buildComplex, boxDomain } from '../complex/index.js';
import { cellRanks } from '../rank/cells.js';
import { fitMinibatch, hiddenRankStats, mnistDigits, classifierAccuracy, noiseImages, sphereTask, type LayerRankStats } from './beshkov-training.js';
import { ringsTopology, circleThroughRandomNets, type RingsTopology, type CircleCell } from './beshkov-topology.js';
import { checkMnistCounts, hiddenLayerRanks, type MnistOverrides } from './beshkov-mnist.js';
import type { Network } from '../net/network.js';
import type { Experiment, ExperimentOptions, ExperimentIO } from './types.js';

interface Sizes {
  dims: number[];
  widths: number[];
  nets: number;
  meanWidths: number[];
  means: number[];
  meanNets: number;
  dale: { inputs: number; width: number; inhibitory: number[]; nets: number };
  mnist: { arch: number[]; perClassTrain: number; perClassTest: number; epochs: number; noise: number };
  toy: { dim: number; arch: number[]; train: number; test: number; epochs: number };
}

const FULL: Sizes = {
  dims: [2, 5, 10, 25, 50, 100],
  widths: [2, 5, 10, 25, 50, 100],
  nets: 50,
  meanWidths: [2, 5, 10, 25, 50, 100],
  means: Array.from({ length: 11 }, (_, i) => +(0.02 * i).toFixed(2)),
  meanNets: 30,
  dale: { inputs: 50, width: 100, inhibitory: [1, 3, 5, 8, 10, 12, 15, 20, 30, 40, 49], nets: 10 },
  mnist: { arch: [784, 64, 32, 10], perClassTrain: 300, perClassTest: 60, epochs: 20, noise: 300 },
  toy: { dim: 10, arch: [10, 64, 32, 16, 1], train: 2000, test: 1000, epochs: 150 },
};

const QUICK: Sizes = {
  dims: [2, 5],
  widths: [2, 5, 25],
  nets: 8,
  meanWidths: [5, 50],
  means: [0, 0.1, 0.2],
  meanNets: 4,
  dale: { inputs: 20, width: 40, inhibitory: [1, 4, 8], nets: 2 },
  mnist: { arch: [784, 16, 10], perClassTrain: 20, perClassTest: 10, epochs: 5, noise: 20 },
  toy: { dim: 5, arch: [5, 16, 8, 1], train: 200, test: 100, epochs: 20 },
};

interface TrainedRanks {
  readonly arch: number[];
  readonly epochs: number;
  readonly finalLoss: number;
  readonly before: LayerRankStats[];
  readonly after: LayerRankStats[];
}

/** The experiment's options: the common ones, plus the `--mnist-*` overrides (parseMnistFlags). */
export interface BeshkovOptions extends ExperimentOptions {
  mnist?: MnistOverrides;
}

/** One epoch of the last hidden layer's rank on test digits ([0, 1] pixels and raw 0–255 pixels). */
export interface RankEpoch {
  epoch: number;
  /** Mean training loss of the epoch (null for epoch 0, the initial net). */
  loss: number | null;
  meanRank: number;
  minRank: number;
  rawMeanRank: number;
  rawMinRank: number;
}

export interface BeshkovResult {
  experiment: 'beshkov';
  quick: boolean;
  seed: number;
  widthSweep: { nets: number; samples: number; cells: GridCell[] };
  meanWeight: { inputDim: number; std: number; nets: number; cells: MeanWeightCell[] };
  dale: { inputs: number; width: number; gain: number; nets: number; rows: DaleRow[]; balancedWindow: [number, number] | null };
  mnist: TrainedRanks & {
    trainDigits: number;
    testDigits: number;
    accuracyBefore: number;
    accuracyAfter: number;
    noiseBefore: LayerRankStats[];
    noiseAfter: LayerRankStats[];
    /** Only with --mnist-* options: ranks on raw 0–255 digits and on 255·N(0,1) noise (the paper's evaluation). */
    raw?: { before: LayerRankStats[]; after: LayerRankStats[]; noiseBefore: LayerRankStats[]; noiseAfter: LayerRankStats[] };
    /** Only with --mnist-* options: the last hidden layer's rank on the first `points` test digits, epoch by epoch. */
    trajectory?: { layer: number; width: number; points: number; epochs: RankEpoch[] };
    /** Only with --mnist-* options: seconds spent training, and in total on the MNIST part. */
    seconds?: { training: number; total: number };
  };
  toy: { dim: number; classification: TrainedRanks; regression: TrainedRanks };
  topology: RingsTopology;
  circle: CircleCell[];
  files: string[];
}

export const beshkov: Experiment = {
  description: 'rank decomposition (Beshkov & Einevoll): low-rank probability vs width/mean weight, Dale nets, MNIST and toy tasks',
  run(opts: BeshkovOptions, io: ExperimentIO): BeshkovResult {
    const base = opts.quick ? QUICK : FULL;
    const o = opts.mnist;
    const S: Sizes = o
      ? {
          ...base,
          mnist: {
            arch: o.arch ?? base.mnist.arch,
            epochs: o.epochs ?? base.mnist.epochs,
            perClassTrain: o.train !== undefined ? o.train / 10 : base.mnist.perClassTrain,
            perClassTest: o.test !== undefined ? o.test / 10 : base.mnist.perClassTest,
            noise: o.test ?? base.mnist.noise,
          },
        }
      : base;
    if (o) checkMnistCounts(S.mnist.perClassTrain, S.mnist.perClassTest);
    const say = (s: string) => {
      if (io.interactive && !opts.json) io.err(`\r${s.padEnd(60)}`);
    };
    say('width sweep…');
    const cells = widthSweep(rng(`${opts.seed}:width`), S.dims, S.widths, S.nets);
    say('mean-weight sweep…');
    const meanCells = meanWeightSweep(rng(`${opts.seed}:mean`), 10, S.meanWidths, S.means, S.meanNets);
    say('Dale…');
    const daleRows = daleSweep(rng(`${opts.seed}:dale`), S.dale.inputs, S.dale.width, S.dale.inhibitory, S.dale.nets);
    say('MNIST…');
    const mnist = runMnist(opts.seed, S, !!o, (e) => say(`MNIST epoch ${e}/${S.mnist.epochs}…`));
    say('toy tasks…');
    const toy = {
      dim: S.toy.dim,
      classification: runToy(opts.seed, S, 'discrete'),
      regression: runToy(opts.seed, S, 'continuous'),
    };
    say('topology…');
    const topology = ringsTopology(opts.seed, opts.quick);
    say('circle through random nets…');
    const circle = circleThroughRandomNets(opts.seed, opts.quick);
    if (io.interactive && !opts.json) io.err(`\r${' '.repeat(60)}\r`);
    const result: BeshkovResult = {
      experiment: 'beshkov',
      quick: opts.quick,
      seed: opts.seed,
      widthSweep: { nets: S.nets, samples: 100, cells },
      meanWeight: { inputDim: 10, std: 0.1, nets: S.meanNets, cells: meanCells },
      dale: { inputs: S.dale.inputs, width: S.dale.width, gain: 4, nets: S.dale.nets, rows: daleRows, balancedWindow: balancedWindow(daleRows, S.dale.inputs) ?? null },
      mnist,
      toy,
      topology,
      circle,
      files: [],
    };
    if (opts.out) result.files = writeFiles(opts.out, result, S);
    if (opts.json) io.out(JSON.stringify(result) + '\n');
    else io.out(humanReport(result) + '\n');
    return result;
  },
};

/** Test digits whose last-hidden-layer rank is followed epoch by epoch (paper: all 1000). */
const TRAJECTORY_POINTS = 100;

function runMnist(seed: number, S: Sizes, paperLike: boolean, progress: (epoch: number) => void): BeshkovResult['mnist'] {
  const t0 = performance.now();
  const rand = rng(`${seed}:mnist`);
  const train = mnistDigits(S.mnist.perClassTrain, 0);
  // Test digits from the end of each class's samples (the smallest class has 863).
  const test = mnistDigits(S.mnist.perClassTest, 863 - S.mnist.perClassTest);
  const init = randomNetwork(rand, S.mnist.arch);
  // The paper's rank-vs-training curve: the last hidden layer's mean and min rank after every epoch.
  const H = S.mnist.arch.length - 2;
  const tp = Math.min(TRAJECTORY_POINTS, test.count);
  const tDigits = test.inputs.subarray(0, tp * 784);
  const tRaw = tDigits.map((v) => 255 * v);
  const epochs: RankEpoch[] = [];
  let trackingMs = 0;
  const track = (epoch: number, loss: number | null, net: Network) => {
    const [mean, min] = lastLayerRank(net, tDigits, tp, H);
    const [rawMean, rawMin] = lastLayerRank(net, tRaw, tp, H);
    epochs.push({ epoch, loss, meanRank: mean, minRank: min, rawMeanRank: rawMean, rawMinRank: rawMin });
  };
  if (paperLike) track(0, null, init);
  const tTrain = performance.now();
  const fit = fitMinibatch(rand, init, { inputs: train.inputs, targets: train.labels, count: train.count, inputDim: 784, targetDim: 1 }, {
    loss: 'ce',
    lr: 1e-3,
    epochs: S.mnist.epochs,
    batchSize: 64,
    onEpoch: paperLike
      ? (e, loss, net) => {
          progress(e);
          const t = performance.now();
          track(e, loss, net());
          trackingMs += performance.now() - t;
        }
      : undefined,
  });
  const trainingMs = performance.now() - tTrain - trackingMs;
  const noise = noiseImages(rand, S.mnist.noise);
  const extra: Partial<BeshkovResult['mnist']> = {};
  if (paperLike) {
    const rawDigits = test.inputs.map((v) => 255 * v);
    const rawNoise = noise.map((v) => 255 * v);
    extra.raw = {
      before: hiddenRankStats(init, rawDigits, test.count),
      after: hiddenRankStats(fit.net, rawDigits, test.count),
      noiseBefore: hiddenRankStats(init, rawNoise, S.mnist.noise),
      noiseAfter: hiddenRankStats(fit.net, rawNoise, S.mnist.noise),
    };
    extra.trajectory = { layer: H, width: S.mnist.arch[H], points: tp, epochs };
  }
  const result: BeshkovResult['mnist'] = {
    arch: S.mnist.arch,
    epochs: S.mnist.epochs,
    finalLoss: fit.lossCurve[fit.lossCurve.length - 1],
    trainDigits: train.count,
    testDigits: test.count,
    accuracyBefore: classifierAccuracy(init, test.inputs, test.labels, test.count),
    accuracyAfter: classifierAccuracy(fit.net, test.inputs, test.labels, test.count),
    before: hiddenRankStats(init, test.inputs, test.count),
    after: hiddenRankStats(fit.net, test.inputs, test.count),
    noiseBefore: hiddenRankStats(init, noise, S.mnist.noise),
    noiseAfter: hiddenRankStats(fit.net, noise, S.mnist.noise),
    ...extra,
  };
  if (paperLike) result.seconds = { training: +(trainingMs / 1000).toFixed(1), total: +((performance.now() - t0) / 1000).toFixed(1) };
  return result;
}

/** Mean and minimum rank of hidden layer H over `count` points. */
function lastLayerRank(net: Network, points: Float64Array, count: number, H: number): [number, number] {
  const ranks = hiddenLayerRanks(net, points, count);
  let sum = 0;
  let min = Infinity;
  for (let p = 0; p < count; p++) {
    const r = ranks[p * H + H - 1];
    sum += r;
    min = Math.min(min, r);
  }
  return [sum / count, min];
}

function runToy(seed: number, S: Sizes, kind: 'discrete' | 'continuous'): TrainedRanks {
  // The same data points and initial net for both targets, so only the target differs.
  const data = rng(`${seed}:toy`);
  const train = sphereTask(data, S.toy.train, S.toy.dim, kind);
  const test = sphereTask(data, S.toy.test, S.toy.dim, kind);
  const rand = rng(`${seed}:toy-net`);
  const init = randomNetwork(rand, S.toy.arch);
  // Paper: Adam 1e-3 (discrete) and 1e-4 (continuous), MSE, batch 64.
  const fit = fitMinibatch(rand, init, train, { loss: 'mse', lr: kind === 'discrete' ? 1e-3 : 1e-4, epochs: S.toy.epochs, batchSize: 64 });
  return {
    arch: S.toy.arch,
    epochs: S.toy.epochs,
    finalLoss: fit.lossCurve[fit.lossCurve.length - 1],
    before: hiddenRankStats(init, test.inputs, test.count),
    after: hiddenRankStats(fit.net, test.inputs, test.count),
  };
}

function writeFiles(dir: string, r: BeshkovResult, S: Sizes): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    files.push(join(dir, name));
  };
  put('beshkov.json', JSON.stringify({ ...r, files: undefined }, null, 1));
  put('beshkov-width.csv', ['inputDim,width,nets,meanMinRank,stdMinRank,meanMaxRank,lowRankProbability', ...r.widthSweep.cells.map((c) => [c.inputDim, c.width, c.nets, c.meanMinRank, c.stdMinRank, c.meanMaxRank, c.lowRankProbability].join(','))].join('\n') + '\n');
  put('beshkov-mean-weight.csv', ['width,mean,nets,meanMinRank,stdMinRank,lowRankProbability', ...r.meanWeight.cells.map((c) => [c.width, c.mean, c.nets, c.meanMinRank, c.stdMinRank, c.lowRankProbability].join(','))].join('\n') + '\n');
  put('beshkov-circle.csv', ['inputDim,width,nets,changed,collapsed,agree', ...r.circle.map((c) => [c.inputDim, c.width, c.nets, c.changed, c.collapsed, c.agree].join(','))].join('\n') + '\n');
  put('beshkov-dale.csv', ['inhibitory,daleMin,daleMax,randomMin,randomMax', ...r.dale.rows.map((d) => [d.inhibitory, d.daleMin, d.daleMax, d.randomMin, d.randomMax].join(','))].join('\n') + '\n');
  const grid = (rows: number[], cols: number[], value: (row: number, col: number) => number) => rows.map((a) => cols.map((b) => value(a, b)));
  put(
    'beshkov-width.svg',
    heatmapSvg(S.dims.map(String), S.widths.map(String), grid(S.dims, S.widths, (m, n) => r.widthSweep.cells.find((c) => c.inputDim === m && c.width === n)!.lowRankProbability), {
      title: `P(low-rank region on the data), ${S.nets} random nets per cell`,
      xLabel: 'hidden width n',
      yLabel: 'input dimension m',
      colorLabel: 'P(min rank < m)',
      range: [0, 1],
      format: (v) => v.toFixed(2),
    }),
  );
  put(
    'beshkov-mean-weight.svg',
    heatmapSvg(S.meanWidths.map(String), S.means.map((m) => m.toFixed(2)), grid(S.meanWidths, S.means, (n, mu) => r.meanWeight.cells.find((c) => c.width === n && c.mean === mu)!.lowRankProbability), {
      title: `P(low-rank region), m = 10, weights N(μ, 0.1²), ${S.meanNets} nets per cell`,
      xLabel: 'mean weight μ',
      yLabel: 'hidden width n',
      colorLabel: 'P(min rank < 10)',
      range: [0, 1],
      format: (v) => v.toFixed(2),
    }),
  );
  const xs = r.dale.rows.map((d) => d.inhibitory);
  put(
    'beshkov-dale.svg',
    lineChartSvg(
      [
        { name: 'Dale: min rank', x: xs, y: r.dale.rows.map((d) => d.daleMin) },
        { name: 'Dale: max rank', x: xs, y: r.dale.rows.map((d) => d.daleMax) },
        { name: 'random: min rank', x: xs, y: r.dale.rows.map((d) => d.randomMin), dashed: true },
        { name: 'random: max rank', x: xs, y: r.dale.rows.map((d) => d.randomMax), dashed: true },
      ],
      { title: `Dale's principle: ${r.dale.inputs} inputs → ${r.dale.width} neurons, rates U[0,10]`, xLabel: 'inhibitory inputs r', yLabel: 'rank on sampled regions', shade: r.dale.balancedWindow ?? undefined },
    ),
  );
  // The rank decomposition itself, on the plane: a narrow random net's complex coloured by rank.
  const narrow = randomNetwork(rng(`${r.seed}:picture`), [2, 4, 3, 1]);
  const complex = buildComplex(narrow, boxDomain(2, -3, 3));
  const cr = cellRanks(narrow, complex);
  put(
    'beshkov-complex.svg',
    rankComplexSvg(
      complex,
      [1, 2].map((l) => ({ title: `layer ${l} (width ${narrow.layers[l - 1].outDim})`, ranks: Array.from({ length: cr.regions }, (_, i) => cr.ranks[i * cr.layers + l - 1]) })),
      2,
      { title: 'rank decomposition of a random 2-4-3-1 net on [−3, 3]²' },
    ),
  );
  const hist = (before: LayerRankStats[], after: LayerRankStats[]) => before.map((b, i) => ({ title: `layer ${b.layer} (width ${b.width})`, before: b.histogram, after: after[i].histogram }));
  put('beshkov-mnist.svg', histogramPairSvg(hist(r.mnist.before, r.mnist.after), { title: `MNIST ${r.mnist.arch.join('-')}: rank on test digits`, xLabel: 'rank', marks: [7, 13] }));
  put('beshkov-toy.svg', histogramPairSvg([...hist(r.toy.classification.before, r.toy.classification.after).map((p) => ({ ...p, title: 'classification, ' + p.title })), ...hist(r.toy.regression.before, r.toy.regression.after).map((p) => ({ ...p, title: 'regression, ' + p.title }))], { title: `Sphere function on ℝ^${r.toy.dim}: rank on test points`, xLabel: 'rank' }));
  return files;
}

function humanReport(r: BeshkovResult): string {
  const L: string[] = [];
  L.push(`Beshkov & Einevoll rank decomposition${r.quick ? ' (quick)' : ''}, seed ${r.seed}`);
  L.push('', `Fig. 2a — mean min rank [P(min rank < m)], ${r.widthSweep.nets} random nets × ${r.widthSweep.samples} samples in [−5,5]^m`);
  const dims = [...new Set(r.widthSweep.cells.map((c) => c.inputDim))];
  const widths = [...new Set(r.widthSweep.cells.map((c) => c.width))];
  L.push('  m \\ n ' + widths.map((n) => String(n).padStart(13)).join(''));
  for (const m of dims) L.push('  ' + String(m).padEnd(6) + widths.map((n) => cellText(r.widthSweep.cells.find((c) => c.inputDim === m && c.width === n)!)).join(''));
  L.push('', `Fig. 2b — P(min rank < 10) by width and mean weight μ (weights N(μ, 0.1²)), ${r.meanWeight.nets} nets`);
  const means = [...new Set(r.meanWeight.cells.map((c) => c.mean))];
  L.push('  n \\ μ  ' + means.map((m) => m.toFixed(2).padStart(7)).join(''));
  for (const n of [...new Set(r.meanWeight.cells.map((c) => c.width))]) {
    L.push('  ' + String(n).padEnd(7) + means.map((mu) => r.meanWeight.cells.find((c) => c.width === n && c.mean === mu)!.lowRankProbability.toFixed(2).padStart(7)).join(''));
  }
  L.push('', `Fig. 2d — Dale's principle, ${r.dale.inputs} inputs → ${r.dale.width} neurons (min/max rank over sampled regions, capped at ${r.dale.inputs})`);
  L.push('  r    Dale min  Dale max  random min  random max');
  for (const d of r.dale.rows) L.push(`  ${String(d.inhibitory).padEnd(4)} ${d.daleMin.toFixed(1).padStart(8)}  ${d.daleMax.toFixed(1).padStart(8)}  ${d.randomMin.toFixed(1).padStart(10)}  ${d.randomMax.toFixed(1).padStart(10)}`);
  L.push(`  balanced window (min < m−1 < max): ${r.dale.balancedWindow ? `r ∈ [${r.dale.balancedWindow.join(', ')}]` : 'none'}`);
  const m = r.mnist;
  L.push('', `Fig. 3 — MNIST ${m.arch.join('-')}, ${m.trainDigits} training digits, ${m.epochs} epochs: test accuracy ${m.accuracyBefore.toFixed(3)} → ${m.accuracyAfter.toFixed(3)}`);
  L.push('  layer  width   mean rank digits (before → after)   min rank   mean rank noise');
  m.before.forEach((b, i) => L.push(`  ${String(b.layer).padEnd(6)} ${String(b.width).padEnd(6)}  ${b.meanRank.toFixed(2).padStart(8)} → ${m.after[i].meanRank.toFixed(2).padEnd(22)} ${String(b.minRank).padStart(3)} → ${String(m.after[i].minRank).padEnd(4)} ${m.noiseBefore[i].meanRank.toFixed(2)} → ${m.noiseAfter[i].meanRank.toFixed(2)}`));
  if (m.raw) {
    const raw = m.raw;
    L.push(`  the paper's evaluation — raw 0–255 digits, noise 255·N(0,1):`);
    raw.before.forEach((b, i) => L.push(`  ${String(b.layer).padEnd(6)} ${String(b.width).padEnd(6)}  ${b.meanRank.toFixed(2).padStart(8)} → ${raw.after[i].meanRank.toFixed(2).padEnd(22)} ${String(b.minRank).padStart(3)} → ${String(raw.after[i].minRank).padEnd(4)} ${raw.noiseBefore[i].meanRank.toFixed(2)} → ${raw.noiseAfter[i].meanRank.toFixed(2)}`));
  }
  if (m.trajectory) {
    const t = m.trajectory;
    L.push(`  layer ${t.layer} (${t.width} units) epoch by epoch, ${t.points} test digits: mean [min] rank on [0,1] pixels | raw 0–255`);
    L.push('  epoch  train loss   [0,1]            raw');
    for (const e of t.epochs) L.push(`  ${String(e.epoch).padEnd(6)} ${e.loss === null ? '       —' : e.loss.toFixed(4).padStart(8)}   ${e.meanRank.toFixed(2).padStart(6)} [${String(e.minRank).padStart(3)}]   ${e.rawMeanRank.toFixed(2).padStart(6)} [${String(e.rawMinRank).padStart(3)}]`);
  }
  if (m.seconds) L.push(`  time: ${m.seconds.training} s training, ${m.seconds.total} s for the MNIST part`);
  L.push('', `Toy tasks — Sphere function on ℝ^${r.toy.dim}, net ${r.toy.classification.arch.join('-')}: mean rank on test points (before → after)`);
  for (const [name, t] of [['classification', r.toy.classification], ['regression', r.toy.regression]] as const) {
    L.push(`  ${name} (final loss ${t.finalLoss.toExponential(2)}): ` + t.before.map((b, i) => `L${b.layer} ${b.meanRank.toFixed(2)} → ${t.after[i].meanRank.toFixed(2)}`).join(', '));
  }
  L.push('', ...r.topology.lines);
  L.push('', `Fig. 1 — a circle linearly embedded in ℝ^m through random one-layer nets (${r.circle[0]?.nets ?? 0} per cell): share of nets that change [β₀, β₁] | mean share of points in low-rank regions | share where the layer's homology equals that of M/A`);
  L.push('  m    n     changed  low-rank  agrees with M/A');
  for (const c of r.circle) L.push(`  ${String(c.inputDim).padEnd(4)} ${String(c.width).padEnd(5)} ${c.changed.toFixed(2).padStart(7)}  ${c.collapsed.toFixed(2).padStart(8)}  ${c.agree.toFixed(2).padStart(8)}`);
  if (r.files.length) L.push('', 'wrote ' + r.files.join(', '));
  return L.join('\n');
}

function cellText(c: GridCell): string {
  return `${c.meanMinRank.toFixed(1)} [${c.lowRankProbability.toFixed(2)}]`.padStart(13);
}
