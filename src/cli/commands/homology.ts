/**
 * `tessera homology POINTS [--max-dim K] [--threshold R] [--json] [--svg FILE]`: Vietoris–Rips
 * persistence of a point cloud (CSV / whitespace table or .npy), Z/2 coefficients, Ripser's method.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { inFile, TesseraError } from '../../numeric/errors.js';
import { persistenceDiagramSvg } from '../../render/persistence.js';
import { barcodeToJSON, essentialCounts, type Barcode } from '../../topology/barcode.js';
import { loadPoints } from '../../topology/point-cloud.js';
import { ripsPersistence } from '../../topology/rips/persistence.js';
import { emit, type IO } from '../io.js';
import { runHomologyThrough, type ThroughFlags } from './homologyThrough.js';
import { parseNumber, parsePositiveInt } from '../options.js';

interface Flags {
  maxDim: string;
  threshold?: string;
  maxPoints?: string;
  maxSimplices?: string;
  collapse?: boolean;
  json?: boolean;
  svg?: string;
}

export function writeSvgFile(file: string, svg: string): void {
  inFile(file, () => {
    try {
      writeFileSync(file, svg);
    } catch {
      throw new TesseraError('input', 'cannot write the SVG file');
    }
  });
}

/** "H₀ 12 bars (1 essential): [0, 0.31) [0, 0.29) …" lines, longest bars first. */
export function barcodeHuman(barcode: Barcode, limit = 6): string[] {
  return barcode.map((bars, k) => {
    const ess = bars.filter((b) => b.death === Infinity).length;
    const longest = [...bars].sort((a, b) => b.death - b.birth - (a.death - a.birth)).slice(0, limit);
    const shown = longest.map((b) => `[${num(b.birth)}, ${Number.isFinite(b.death) ? num(b.death) : '∞'})`).join(' ');
    return `  H${k}: ${bars.length} bar${bars.length === 1 ? '' : 's'}${ess ? ` (${ess} essential)` : ''}${bars.length ? '  longest ' + shown : ''}${bars.length > limit ? ' …' : ''}`;
  });
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(5)).toString();
}

export function register(program: Command, io: IO): void {
  program
    .command('homology')
    .description('Vietoris–Rips persistent homology of a point cloud (Z/2, Ripser-style)')
    .argument('<points>', 'point cloud: CSV or whitespace table (one point per row, optional header) or a 2-D .npy array')
    .option('--max-dim <k>', 'highest homology degree', '1')
    .option('--threshold <r>', 'largest edge length (default: the enclosing radius, after which nothing changes)')
    .option('--max-points <n>', 'refuse more points than this (the distance matrix takes 8 n² bytes)', '8000')
    .option('--max-simplices <n>', 'refuse when a dimension ≥ 2 needs more columns than this', '20000000')
    .option('--collapse', 'always run the edge collapse first (default: when the graph is sparse, mean degree ≤ 150)')
    .option('--no-collapse', 'never run the edge collapse (the barcode is the same either way)')
    .option('--json', 'print one JSON object')
    .option('--svg <file>', 'write the persistence diagram')
    .option('--through <net>', 'push the points through a network: homology at every layer, verdict, and where it changes (rank)')
    .option('--sample <n>', 'with --through: farthest-point subsample used for homology (default 200)')
    .option('--min-persistence <r>', 'with --through: a bar counts when longer than r × the layer’s enclosing radius (default 0.15)')
    .option('--limit <n>', 'with --through: low-rank regions listed per changed layer (default 10)')
    .option('--barcodes', 'with --through: include each layer’s barcode in the JSON')
    .action((file: string, flags: Flags & ThroughFlags, command: Command) => {
      if (flags.through !== undefined) return void runHomologyThrough(file, flags, io, command);
      const cloud = loadPoints(file);
      const maxDim = flags.maxDim === '0' ? 0 : parsePositiveInt(flags.maxDim, '--max-dim');
      const threshold = flags.threshold === undefined ? undefined : parseNumber(flags.threshold, '--threshold');
      if (threshold !== undefined && threshold < 0) throw new TesseraError('input', `--threshold: expected a non-negative number, got "${flags.threshold}"`);
      const res = inFile(file, () =>
        ripsPersistence(cloud.points, cloud.dim, {
          maxDim,
          threshold,
          maxPoints: parsePositiveInt(flags.maxPoints ?? '8000', '--max-points'),
          maxSimplices: parsePositiveInt(flags.maxSimplices ?? '20000000', '--max-simplices'),
          collapse: flags.collapse,
        }),
      );
      const betti = essentialCounts(res.barcode);
      if (flags.svg) writeSvgFile(flags.svg, persistenceDiagramSvg(res.barcode, { title: `Rips persistence of ${file}`, valueLabel: 'edge length' }));
      const result = {
        points: cloud.count,
        dim: cloud.dim,
        maxDim,
        threshold: res.threshold,
        enclosingRadius: res.enclosingRadius,
        barcode: barcodeToJSON(res.barcode),
        betti,
      };
      emit(io, !!flags.json, result, () =>
        [
          `${file}: ${cloud.count} points in R^${cloud.dim}, Rips complex up to edge length ${num(res.threshold)} (enclosing radius ${num(res.enclosingRadius)})`,
          `Betti numbers at the threshold (Z/2): [${betti.join(', ')}]`,
          ...barcodeHuman(res.barcode),
        ].join('\n'),
      );
    });
}
