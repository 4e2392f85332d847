/**
 * `tessera train DATA [--arch 2,16,1] [--loss mse|bce|ce] [--optimizer gd|flow|adam] [--epochs N]
 * [--lr X] [--seed S] [--out NET.json] [--svg FILE] [--json]`: train an MLP on a CSV file or a toy
 * set, record the loss curve and the conserved quantities c_k = a_k² − ‖w_k‖² − b_k² and their drift.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadDataset, defaultLoss, type Dataset } from '../../dynamics/datasets.js';
import { initNetwork, INIT_SCHEMES, type InitScheme } from '../../dynamics/init.js';
import { LOSS_NAMES, type LossName } from '../../dynamics/loss.js';
import { train, OPTIMIZER_NAMES, type OptimizerName, type TrainResult } from '../../dynamics/train.js';
import { loadNetwork } from '../../net/load/index.js';
import { architecture, networkToJSON, type Network } from '../../net/network.js';
import { TesseraError } from '../../numeric/errors.js';
import { trainingFigure } from '../../render/training.js';
import { emit, type IO } from '../io.js';
import { parseInterval, parseNumber, parseNumberList, parseNonNegativeInt, parsePositiveInt } from '../options.js';

interface TrainFlags {
  arch?: string;
  loss?: string;
  optimizer: string;
  epochs: string;
  lr?: string;
  seed: string;
  init: string;
  samples?: string;
  noise?: string;
  box: string;
  targetCol?: string;
  rtol: string;
  minStep?: string;
  maxSteps: string;
  project?: boolean;
  freezeBias?: boolean;
  maxMemory: string;
  out?: string;
  svg?: string;
  json?: boolean;
}

const DEFAULT_LR: Record<OptimizerName, number> = { gd: 0.1, adam: 0.01, flow: 0.1 };

export function register(program: Command, io: IO): void {
  program
    .command('train')
    .description('train an MLP on a CSV file or a toy data set; records the loss and the conserved quantities of gradient flow')
    .argument('<data>', 'CSV file (last column = target), or xor | circles | moons | spiral[:K] | teacher:NET.json')
    .option('--arch <widths>', 'layer widths n0,n1,…,nL (default: inputs,16,outputs)')
    .option('--loss <name>', `loss: ${LOSS_NAMES.join(' | ')} (default: bce for 0/1 targets, ce for multi-class, else mse)`)
    .option('--optimizer <name>', `optimiser: ${OPTIMIZER_NAMES.join(' | ')} (flow = gradient flow by adaptive Dormand–Prince)`, 'gd')
    .option('--epochs <n>', 'full-batch steps (gd, adam) or time intervals of length --lr (flow)', '1000')
    .option('--lr <x>', 'learning rate; for flow, the flow time per epoch (default: gd 0.1, adam 0.01, flow 0.1)')
    .option('--seed <s>', 'seed for the initialisation and the toy data', '1')
    .option('--init <scheme|file>', `initialisation: ${INIT_SCHEMES.join(' | ')}, or a network file to start from`, 'kaiming')
    .option('--samples <n>', 'number of samples of a toy or teacher data set (default 200, spiral 300, teacher 256)')
    .option('--noise <x>', 'noise standard deviation of a toy data set')
    .option('--box <lo,hi>', 'input box of teacher:NET data', '-1,1')
    .option('--target-col <col>', 'CSV: the target column (header name or 0-based index; default the last)')
    .option('--rtol <x>', 'flow: relative error tolerance per step', '1e-10')
    .option('--min-step <x>', 'flow: smallest step, taken even where the error test fails (sliding along a ReLU kink; default min(0.002, lr/10))')
    .option('--max-steps <n>', 'flow: refuse to take more integrator steps than this', '10000000')
    .option('--project', 'after each epoch rescale neurons so every c_k is exactly its initial value (keeps the function)')
    .option('--freeze-bias', 'hold the hidden biases fixed (they must be 0 for c_k to be conserved)')
    .option('--max-memory <GiB>', 'refuse runs whose buffers would need more memory than this', '2')
    .option('--out <file>', 'write the trained network (JSON)')
    .option('--svg <file>', 'write the loss curve and the conserved-quantity drift (SVG)')
    .option('--json', 'print one JSON object')
    .action((dataSpec: string, flags: TrainFlags) => {
      const optimizer = flags.optimizer as OptimizerName;
      if (!OPTIMIZER_NAMES.includes(optimizer)) throw new TesseraError('input', `--optimizer: expected one of ${OPTIMIZER_NAMES.join(', ')}, got "${flags.optimizer}"`);
      const seed = parseInteger(flags.seed, '--seed');
      const epochs = parseNonNegativeInt(flags.epochs, '--epochs');
      const lr = flags.lr === undefined ? DEFAULT_LR[optimizer] : parseNumber(flags.lr, '--lr');
      const box = parseInterval(flags.box, '--box');
      const data = loadDataset(dataSpec, {
        samples: flags.samples === undefined ? undefined : parsePositiveInt(flags.samples, '--samples'),
        noise: flags.noise === undefined ? undefined : parseNumber(flags.noise, '--noise'),
        seed,
        lo: box.lo,
        hi: box.hi,
        targetCol: flags.targetCol,
      });
      const loss = (flags.loss ?? defaultLoss(data.task)) as LossName;
      if (!LOSS_NAMES.includes(loss)) throw new TesseraError('input', `--loss: expected one of ${LOSS_NAMES.join(', ')}, got "${flags.loss}"`);
      const maxGiB = parseNumber(flags.maxMemory, '--max-memory');
      const init = initialNetwork(flags, data, loss, seed, (widths) => checkMemory(widths, data.count, optimizer, maxGiB));
      if (flags.freezeBias) {
        for (let l = 0; l < init.layers.length - 1; l++) {
          if (init.layers[l].bias.some((b) => b !== 0)) throw new TesseraError('input', '--freeze-bias: the initial network has non-zero hidden biases');
        }
      }
      const started = performance.now();
      const progress = progressBar(io, epochs);
      let result: TrainResult;
      try {
        result = train(init, data, {
          loss,
          optimizer,
          epochs,
          lr,
          rtol: parseNumber(flags.rtol, '--rtol'),
          minStep: flags.minStep === undefined ? undefined : parseNumber(flags.minStep, '--min-step'),
          maxSteps: parsePositiveInt(flags.maxSteps, '--max-steps'),
          project: !!flags.project,
          freezeHiddenBias: !!flags.freezeBias,
          onEpoch: progress.update,
          // The quadric picture needs the path of every neuron: small shallow nets only.
          recordTrajectory: !!flags.svg && init.layers.length === 2 && init.outputDim === 1 && init.layers[0].outDim <= 8 && epochs <= 100_000,
        });
      } finally {
        progress.done();
      }
      const seconds = (performance.now() - started) / 1000;
      if (flags.out) writeFile(flags.out, JSON.stringify(networkToJSON(result.network)) + '\n');
      if (flags.svg) writeFile(flags.svg, trainingFigure(result, `${data.name} · ${architecture(init).join('-')} · ${optimizer} · ${loss}`));
      const c = result.conserved;
      const summary = {
        data: data.name,
        samples: data.count,
        architecture: architecture(init),
        loss,
        optimizer,
        epochs,
        lr,
        seed,
        initialLoss: result.lossCurve[0],
        finalLoss: result.finalLoss,
        accuracy: Number.isNaN(result.accuracy) ? null : result.accuracy,
        conserved: {
          initial: Array.from(c.initial),
          final: Array.from(c.final),
          maxRelativeDrift: c.maxRelativeDrift,
          finalRelativeDrift: c.finalRelativeDrift,
          ...(c.preProjectionDrift !== undefined ? { preProjectionDrift: c.preProjectionDrift } : {}),
        },
        flow: result.flow
          ? { time: result.flow.time, steps: result.flow.accepted, rejected: result.flow.rejected, forced: result.flow.forced, evaluations: result.flow.evaluations }
          : null,
        out: flags.out ?? null,
        seconds: Number(seconds.toFixed(3)),
      };
      emit(io, !!flags.json, summary, () => {
        const lines = [
          `trained ${summary.architecture.join(' → ')} on ${data.name} (${data.count} samples) with ${optimizer}, ${loss} loss`,
          `  epochs ${epochs}, ${optimizer === 'flow' ? `flow time ${result.flow!.time} (${result.flow!.accepted} steps, ${result.flow!.rejected} rejected, ${result.flow!.forced} at the minimum step)` : `learning rate ${lr}`}`,
          `  loss            ${sig(summary.initialLoss)} → ${sig(summary.finalLoss)}${summary.accuracy !== null ? `   accuracy ${(summary.accuracy * 100).toFixed(1)}%` : ''}`,
          `  conserved c_k = a_k² − ‖w_k‖² − b_k² (${c.initial.length} hidden neurons)`,
          `    max relative drift  ${sig(c.maxRelativeDrift)}${optimizer === 'flow' ? '   (gradient flow conserves c_k exactly; this is the integrator error)' : '   (gd/adam do not conserve c_k)'}`,
        ];
        if (c.preProjectionDrift !== undefined) lines.push(`    drift before projection, worst epoch  ${sig(c.preProjectionDrift)}`);
        if (c.initial.length <= 12) lines.push(`    initial  ${Array.from(c.initial, sig).join('  ')}`, `    final    ${Array.from(c.final, sig).join('  ')}`);
        if (flags.out) lines.push(`  network written to ${flags.out}`);
        if (flags.svg) lines.push(`  figure written to ${flags.svg}`);
        lines.push(`  ${summary.seconds} s`);
        return lines.join('\n');
      });
    });
}

/** The starting network; `check` sees the widths before anything is allocated. */
function initialNetwork(flags: TrainFlags, data: Dataset, loss: LossName, seed: number, check: (widths: number[]) => void): Network {
  const outputs = loss === 'ce' ? Math.max(data.classes, 2) : data.targetDim;
  if (INIT_SCHEMES.includes(flags.init as InitScheme)) {
    const widths = flags.arch ? parseNumberList(flags.arch, '--arch') : [data.inputDim, 16, outputs];
    if (widths[0] !== data.inputDim) throw new TesseraError('shape', `--arch starts with ${widths[0]} but the data has ${data.inputDim} input column(s)`);
    if (widths[widths.length - 1] !== outputs) {
      throw new TesseraError('shape', `--arch ends with ${widths[widths.length - 1]} but ${loss} on this data needs ${outputs} output(s)`);
    }
    if (widths.some((w) => !Number.isInteger(w) || w <= 0)) throw new TesseraError('shape', `--arch: widths must be positive integers, got ${flags.arch}`);
    check(widths);
    return initNetwork(widths, flags.init as InitScheme, seed);
  }
  const net = loadNetwork(flags.init);
  if (flags.arch && parseNumberList(flags.arch, '--arch').join(',') !== architecture(net).join(',')) {
    throw new TesseraError('shape', `--arch ${flags.arch} disagrees with the --init network (${architecture(net).join(',')})`);
  }
  check(architecture(net));
  return net;
}

/**
 * Refuse before allocating: parameters are held ~3× (θ, gradient, copy) plus 2× for adam and 8× for
 * the Dormand–Prince stages; activations 3× (pre-activation, ReLU output, δ) for every sample.
 */
function checkMemory(widths: number[], samples: number, optimizer: OptimizerName, maxGiB: number): void {
  let params = 0;
  let units = 0;
  for (let l = 1; l < widths.length; l++) {
    params += widths[l] * (widths[l - 1] + 1);
    units += widths[l];
  }
  const copies = 3 + (optimizer === 'adam' ? 2 : optimizer === 'flow' ? 8 : 0);
  const gib = (8 * (params * copies + 3 * units * samples)) / 2 ** 30;
  if (gib > maxGiB) {
    throw new TesseraError('budget', `training ${widths.join('-')} on ${samples} samples needs about ${gib.toFixed(1)} GiB of buffers; raise --max-memory (now ${maxGiB} GiB) or use fewer samples`);
  }
}

function progressBar(io: IO, total: number): { update: (epoch: number, loss: number) => void; done: () => void } {
  if (!io.interactive || total === 0) return { update: () => {}, done: () => {} };
  const every = Math.max(1, Math.floor(total / 200));
  let drawn = false;
  return {
    update(epoch, loss) {
      if (epoch % every !== 0 && epoch !== total) return;
      const width = 30;
      const filled = Math.round((width * epoch) / total);
      io.err(`\rtraining [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor((100 * epoch) / total)).padStart(3)}%  epoch ${epoch}/${total}  loss ${sig(loss)}`);
      drawn = true;
    },
    done() {
      if (drawn) io.err('\r\x1b[K');
    },
  };
}

function writeFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new TesseraError('input', `cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, path);
  }
}

function parseInteger(text: string, option: string): number {
  const v = Number(text);
  if (!Number.isSafeInteger(v)) throw new TesseraError('input', `${option}: expected an integer, got "${text}"`);
  return v;
}

function sig(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
}
