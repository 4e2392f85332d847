/**
 * Brooks & Masden (arXiv 2412.18005), realisability of sublevel-set topology by shallow networks, in the
 * form derived in the research notes §1.9 (the paper's own statements could not be read; see README):
 *
 * 1. Realisability: for every n and index k there is a one-hidden-layer net of width n + 1 with a single
 *    interior non-degenerate critical point of index k; passing its value attaches a k-cell to the
 *    sublevel set (β of {F ≤ c − ε} vs {F ≤ c + ε} on the box). Built, classified, and checked.
 * 2. Obstruction: at a transversal index-k vertex of a shallow net at least k neurons through it have
 *    negative and n − k positive output weight. So convex nets (all a_j > 0) have only minima (at most
 *    one, sublevel sets convex) and concave ones only maxima. Checked on random shallow nets of each sign
 *    class: critical points by index, most minima/maxima per net, and violations of the condition (0).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boxDomain, buildComplex } from '../complex/index.js';
import { morseContext } from '../morse/classify.js';
import { discreteGradient, criticalCells } from '../morse/gradient.js';
import { criticalReport } from '../morse/report.js';
import { neuronsThrough, outputSignCondition, outputWeights, shallowIndexNet } from '../morse/shallow.js';
import { sublevelBetti } from '../morse/sublevel.js';
import { createNetwork, networkToJSON, type Network } from '../net/network.js';
import { normals, rng, type Rng } from '../numeric/random.js';
import { morseSvg } from '../render/morse.js';
import type { Experiment, ExperimentIO, ExperimentOptions } from './types.js';

export interface RealisabilityRow {
  n: number;
  index: number;
  architecture: number[];
  /** Output weights of the neurons through the critical point: negative and positive. */
  negativeThrough: number;
  positiveThrough: number;
  /** Interior critical points found, by index. */
  countsByIndex: number[];
  criticalValue: number;
  bettiBelow: number[];
  bettiAbove: number[];
  /** One interior critical point, of index k, and β changes as attaching a k-cell predicts. */
  verified: boolean;
}

export interface SignClassRow {
  n: number;
  width: number;
  signs: 'positive' | 'negative' | 'mixed';
  nets: number;
  /** Interior critical points by index, summed over the nets (with multiplicity). */
  countsByIndex: number[];
  maxMinimaPerNet: number;
  maxMaximaPerNet: number;
  /** Interior critical vertices checked against the output-sign condition, and how many violate it. */
  transversalChecked: number;
  violations: number;
  /** Nets with a flat cell in the interior (degenerate, left out of the counts). */
  degenerateNets: number;
}

/** Betti numbers of the sublevel complex of a shallow net before and after its critical value. */
function realise(n: number, k: number): RealisabilityRow {
  const net = shallowIndexNet(n, k);
  const ctx = morseContext(buildComplex(net, boxDomain(n, -1, 1)));
  const rep = criticalReport(ctx);
  const c = -(n + 1);
  const below = sublevelBetti(ctx, c - 0.5);
  const above = sublevelBetti(ctx, c + 0.5);
  // Attaching a k-cell: for k = 0 a new component (β₀ +1); otherwise it kills a (k−1)-class.
  const delta = above.map((b, d) => b - below[d]);
  const expected = new Array<number>(n + 1).fill(0);
  if (k === 0) expected[0] = 1;
  else expected[k - 1] = -1;
  const a = outputWeights(net);
  const through = Array.from({ length: n }, (_, i) => i);
  const cond = outputSignCondition(a, through, n, k);
  const one = rep.critical.length === 1 && rep.critical[0].index === k && rep.critical[0].multiplicity === 1 && rep.critical[0].point.every((x) => x === 0);
  return {
    n,
    index: k,
    architecture: [n, n + 1, 1],
    negativeThrough: cond.negative,
    positiveThrough: cond.positive,
    countsByIndex: rep.countsByIndex,
    criticalValue: rep.critical[0]?.value ?? NaN,
    bettiBelow: below,
    bettiAbove: above,
    verified: one && delta.every((x, d) => x === expected[d]),
  };
}

function randomShallow(rand: Rng, n: number, width: number, signs: SignClassRow['signs']): Network {
  const weight = normals(rand, width * n, 0, 1);
  const bias = normals(rand, width, 0, 0.5);
  const a = normals(rand, width, 0, 1);
  if (signs !== 'mixed') for (let j = 0; j < width; j++) a[j] = (signs === 'positive' ? 1 : -1) * Math.abs(a[j]);
  return createNetwork([
    { weight, bias, inDim: n, outDim: width },
    { weight: a, bias: [0], inDim: width, outDim: 1 },
  ]);
}

function signClass(rand: Rng, n: number, width: number, signs: SignClassRow['signs'], nets: number): SignClassRow {
  const counts = new Array<number>(n + 1).fill(0);
  let maxMin = 0;
  let maxMax = 0;
  let checked = 0;
  let violations = 0;
  let degenerate = 0;
  for (let t = 0; t < nets; t++) {
    const net = randomShallow(rand, n, width, signs);
    const complex = buildComplex(net, boxDomain(n, -2, 2));
    const ctx = morseContext(complex);
    const rep = criticalReport(ctx);
    if (rep.degenerate.length > 0) degenerate++;
    rep.countsByIndex.forEach((c, k) => (counts[k] += c));
    maxMin = Math.max(maxMin, rep.countsByIndex[0]);
    maxMax = Math.max(maxMax, rep.countsByIndex[n]);
    const a = outputWeights(net);
    for (const p of rep.critical) {
      const v = findVertex(complex.vertices, n, p.point);
      const through = neuronsThrough(complex, v);
      if (through.length !== n) continue; // the condition is derived for transversal vertices
      checked++;
      if (!outputSignCondition(a, through, n, p.index).holds) violations++;
    }
  }
  return { n, width, signs, nets, countsByIndex: counts, maxMinimaPerNet: maxMin, maxMaximaPerNet: maxMax, transversalChecked: checked, violations, degenerateNets: degenerate };
}

function findVertex(vertices: Float64Array, n: number, p: readonly number[]): number {
  for (let v = 0; v * n < vertices.length; v++) {
    let same = true;
    for (let j = 0; j < n && same; j++) same = vertices[v * n + j] === p[j];
    if (same) return v;
  }
  return -1;
}

function table(header: string[], rows: (string | number)[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r: (string | number)[]) => r.map((x, c) => String(x).padEnd(widths[c])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const br = (a: number[]) => `[${a.join(',')}]`;

export const brooksMasden: Experiment = {
  description: 'shallow nets realising each critical index; sign obstruction (convex nets: minima only) checked on random nets',
  run(opts: ExperimentOptions, io: ExperimentIO) {
    const dims = opts.quick ? [2, 3] : [1, 2, 3, 4];
    const realisability: RealisabilityRow[] = [];
    for (const n of dims) for (let k = 0; k <= n; k++) realisability.push(realise(n, k));
    const rand = rng(opts.seed);
    const nets = opts.quick ? 6 : 60;
    const classes: SignClassRow[] = [];
    for (const [n, width] of opts.quick ? [[2, 6]] : [[2, 8], [3, 6]]) {
      for (const signs of ['positive', 'negative', 'mixed'] as const) classes.push(signClass(rand, n, width, signs, n === 3 ? Math.ceil(nets / 3) : nets));
    }
    const result = { experiment: 'brooks-masden', seed: opts.seed, quick: opts.quick, realisability, signClasses: classes };

    if (opts.out) {
      mkdirSync(opts.out, { recursive: true });
      writeFileSync(join(opts.out, 'brooks-masden.json'), JSON.stringify(result, null, 1) + '\n');
      writeFileSync(
        join(opts.out, 'realisability.csv'),
        ['n,index,architecture,negative_through,positive_through,counts_by_index,critical_value,betti_below,betti_above,verified', ...realisability.map((r) => [r.n, r.index, r.architecture.join('-'), r.negativeThrough, r.positiveThrough, r.countsByIndex.join(' '), r.criticalValue, r.bettiBelow.join(' '), r.bettiAbove.join(' '), r.verified].join(','))].join('\n') + '\n',
      );
      writeFileSync(
        join(opts.out, 'sign-classes.csv'),
        ['n,width,signs,nets,counts_by_index,max_minima,max_maxima,transversal_checked,violations,degenerate_nets', ...classes.map((c) => [c.n, c.width, c.signs, c.nets, c.countsByIndex.join(' '), c.maxMinimaPerNet, c.maxMaximaPerNet, c.transversalChecked, c.violations, c.degenerateNets].join(','))].join('\n') + '\n',
      );
      for (const r of realisability) {
        writeFileSync(join(opts.out, `shallow-${r.n}d-index-${r.index}.json`), JSON.stringify(networkToJSON(shallowIndexNet(r.n, r.index))) + '\n');
      }
      for (let k = 0; k <= 2; k++) {
        const ctx = morseContext(buildComplex(shallowIndexNet(2, k), boxDomain(2, -1, 1)));
        const g = discreteGradient(ctx);
        writeFileSync(join(opts.out, `shallow-index-${k}.svg`), morseSvg(ctx, { levels: 7, title: `shallow net 2-3-1 with an index-${k} critical point`, criticalCells: criticalCells(g), pairs: g }));
      }
    }
    if (opts.json) {
      io.out(JSON.stringify(result) + '\n');
      return result;
    }
    const lines = [
      'Brooks & Masden: sublevel topology of shallow ReLU networks (notes §1.9)',
      '',
      'Realisability: a width-(n+1) shallow net with one interior critical point of each index k, on [-1,1]^n',
      table(
        ['n', 'k', 'net', 'a<0 / a>0 through', 'interior by index', 'F(0)', 'betti F<=F(0)-0.5', 'betti F<=F(0)+0.5', 'ok'],
        realisability.map((r) => [r.n, r.index, r.architecture.join('-'), `${r.negativeThrough} / ${r.positiveThrough}`, br(r.countsByIndex), r.criticalValue, br(r.bettiBelow), br(r.bettiAbove), r.verified ? 'yes' : 'NO']),
      ),
      '',
      'Obstruction: index k needs >= k negative and >= n-k positive output weights through the vertex',
      table(
        ['n', 'width', 'output signs', 'nets', 'interior by index', 'max minima/net', 'max maxima/net', 'checked', 'violations', 'flat nets'],
        classes.map((c) => [c.n, c.width, c.signs, c.nets, br(c.countsByIndex), c.maxMinimaPerNet, c.maxMaximaPerNet, c.transversalChecked, c.violations, c.degenerateNets]),
      ),
    ];
    if (opts.out) lines.push('', `wrote ${opts.out}/: brooks-masden.json, realisability.csv, sign-classes.csv, shallow-index-{0,1,2}.svg, shallow-<n>d-index-<k>.json (the nets)`);
    io.out(lines.join('\n') + '\n');
    return result;
  },
};
