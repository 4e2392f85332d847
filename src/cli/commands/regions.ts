/**
 * `tessera regions NET [--box LO,HI | --polytope FILE] [--slice FILE] [--json] [--out FILE] [--svg FILE]`:
 * the canonical polyhedral complex: cells by dimension, activation and linear regions, Euler characteristic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { boxDomain, buildComplexParallel, DEFAULT_MAX_CELLS, polytopeDomain, sliceSetup, type BuildProgress } from '../../complex/index.js';
import { complexToJSON } from '../../complex/io.js';
import { cellsByDim, eulerCharacteristic, linearRegions } from '../../complex/query.js';
import type { Complex, Domain } from '../../complex/types.js';
import { loadNetwork } from '../../net/load/index.js';
import { sliceNetwork } from '../../net/slice.js';
import type { Network } from '../../net/network.js';
import { inFile, TesseraError } from '../../numeric/errors.js';
import { renderComplexSVG, type ComplexColoring } from '../../render/complex.js';
import { emit, type IO } from '../io.js';
import { parseInterval, parseNumberList, parsePositiveInt } from '../options.js';

interface RegionsOptions {
  box?: string;
  polytope?: string;
  slice?: string;
  json?: boolean;
  out?: string;
  svg?: string;
  color: string;
  maxCells?: string;
  workers?: string;
  quiet?: boolean;
}

export function register(program: Command, io: IO): void {
  program
    .command('regions')
    .description('the canonical polyhedral complex: cells by dimension, activation and linear regions')
    .argument('<net>', 'network file')
    .option('--box <lo,hi>', 'domain [lo,hi]^n (default -1,1); with --slice, the parameter box (default -0.1,1.1)')
    .option('--polytope <file>', 'domain {x : Ax ≤ b} from a JSON file {"A": [[…]…], "b": […]}')
    .option('--slice <file>', 'JSON {"points": [p0, p1, p2(, p3)], "box"?: [lo, hi]} or CSV with 3-4 rows: the 2-D/3-D slice through the points')
    .option('--json', 'print one JSON object')
    .option('--out <file>', 'write the whole complex as JSON')
    .option('--svg <file>', 'draw the complex (2-D and 2-D slices)')
    .option('--color <mode>', 'picture colouring: region | value | rank', 'region')
    .option('--max-cells <n>', `refuse jobs that would create more cells than this (default ${DEFAULT_MAX_CELLS})`)
    .option('--workers <n>', 'worker threads for the region maps of large jobs (default: the cores, at most 8; 1 = none)')
    .option('--quiet', 'no progress bar')
    .action(async (file: string, opts: RegionsOptions) => {
      const net = loadNetwork(file);
      if (!['region', 'value', 'rank'].includes(opts.color)) throw new TesseraError('input', `--color: expected region, value or rank, got "${opts.color}"`);
      if (opts.polytope && opts.slice) throw new TesseraError('input', '--polytope and --slice cannot be combined');
      if (opts.polytope && opts.box) throw new TesseraError('input', '--polytope and --box cannot be combined');
      const maxCells = opts.maxCells ? parsePositiveInt(opts.maxCells, '--max-cells') : DEFAULT_MAX_CELLS;
      const workers = opts.workers ? parsePositiveInt(opts.workers, '--workers') : undefined;
      // Threads pay off only for large jobs: below this many regions the maps stay on this thread.
      const parallel = { maxCells, workers, minRegions: 50_000 };
      const progress = io.interactive && !opts.quiet && !opts.json ? progressBar(io) : undefined;
      const started = performance.now();
      let complex: Complex;
      let domainText: string;
      try {
        if (opts.slice) {
          const slice = readSlice(opts.slice);
          const box = opts.box ? parseInterval(opts.box, '--box') : slice.box;
          const setup = inFile(opts.slice, () => sliceSetup(net, slice.points, { box: box ? [box.lo, box.hi] : undefined }));
          complex = { ...(await buildComplexParallel(setup.net, setup.domain, { ...parallel, onProgress: progress?.update })), plane: setup.plane };
          const b = complex.domain.kind === 'box' ? complex.domain : undefined;
          domainText = `${complex.dim}-D slice through ${slice.points.length} points, t ∈ [${b?.lo[0]},${b?.hi[0]}]^${complex.dim}`;
        } else {
          const domain = opts.polytope ? readPolytope(opts.polytope, net.inputDim) : boxFromOption(opts.box, net.inputDim);
          domainText = domain.kind === 'box' ? `[${domain.lo[0]},${domain.hi[0]}]^${domain.dim}` : `polytope with ${domain.rows} inequalities`;
          complex = await buildComplexParallel(net, domain, { ...parallel, onProgress: progress?.update });
        }
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
          `${file} on ${domainText}`,
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

function boxFromOption(text: string | undefined, dim: number): Domain {
  if (!text) return boxDomain(dim);
  const { lo, hi } = parseInterval(text, '--box');
  return boxDomain(dim, lo, hi);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new TesseraError('input', `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
}

function readPolytope(file: string, dim: number): Domain {
  return inFile(file, () => {
    let obj: { A?: unknown; b?: unknown };
    try {
      obj = JSON.parse(readText(file));
    } catch (err) {
      if (err instanceof TesseraError) throw err;
      throw new TesseraError('format', 'not valid JSON');
    }
    if (!Array.isArray(obj?.A) || !Array.isArray(obj?.b)) throw new TesseraError('format', 'expected {"A": [[…], …], "b": […]}');
    if (obj.A.length !== obj.b.length) throw new TesseraError('domain', `A has ${obj.A.length} rows but b has ${obj.b.length} entries`);
    return polytopeDomain(obj.A as number[][], obj.b as number[], dim);
  });
}

/** A slice file: JSON {"points": [...], "box"?: [lo, hi]} or CSV (one point per row). */
export function readSlice(file: string): { points: number[][]; box?: { lo: number; hi: number } } {
  return inFile(file, () => {
    const text = readText(file).trim();
    if (text.startsWith('{') || text.startsWith('[')) {
      let obj: { points?: unknown; box?: unknown } | unknown[];
      try {
        obj = JSON.parse(text);
      } catch {
        throw new TesseraError('format', 'not valid JSON');
      }
      const points = Array.isArray(obj) ? obj : (obj as { points?: unknown }).points;
      if (!Array.isArray(points) || points.some((p) => !Array.isArray(p) || p.some((x: unknown) => typeof x !== 'number' || !Number.isFinite(x)))) {
        throw new TesseraError('format', 'expected {"points": [[…], [...], [...]]} with finite numbers');
      }
      const box = Array.isArray(obj) ? undefined : (obj as { box?: unknown }).box;
      if (box !== undefined && (!Array.isArray(box) || box.length !== 2 || !(box[0] < box[1]))) throw new TesseraError('format', '"box" should be [lo, hi] with lo < hi');
      return { points: points as number[][], box: box ? { lo: (box as number[])[0], hi: (box as number[])[1] } : undefined };
    }
    const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    return { points: rows.map((r, i) => parseNumberList(r, `row ${i + 1}`)) };
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
