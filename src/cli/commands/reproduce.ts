/**
 * `tessera reproduce NAME [--json] [--out DIR] [--seed N] [--quick]`: run one of the papers'
 * experiments from the registry in `experiments/index.ts`. `--list` (or no name) lists them.
 */
import type { Command } from 'commander';
import { experiments } from '../../experiments/index.js';
import type { ExperimentOptions } from '../../experiments/types.js';
import { TesseraError } from '../../numeric/errors.js';
import { emit, type IO } from '../io.js';

interface ReproduceFlags {
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
      const opts: ExperimentOptions = { json: !!flags.json, out: flags.out, seed, quick: !!flags.quick };
      await experiments[name].run(opts, io);
    });
}
