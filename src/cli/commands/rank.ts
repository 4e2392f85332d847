/**
 * `tessera rank NET [--layer L] [--box LO,HI | --slice FILE] [--data FILE] [--svg FILE] --json`:
 * the rank decomposition (Beshkov & Einevoll, arXiv 2404.19710) — for every activation region, the
 * rank of the map from the input to each layer's representation; shares of the domain's volume (or of
 * a data set's points) by rank; and the low-rank regions (rank < input dimension).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadNetwork } from '../../net/load/index.js';
import { architecture, type Network } from '../../net/network.js';
import { TesseraError, inFile } from '../../numeric/errors.js';
import { buildComplex, boxDomain, polytopeDomain, sliceComplex, DEFAULT_MAX_CELLS, DEFAULT_SLICE_BOX } from '../../complex/index.js';
import type { Complex, Domain } from '../../complex/types.js';
import { cellRanks } from '../../rank/cells.js';
import { ranksAtPoints } from '../../rank/points.js';
import { parseLayers } from '../../rank/layers.js';
import { loadPointCloud, checkDataDim, type PointCloud } from '../../rank/pointCloud.js';
import { rng, uniforms } from '../../numeric/random.js';
import { complexRankReport, dataRankReport, type LayerRankReport } from '../../rank/report.js';
import { rankComplexSvg } from '../../render/rank.js';
import { emit, type IO } from '../io.js';
import { parseInterval, parsePositiveInt } from '../options.js';

interface RankFlags {
  layer?: string;
  box?: string;
  slice?: string;
  data?: string;
  samples?: string;
  seed: string;
  limit: string;
  maxCells?: string;
  svg?: string;
  json?: boolean;
}

export function register(program: Command, io: IO): void {
  program
    .command('rank')
    .description('rank of each region’s map to every layer: shares by rank, low-rank (topology-changing) regions')
    .argument('<net>', 'network file')
    .option('--layer <list>', 'layers: 1..H (hidden, after ReLU), "output", comma-separated, or "all"', 'all')
    .option('--box <lo,hi|file>', 'domain box [lo,hi]^n (default -1,1), or a JSON file {"lo":[…],"hi":[…]} or {"A":[[…]],"b":[…]}; with --slice: the parameter box')
    .option('--slice <file>', 'JSON {"points": [p0, p1, p2]}: the 2-D slice through three input points (or 4 points: 3-D)')
    .option('--data <file>', 'CSV or .npy point cloud: shares of the points by rank instead of volume (no complex needed)')
    .option('--samples <n>', 'the paper’s protocol: n points uniform in the --box instead of the complex (any input dimension)')
    .option('--seed <s>', 'random seed for --samples', '1')
    .option('--limit <n>', 'low-rank regions listed per layer', '10')
    .option('--max-cells <n>', `refuse complexes above this many cells (default ${DEFAULT_MAX_CELLS})`)
    .option('--svg <file>', 'draw the 2-D complex coloured by rank, one panel per layer')
    .option('--json', 'print one JSON object')
    .action((file: string, flags: RankFlags) => {
      const net = loadNetwork(file);
      const layers = parseLayers(flags.layer, net);
      const limit = parseLimit(flags.limit);
      const maxCells = flags.maxCells === undefined ? undefined : parsePositiveInt(flags.maxCells, '--max-cells');
      if (flags.svg !== undefined) {
        const dim = flags.slice !== undefined ? readSlicePoints(flags.slice).length - 1 : net.inputDim;
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
          complex = buildDomainComplex(net, flags, maxCells);
          cellRankData = cellRanks(net, complex);
        }
      } else {
        complex = buildDomainComplex(net, flags, maxCells);
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

function parseLimit(text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0) throw new TesseraError('input', `--limit: expected a non-negative integer, got "${text}"`);
  return v;
}

/** The complex of the box (default [−1,1]^n), a JSON domain, or a slice. */
function buildDomainComplex(net: Network, flags: RankFlags, maxCells: number | undefined): Complex {
  if (flags.slice !== undefined) {
    const points = readSlicePoints(flags.slice);
    const box = flags.box === undefined ? DEFAULT_SLICE_BOX : toPair(parseInterval(flags.box, '--box'));
    return inFile(flags.slice, () => sliceComplex(net, points, { box, maxCells }));
  }
  return buildComplex(net, readDomain(flags.box, net.inputDim), { maxCells });
}

function toPair(i: { lo: number; hi: number }): [number, number] {
  return [i.lo, i.hi];
}

function readDomain(text: string | undefined, n: number): Domain {
  if (text === undefined) return boxDomain(n);
  if (/^\s*-?[\d.]/.test(text) && !text.toLowerCase().endsWith('.json')) {
    const { lo, hi } = parseInterval(text, '--box');
    return boxDomain(n, lo, hi);
  }
  const obj = readJSON(text) as { lo?: number[]; hi?: number[]; A?: number[][]; b?: number[] };
  return inFile(text, () => {
    if (Array.isArray(obj?.lo) && Array.isArray(obj?.hi)) {
      if (obj.lo.length !== n || obj.hi.length !== n) throw new TesseraError('shape', `the box has ${obj.lo.length}/${obj.hi.length} bounds but the network takes ${n} inputs`);
      return boxDomain(n, obj.lo, obj.hi);
    }
    if (Array.isArray(obj?.A) && Array.isArray(obj?.b)) return polytopeDomain(obj.A, obj.b, n);
    throw new TesseraError('format', 'a domain file needs {"lo": […], "hi": […]} or {"A": [[…]], "b": […]}');
  });
}

function readJSON(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new TesseraError('input', `cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, file);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TesseraError('format', `not valid JSON: ${(err as Error).message}`, file);
  }
}

function readSlicePoints(file: string): number[][] {
  const obj = readJSON(file) as { points?: unknown } | unknown[];
  const pts = Array.isArray(obj) ? obj : (obj as { points?: unknown })?.points;
  if (!Array.isArray(pts) || pts.some((p) => !Array.isArray(p) || p.some((v: unknown) => typeof v !== 'number'))) {
    throw new TesseraError('format', 'a slice file needs {"points": [[…], […], […]]} (3 or 4 input points)', file);
  }
  return pts as number[][];
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
