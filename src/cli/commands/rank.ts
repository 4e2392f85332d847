/**
 * `tessera rank NET [--layer L] [--box LO,HI|FILE | --polytope FILE | --slice FILE] [--data FILE] [--svg FILE] --json`:
 * the rank decomposition (Beshkov & Einevoll, arXiv 2404.19710) — for every activation region, the
 * rank of the map from the input to each layer's representation; shares of the domain's volume (or of
 * a data set's points) by rank; and the low-rank regions (rank < input dimension).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadNetwork } from '../../net/load/index.js';
import { architecture, type Network } from '../../net/network.js';
import { TesseraError, inFile } from '../../numeric/errors.js';
import type { Complex } from '../../complex/types.js';
import { cellRanks } from '../../rank/cells.js';
import { ranksAtPoints } from '../../rank/points.js';
import { parseLayers } from '../../rank/layers.js';
import { loadPointCloud, checkDataDim, type PointCloud } from '../../rank/pointCloud.js';
import { rng, uniforms } from '../../numeric/random.js';
import { complexRankReport, dataRankReport, type LayerRankReport } from '../../rank/report.js';
import { rankComplexSvg } from '../../render/rank.js';
import { addDomainOptions, complexForFlags, readSlice, type DomainFlags } from '../domain.js';
import { emit, type IO } from '../io.js';
import { parseInterval, parseNonNegativeInt, parsePositiveInt } from '../options.js';

interface RankFlags extends DomainFlags {
  layer?: string;
  data?: string;
  samples?: string;
  seed: string;
  limit: string;
  svg?: string;
  json?: boolean;
}

export function register(program: Command, io: IO): void {
  const cmd = program
    .command('rank')
    .description('rank of each region’s map to every layer: shares by rank, low-rank (topology-changing) regions')
    .argument('<net>', 'network file');
  addDomainOptions(cmd)
    .option('--layer <list>', 'layers: 1..H (hidden, after ReLU), "output", comma-separated, or "all"', 'all')
    .option('--data <file>', 'CSV or .npy point cloud: shares of the points by rank instead of volume (no complex needed)')
    .option('--samples <n>', 'the paper’s protocol: n points uniform in the --box instead of the complex (any input dimension)')
    .option('--seed <s>', 'random seed for --samples', '1')
    .option('--limit <n>', 'low-rank regions listed per layer', '10')
    .option('--svg <file>', 'draw the 2-D complex coloured by rank, one panel per layer')
    .option('--json', 'print one JSON object')
    .action((file: string, flags: RankFlags) => {
      const net = loadNetwork(file);
      const layers = parseLayers(flags.layer, net);
      const limit = parseNonNegativeInt(flags.limit, '--limit');
      if (flags.svg !== undefined) {
        const dim = flags.slice !== undefined ? readSlice(flags.slice).points.length - 1 : net.inputDim;
        if (dim !== 2) throw new TesseraError('unsupported', `--svg draws 2-D complexes; this one would be ${dim}-D (use --slice with three input points)`);
      }
      let reports: LayerRankReport[];
      let domainJSON: Record<string, unknown>;
      let measure: 'volume' | 'points';
      let totals: Record<string, number>;
      let complex: Complex | undefined;
      let cellRankData: ReturnType<typeof cellRanks> | undefined;
      let dataPoints: Float64Array | undefined;
      if (flags.data !== undefined && flags.samples !== undefined) throw new TesseraError('input', 'give --data or --samples, not both');
      if (flags.data !== undefined || flags.samples !== undefined) {
        let pc: PointCloud;
        if (flags.data !== undefined) {
          pc = loadPointCloud(flags.data);
          inFile(flags.data, () => checkDataDim(pc, net.inputDim));
          domainJSON = { kind: 'data', file: flags.data };
        } else {
          const count = parsePositiveInt(flags.samples!, '--samples');
          const seed = Number(flags.seed);
          if (!Number.isSafeInteger(seed)) throw new TesseraError('input', `--seed: expected an integer, got "${flags.seed}"`);
          const { lo, hi } = flags.box === undefined ? { lo: -1, hi: 1 } : parseInterval(flags.box, '--box');
          pc = { points: uniforms(rng(seed), count * net.inputDim, lo, hi), count, dim: net.inputDim };
          domainJSON = { kind: 'samples', count, lo, hi, seed };
        }
        const pr = ranksAtPoints(net, pc.points, pc.count);
        reports = dataRankReport(net, pr, pc.points, layers, limit);
        dataPoints = pc.points;
        measure = 'points';
        totals = { regions: pr.patterns.length, points: pc.count };
        if (flags.svg !== undefined) {
          if (flags.samples !== undefined && flags.slice !== undefined) throw new TesseraError('input', '--svg with --samples draws the box complex; leave out --slice');
          complex = complexForFlags(net, flags);
          cellRankData = cellRanks(net, complex);
        }
      } else {
        complex = complexForFlags(net, flags);
        cellRankData = cellRanks(net, complex);
        reports = complexRankReport(net, complex, cellRankData, layers, limit);
        domainJSON = describeDomain(complex, flags);
        measure = 'volume';
        totals = { regions: cellRankData.regions, totalVolume: cellRankData.totalVolume };
      }
      if (flags.svg !== undefined && complex && cellRankData) {
        const cr = cellRankData;
        const panels = layers.map((l) => ({
          title: `layer ${l === net.layers.length ? 'output' : l} (width ${net.layers[l - 1].outDim})`,
          ranks: Array.from({ length: cr.regions }, (_, r) => cr.ranks[r * cr.layers + l - 1]),
        }));
        // Data points are drawn over a box complex (their coordinates are the complex's); not over a slice.
        const dots = dataPoints && !complex.plane ? dataPoints : undefined;
        const svg = rankComplexSvg(complex, panels, net.inputDim, { title: `rank decomposition of ${file}`, points: dots });
        try {
          writeFileSync(flags.svg, svg);
        } catch (err) {
          throw new TesseraError('input', `cannot write the SVG file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, flags.svg);
        }
      }
      const result = {
        file,
        architecture: architecture(net),
        inputDim: net.inputDim,
        domain: domainJSON,
        measure,
        ...totals,
        layers: reports,
      };
      emit(io, !!flags.json, result, () => human(file, net, result.measure, totals, reports, flags.svg));
    });
}

function describeDomain(complex: Complex, flags: RankFlags): Record<string, unknown> {
  if (complex.plane) return { kind: 'slice', file: flags.slice, dim: complex.dim, box: complex.domain.kind === 'box' ? [complex.domain.lo[0], complex.domain.hi[0]] : undefined };
  const d = complex.domain;
  return d.kind === 'box' ? { kind: 'box', lo: Array.from(d.lo), hi: Array.from(d.hi) } : { kind: 'polytope', rows: d.rows };
}

function human(file: string, net: Network, measure: string, totals: Record<string, number>, reports: LayerRankReport[], svg?: string): string {
  const n = net.inputDim;
  const lines = [
    `${file}  ${architecture(net).join(' → ')}`,
    measure === 'volume'
      ? `${totals.regions} region(s), total volume ${fmt(totals.totalVolume)}; shares of volume by rank (low rank: < ${n})`
      : `${totals.points} data points in ${totals.regions} region(s); shares of points by rank (low rank: < ${n})`,
  ];
  for (const r of reports) {
    lines.push('', `layer ${r.label} (width ${r.width}, max rank ${r.maxRank})${r.maxRank < n ? ` — narrower than the input: rank < ${n} everywhere` : ''}`);
    for (const s of r.shares) lines.push(`  rank ${String(s.rank).padStart(3)}  ${(100 * s.share).toFixed(2).padStart(6)}%  ${s.regions} region(s)${s.rank < n ? '  low' : ''}`);
    lines.push(`  low-rank share ${(100 * r.lowRankShare).toFixed(2)}% in ${r.lowRankRegions} region(s)`);
    for (const c of r.lowRankList) {
      lines.push(`    region ${c.region}  rank ${c.rank}  ${c.volume !== undefined ? 'volume ' + fmt(c.volume) : c.points + ' point(s)'}  ${c.signSequence}`);
    }
    if (r.lowRankRegions > r.lowRankList.length) lines.push(`    … ${r.lowRankRegions - r.lowRankList.length} more (raise --limit)`);
  }
  if (svg) lines.push('', `wrote ${svg}`);
  return lines.join('\n');
}

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}
