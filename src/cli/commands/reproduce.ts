/**
 * `tessera reproduce NAME [--json] [--out DIR] [--seed N] [--quick]`: run one of the papers'
 * experiments from the registry in `experiments/index.ts`. `--list` (or no name) lists them.
 * `--mnist-arch/--mnist-epochs/--mnist-train/--mnist-test` size the MNIST part of `beshkov` only.
 */
import type { Command } from 'commander';
import { experiments } from '../../experiments/index.js';
import type { ExperimentOptions } from '../../experiments/types.js';
import { parseMnistFlags, type MnistFlags } from '../../experiments/beshkov-mnist.js';
import { TesseraError } from '../../numeric/errors.js';
import { emit, type IO } from '../io.js';

interface ReproduceFlags extends MnistFlags {
  json?: boolean;
  out?: string;
  seed: string;
  quick?: boolean;
  list?: boolean;
}

export function register(program: Command, io: IO): void {
  program
    .command('reproduce')
    .description("reproduce a paper's experiment: prints its table, writes tables and figures with --out")
    .argument('[name]', `experiment name (${Object.keys(experiments).sort().join(', ')})`)
    .option('--json', 'print one JSON object')
    .option('--out <dir>', 'write tables (CSV/JSON) and SVG figures into this directory')
    .option('--seed <n>', 'random seed (integer)', '1')
    .option('--quick', 'a small, fast version (for tests and CI)')
    .option('--list', 'list the experiments')
    .option('--mnist-arch <widths>', 'beshkov only: MNIST net widths, 784,…,10 (default 784,64,32,10; paper-like: 784,512,256,128,100,10)')
    .option('--mnist-epochs <n>', 'beshkov only: MNIST training epochs (default 20; the paper: 50)')
    .option('--mnist-train <n>', 'beshkov only: MNIST training digits, a multiple of 10 (default 3000)')
    .option('--mnist-test <n>', 'beshkov only: MNIST test digits and noise images for the ranks, a multiple of 10 (default 600; the paper: 1000)')
    .action(async (name: string | undefined, flags: ReproduceFlags) => {
      if (flags.list || name === undefined) {
        const names = Object.keys(experiments).sort();
        emit(io, !!flags.json, { experiments: names.map((n) => ({ name: n, description: experiments[n].description })) }, () =>
          ['experiments (tessera reproduce NAME):', ...names.map((n) => `  ${n.padEnd(16)} ${experiments[n].description}`)].join('\n'),
        );
        return;
      }
      if (!Object.prototype.hasOwnProperty.call(experiments, name)) {
        throw new TesseraError('input', `unknown experiment "${name}"; available: ${Object.keys(experiments).sort().join(', ')}`);
      }
      const seed = Number(flags.seed);
      if (!Number.isSafeInteger(seed)) throw new TesseraError('input', `--seed: expected an integer, got "${flags.seed}"`);
      if (name !== 'beshkov' && [flags.mnistArch, flags.mnistEpochs, flags.mnistTrain, flags.mnistTest].some((v) => v !== undefined)) {
        throw new TesseraError('input', `--mnist-arch, --mnist-epochs, --mnist-train and --mnist-test apply only to "tessera reproduce beshkov", not "${name}"`);
      }
      const mnist = parseMnistFlags(flags);
      const opts: ExperimentOptions & { mnist?: typeof mnist } = { json: !!flags.json, out: flags.out, seed, quick: !!flags.quick, ...(mnist ? { mnist } : {}) };
      await experiments[name].run(opts, io);
    });
}
