/**
 * `tessera regions NET [--box LO,HI|FILE | --polytope FILE] [--slice FILE] [--json] [--out FILE] [--svg FILE]`:
 * the canonical polyhedral complex: cells by dimension, activation and linear regions, Euler characteristic.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildComplexParallel, type BuildProgress } from '../../complex/index.js';
import { complexToJSON } from '../../complex/io.js';
import { cellsByDim, eulerCharacteristic, linearRegions } from '../../complex/query.js';
import type { Complex } from '../../complex/types.js';
import { loadNetwork } from '../../net/load/index.js';
import { sliceNetwork } from '../../net/slice.js';
import type { Network } from '../../net/network.js';
import { TesseraError } from '../../numeric/errors.js';
import { renderComplexSVG, type ComplexColoring } from '../../render/complex.js';
import { addDomainOptions, complexSetup, maxBytesFromFlags, maxCellsFromFlags, type DomainFlags } from '../domain.js';
import { emit, type IO } from '../io.js';
import { parsePositiveInt } from '../options.js';

interface RegionsOptions extends DomainFlags {
  json?: boolean;
  out?: string;
  svg?: string;
  color: string;
  workers?: string;
  quiet?: boolean;
}

export function register(program: Command, io: IO): void {
  const cmd = program
    .command('regions')
    .description('the canonical polyhedral complex: cells by dimension, activation and linear regions')
    .argument('<net>', 'network file');
  addDomainOptions(cmd)
    .option('--json', 'print one JSON object')
    .option('--out <file>', 'write the whole complex as JSON')
    .option('--svg <file>', 'draw the complex (2-D and 2-D slices)')
    .option('--color <mode>', 'picture colouring: region | value | rank', 'region')
    .option('--workers <n>', 'worker threads for the region maps of large jobs (default: the cores, at most 8; 1 = none)')
    .option('--quiet', 'no progress bar')
    .action(async (file: string, opts: RegionsOptions) => {
      const net = loadNetwork(file);
      if (!['region', 'value', 'rank'].includes(opts.color)) throw new TesseraError('input', `--color: expected region, value or rank, got "${opts.color}"`);
      const maxCells = maxCellsFromFlags(opts);
      const workers = opts.workers ? parsePositiveInt(opts.workers, '--workers') : undefined;
      const setup = complexSetup(net, opts);
      // Threads pay off only for large jobs: below this many regions the maps stay on this thread.
      const parallel = { maxCells, maxBytes: maxBytesFromFlags(opts), workers, minRegions: 50_000 };
      const progress = io.interactive && !opts.quiet && !opts.json ? progressBar(io) : undefined;
      const started = performance.now();
      let complex: Complex;
      try {
        complex = await buildComplexParallel(setup.net, setup.domain, { ...parallel, onProgress: progress?.update });
        if (setup.plane) complex = { ...complex, plane: setup.plane };
      } finally {
        progress?.done();
      }
      const seconds = (performance.now() - started) / 1000;
      const counts = cellsByDim(complex);
      const linear = linearRegions(complex);
      const result = {
        inputDim: complex.dim,
        cellsByDim: counts,
        activationRegions: counts[complex.dim],
        linearRegions: linear.count,
        eulerCharacteristic: eulerCharacteristic(complex),
        seconds: Number(seconds.toFixed(4)),
      };
      if (opts.out) writeFileSync(opts.out, JSON.stringify(complexToJSON(complex)));
      if (opts.svg) {
        const drawNet: Network = complex.plane ? sliceNetwork(net, complex.plane) : net;
        writeFileSync(opts.svg, renderComplexSVG(complex, { color: opts.color as ComplexColoring, net: drawNet, title: `${file} · ${counts[complex.dim]} regions · coloured by ${opts.color}` }));
      }
      emit(io, !!opts.json, result, () => {
        const names = ['vertices', 'edges', 'faces', '3-cells', '4-cells', '5-cells', '6-cells'];
        const byDim = counts.map((c, d) => `${c} ${d === complex.dim ? 'regions' : (names[d] ?? `${d}-cells`)}`).join(', ');
        return [
          `${file} on ${setup.text}`,
          `  cells by dimension    ${byDim}`,
          `  activation regions    ${result.activationRegions}`,
          `  linear regions        ${result.linearRegions}`,
          `  Euler characteristic  ${result.eulerCharacteristic}`,
          `  time                  ${seconds.toFixed(3)} s`,
          ...(opts.out ? [`  complex written to    ${opts.out}`] : []),
          ...(opts.svg ? [`  picture written to    ${opts.svg}`] : []),
        ].join('\n');
      });
    });
}

/** A one-line progress bar on stderr, redrawn at most ten times a second. */
function progressBar(io: IO): { update: (p: BuildProgress) => void; done: () => void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      drawn = true;
      const width = 30;
      const filled = Math.round((width * p.done) / p.total);
      io.err(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] neuron ${p.done}/${p.total}  ${p.cells.toLocaleString('en-US')} cells`);
    },
    done() {
      if (drawn) io.err('\r' + ' '.repeat(72) + '\r');
    },
  };
}
