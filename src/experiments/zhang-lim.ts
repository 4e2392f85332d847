/**
 * Zhang, Naitzat & Lim (2018) §6.3 — "deeper is exponentially more expressive" — checked against exact
 * counts. Nets with the same number of hidden neurons, or the same number of parameters, are built
 * shallow and deep, several seeds each; for every net we print the bounds on linear regions (Zhang Thm 6.3,
 * Serra et al. Thm 1, the shallow maximum) next to the exact counts on a box: activation regions,
 * linear regions (Def. 1) and distinct affine maps from the canonical complex, and the tropical
 * picture (monomials of f and g, tropical cells). Bounds grow with depth; typical counts of random
 * nets do not (Hanin & Rolnick 2019) — the table shows both.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNetwork, parameterCount, type Network } from '../net/network.js';
import { TesseraError } from '../numeric/errors.js';
import { renderBoundsChart } from '../render/tropical.js';
import { boxDomain, buildComplex } from '../complex/index.js';
import { bigToJSON, regionBounds } from '../tropical/bounds.js';
import { tropicalCells } from '../tropical/cells.js';
import { complexRegionCounts } from '../tropical/region-counts.js';
import { tropicalize, type TropicalRationalMap } from '../tropical/tropicalize.js';
import type { Experiment, ExperimentOptions } from './types.js';
import { mulberry32 } from '../numeric/random.js';

export interface ZhangLimRow {
  /** The size budget shared by the nets compared ("12 neurons", "57 parameters"). */
  readonly group: string;
  readonly config: string;
  readonly widths: number[];
  readonly seed: number;
  readonly parameters: number;
  readonly zhangBound: number | string | null;
  readonly serraBound: number | string;
  readonly shallowMaximum: number | string;
  readonly activationRegions: number;
  readonly linearRegions: number;
  readonly distinctAffineMaps: number;
  readonly tropicalCells: number | null;
  readonly numeratorMonomials: number;
  readonly denominatorMonomials: number;
}

const INPUT_DIM = 2;
const BOX = 4;

/** Seeded Gaussian weights, He scaling (variance 2/fan-in), small Gaussian biases. */
function randomNet(widths: number[], seed: number): Network {
  const next = mulberry32((seed * 2654435761) >>> 0);
  const uniform = () => next() + 0.5 / 4294967296; // never 0: log(uniform()) below stays finite
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const sizes = [INPUT_DIM, ...widths, 1];
  const layers = [];
  for (let l = 1; l < sizes.length; l++) {
    const s = Math.sqrt(2 / sizes[l - 1]);
    layers.push({
      weight: Array.from({ length: sizes[l] }, () => Array.from({ length: sizes[l - 1] }, () => gauss() * s)),
      bias: Array.from({ length: sizes[l] }, () => gauss() * 0.5),
    });
  }
  return createNetwork(layers);
}

/**
 * Groups of equal size, shallow to deep: equal neuron count, and equal parameter count (a one-layer net
 * 2→w→1 has 4w+1 parameters, 2→a→a→1 has a²+5a+1, 2→b→b→b→1 has 2b²+6b+1).
 */
function configurations(quick: boolean): { group: string; config: string; widths: number[] }[] {
  const groups: [string, number[][]][] = quick
    ? [['6 neurons', [[6], [3, 3], [2, 2, 2]]]]
    : [
        ['8 neurons', [[8], [4, 4], [2, 2, 2, 2]]],
        ['12 neurons', [[12], [6, 6], [4, 4, 4], [3, 3, 3, 3]]],
        ['37 parameters', [[9], [4, 4]]],
        ['57 parameters', [[14], [4, 4, 4]]],
      ];
  return groups.flatMap(([group, ws]) => ws.map((w) => ({ group, config: `${INPUT_DIM}→${w.join('→')}→1`, widths: w })));
}

export function runZhangLim(opts: ExperimentOptions): ZhangLimRow[] {
  const seeds = opts.quick ? 2 : 4;
  const rows: ZhangLimRow[] = [];
  for (const { group, config, widths } of configurations(opts.quick)) {
    for (let s = 0; s < seeds; s++) {
      const seed = opts.seed * 1000 + s;
      const net = randomNet(widths, seed);
      const map = tropicalize(net, { mode: 'float' }) as TropicalRationalMap<unknown>;
      const counts = complexRegionCounts(buildComplex(net, boxDomain(INPUT_DIM, -BOX, BOX)));
      let cells: number | null = null;
      try {
        cells = tropicalCells(map, { lo: [-BOX, -BOX], hi: [BOX, BOX], maxLPs: opts.quick ? 20_000 : 100_000 }).cells.length;
      } catch (err) {
        if (!(err instanceof TesseraError) || err.kind !== 'budget') throw err; // too many LPs: leave the cell count out
      }
      const b = regionBounds(INPUT_DIM, widths);
      rows.push({
        group,
        config,
        widths,
        seed,
        parameters: parameterCount(net),
        zhangBound: bigToJSON(b.zhang),
        serraBound: bigToJSON(b.serra)!,
        shallowMaximum: bigToJSON(b.shallow)!,
        activationRegions: counts.activationRegions,
        linearRegions: counts.linearRegions,
        distinctAffineMaps: counts.distinctAffineMaps,
        tropicalCells: cells,
        numeratorMonomials: map.numerators[0].count,
        denominatorMonomials: map.denominators[0].count,
      });
    }
  }
  return rows;
}

const COLUMNS: (keyof ZhangLimRow)[] = [
  'group', 'config', 'seed', 'parameters', 'zhangBound', 'serraBound', 'shallowMaximum', 'activationRegions', 'linearRegions', 'distinctAffineMaps', 'tropicalCells', 'numeratorMonomials', 'denominatorMonomials',
];

function csv(rows: ZhangLimRow[]): string {
  const cell = (v: unknown) => (v === null ? '' : String(v));
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/** Per configuration: mean of each count over the seeds. */
export function summarizeZhangLim(rows: ZhangLimRow[]) {
  const keys = [...new Set(rows.map((r) => `${r.group}|${r.config}`))];
  const mean = (xs: number[]) => Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2));
  return keys.map((key) => {
    const rs = rows.filter((r) => `${r.group}|${r.config}` === key);
    const cells = rs.map((r) => r.tropicalCells).filter((v): v is number => v !== null);
    return {
      group: rs[0].group,
      config: rs[0].config,
      nets: rs.length,
      parameters: rs[0].parameters,
      zhangBound: rs[0].zhangBound,
      serraBound: rs[0].serraBound,
      shallowMaximum: rs[0].shallowMaximum,
      activationRegions: mean(rs.map((r) => r.activationRegions)),
      linearRegions: mean(rs.map((r) => r.linearRegions)),
      distinctAffineMaps: mean(rs.map((r) => r.distinctAffineMaps)),
      tropicalCells: cells.length ? mean(cells) : null,
      monomials: mean(rs.map((r) => r.numeratorMonomials + r.denominatorMonomials)),
    };
  });
}

export const zhangLim: Experiment = {
  description: 'region bounds (Zhang et al., Serra et al.) vs exact counts, deep vs shallow nets of equal size',
  run(opts, io) {
    const rows = runZhangLim(opts);
    const summary = summarizeZhangLim(rows);
    const files: string[] = [];
    if (opts.out) {
      mkdirSync(opts.out, { recursive: true });
      const write = (name: string, text: string) => {
        writeFileSync(join(opts.out!, name), text);
        files.push(join(opts.out!, name));
      };
      write('zhang-lim.csv', csv(rows));
      write('zhang-lim.json', JSON.stringify({ box: [-BOX, BOX], inputDim: INPUT_DIM, rows, summary }, null, 1) + '\n');
      write('zhang-lim.svg', renderBoundsChart(summary, `Region bounds vs exact counts on [−${BOX},${BOX}]², ${rows.length / summary.length} random nets per architecture`));
    }
    const result = { experiment: 'zhang-lim', inputDim: INPUT_DIM, box: [-BOX, BOX], seed: opts.seed, quick: opts.quick, summary, rows, files };
    if (opts.json) io.out(JSON.stringify(result) + '\n');
    else {
      const head = ['group', 'architecture', 'params', 'Zhang', 'Serra', 'shallow', 'activation', 'linear', 'maps', 'trop. cells', 'monomials'];
      const body = summary.map((s) => [s.group, s.config, s.parameters, s.zhangBound ?? '—', s.serraBound, s.shallowMaximum, s.activationRegions, s.linearRegions, s.distinctAffineMaps, s.tropicalCells ?? '—', s.monomials].map(String));
      const widths = head.map((h, k) => Math.max(h.length, ...body.map((r) => r[k].length)));
      const line = (r: string[]) => r.map((v, k) => (k <= 1 ? v.padEnd(widths[k]) : v.padStart(widths[k]))).join('  ');
      io.out(
        [
          `zhang-lim: bounds on linear regions vs exact counts on [−${BOX},${BOX}]² (means over ${rows.length / summary.length} seeds; He-normal weights)`,
          line(head),
          ...body.map(line),
          'Bounds: Zhang Thm 6.3 and Serra Thm 1 (upper), shallow = max for one layer of the same neurons.',
          'Counts: activation regions, linear regions (Def. 1) and distinct maps from the complex; tropical cells of f ⊘ g.',
          ...files.map((f) => `wrote ${f}`),
        ].join('\n') + '\n',
      );
    }
    return result;
  },
};
