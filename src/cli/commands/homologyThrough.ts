/**
 * The `--through NET` mode of `tessera homology DATA`: push the point cloud through a network and give
 * the persistent homology of the data at every layer, with a verdict per layer (preserved / changed)
 * and, where it changed, the low-rank regions holding the points whose neighbourhoods collapse
 * (rank/through.ts). The `homology` command (homology.ts, the topology layer's) declares the options
 * and hands over to `runHomologyThrough` when `--through` is given.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { lineChartSvg, type Series } from '../../render/rank.js';
import { loadNetwork } from '../../net/load/index.js';
import { architecture } from '../../net/network.js';
import { TesseraError, inFile } from '../../numeric/errors.js';
import { loadPointCloud, checkDataDim } from '../../rank/pointCloud.js';
import { homologyThrough, type ThroughResult } from '../../rank/through.js';
import { barcodeToJSON } from '../../topology/barcode.js';
import { emit, type IO } from '../io.js';
import { parseNumber, parseNonNegativeInt, parsePositiveInt } from '../options.js';

export interface ThroughFlags {
  through?: string;
  maxDim?: string;
  threshold?: string;
  sample?: string;
  minPersistence?: string;
  limit?: string;
  maxSimplices?: string;
  barcodes?: boolean;
  svg?: string;
  json?: boolean;
}

/**
 * The options `homology` adds for this mode (listed in its --help): --through NET, --sample N,
 * --min-persistence R, --limit N, --barcodes. It shares --max-dim (here default 2), --threshold
 * (here relative to each layer's enclosing radius), --max-simplices and --svg (here: Betti numbers
 * per layer, with the M/A prediction dashed) with the plain mode.
 */
/** Run `homology DATA --through NET`. */
export function runHomologyThrough(dataFile: string, flags: ThroughFlags, io: IO, command?: Command): ThroughResult {
  // Options shared with the plain mode keep their own defaults there; here only values the user gave count
  // (through a network --max-dim defaults to 2: H₀, H₁, H₂; --max-simplices to this mode's work cap).
  const given = (key: 'maxDim' | 'maxSimplices') => flags[key] !== undefined && command?.getOptionValueSource(key) !== 'default';
  const netFile = flags.through!;
  const net = loadNetwork(netFile);
  const pc = loadPointCloud(dataFile);
  inFile(dataFile, () => checkDataDim(pc, net.inputDim));
  const result = homologyThrough(net, pc.points, pc.count, {
    maxDim: given('maxDim') ? parseMaxDim(flags.maxDim!) : undefined,
    threshold: flags.threshold === undefined ? undefined : parseNumber(flags.threshold, '--threshold'),
    maxPoints: flags.sample === undefined ? undefined : parsePositiveInt(flags.sample, '--sample'),
    minPersistence: flags.minPersistence === undefined ? undefined : parseNumber(flags.minPersistence, '--min-persistence'),
    limit: flags.limit === undefined ? undefined : parseNonNegativeInt(flags.limit, '--limit'),
    maxSimplices: given('maxSimplices') ? parsePositiveInt(flags.maxSimplices!, '--max-simplices') : undefined,
  });
  const json = {
    data: dataFile,
    network: netFile,
    architecture: architecture(net),
    points: result.points,
    homologyPoints: result.homologyPoints,
    spanDim: result.spanDim,
    maxDim: result.maxDim,
    minPersistence: result.minPersistence,
    preserved: result.layers.every((l) => l.verdict !== 'changed'),
    layers: result.layers.map((l) => ({
      layer: l.layer,
      label: l.label,
      width: l.width,
      scale: l.scale,
      resolution: l.resolution,
      betti: l.betti,
      quotientBetti: l.quotientBetti,
      verdict: l.verdict,
      collapsedShare: l.collapsedShare,
      collapseRegionCount: l.collapseRegionCount,
      collapseRegions: l.collapseRegions,
      ...(flags.barcodes ? { barcode: barcodeToJSON(l.barcode) } : {}),
    })),
  };
  if (flags.svg !== undefined) writeSvg(flags.svg, bettiChart(result, dataFile, netFile));
  emit(io, !!flags.json, json, () => human(json, result));
  return result;
}

/** Betti numbers against depth (solid), with the paper's M/A prediction (dashed). */
function bettiChart(r: ThroughResult, data: string, net: string): string {
  const x = r.layers.map((l) => l.layer);
  const series: Series[] = [];
  for (let k = 0; k <= r.maxDim; k++) {
    series.push({ name: `β${k}`, x, y: r.layers.map((l) => l.betti[k]), color: COLORS[k % COLORS.length] });
    series.push({ name: `β${k} of M/A`, x, y: r.layers.map((l) => l.quotientBetti[k]), color: COLORS[k % COLORS.length], dashed: true });
  }
  return lineChartSvg(series, { title: `${data} through ${net}: persistent Betti numbers per layer (0 = input)`, xLabel: 'layer', yLabel: 'Betti number' });
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

function writeSvg(file: string, svg: string): void {
  try {
    writeFileSync(file, svg);
  } catch (err) {
    throw new TesseraError('input', `cannot write the SVG file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, file);
  }
}

function parseMaxDim(text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0 || v > 3) throw new TesseraError('input', `--max-dim: expected 0, 1, 2 or 3, got "${text}"`);
  return v;
}

function human(json: { data: string; network: string; architecture: number[]; spanDim: number; points: number; homologyPoints: number }, r: ThroughResult): string {
  const lines = [
    `${json.data} (${json.points} points, span ${json.spanDim}-D; homology on ${json.homologyPoints}) through ${json.network} (${json.architecture.join(' → ')})`,
    `persistent Betti numbers: bars longer than the resolution, max(${r.minPersistence} × the layer's enclosing radius, the input's sampling scale carried through the layer)`,
    '',
    '  layer    width  betti        verdict     collapsed  M/A (paper’s prediction)',
  ];
  for (const l of r.layers) {
    const q = l.layer === 0 ? '' : '[' + l.quotientBetti.join(', ') + ']';
    lines.push(`  ${l.label.padEnd(8)} ${String(l.width).padEnd(6)} ${('[' + l.betti.join(', ') + ']').padEnd(12)} ${l.verdict.padEnd(11)} ${(l.layer === 0 ? '' : (100 * l.collapsedShare).toFixed(1) + '%').padEnd(10)} ${q}`.trimEnd());
    for (const c of l.collapseRegions) lines.push(`      ${c.signSequence}  rank ${c.rank} on the data  ${c.points} point(s)${c.newAtLayer ? '  (new at this layer)' : ''}`);
    if (l.collapseRegionCount > l.collapseRegions.length && l.verdict === 'changed') lines.push(`      … ${l.collapseRegionCount - l.collapseRegions.length} more (raise --limit)`);
  }
  return lines.join('\n');
}
