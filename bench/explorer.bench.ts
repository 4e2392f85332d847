/**
 * Benchmark of what the explorer's workers do per frame (web/src/compute.ts, analysis.ts, trainer.ts),
 * run in node: the complex of a view (buildComplex + the drawable geometry), a level
 * set, critical points, sublevel topology, ranks, and playground training steps. Median of 5 runs
 * after a warm-up, wall-clock ms on this thread.
 *
 *   node --import tsx bench/explorer.bench.ts
 */
import { readFileSync } from 'node:fs';
import { initNetwork } from '../src/dynamics/init.js';
import { loadNetwork } from '../src/net/load/index.js';
import { architecture, type Network } from '../src/net/network.js';
import { planeThroughPoints, type AffinePlane } from '../src/net/slice.js';
import { criticalOf, emptyCache, ranksOf, topologyOf } from '../web/src/analysis.js';
import { computeComplex, computeLevelSet, emptyState, setNetwork } from '../web/src/compute.js';
import { networkToPayload } from '../web/src/payload.js';
import { createSession } from '../web/src/trainer.js';

function median(work: () => void, runs = 5): number {
  work();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(runs / 2)];
}

const ms = (v: number) => v.toFixed(v < 10 ? 2 : 1).padStart(8);

interface Case {
  name: string;
  net: Network;
  plane: AffinePlane | null;
  box: { x0: number; x1: number; y0: number; y1: number };
}

const slicePoints = (JSON.parse(readFileSync('examples/slice-mnist.json', 'utf8')) as { points: number[][] }).points;
const cases: Case[] = [
  { name: 'small-2d.json', net: loadNetwork('examples/small-2d.json'), plane: null, box: { x0: -1, x1: 1, y0: -1, y1: 1 } },
  { name: 'playground 2-8-8-1', net: initNetwork([2, 8, 8, 1], 'kaiming', 1), plane: null, box: { x0: -1.5, x1: 1.5, y0: -1.5, y1: 1.5 } },
  { name: 'random 2-32-32-1', net: initNetwork([2, 32, 32, 1], 'kaiming', 1), plane: null, box: { x0: -1, x1: 1, y0: -1, y1: 1 } },
  { name: 'random 2-64-64-64-1', net: initNetwork([2, 64, 64, 64, 1], 'kaiming', 1), plane: null, box: { x0: -1, x1: 1, y0: -1, y1: 1 } },
  { name: 'mnist-mlp, slice', net: loadNetwork('examples/mnist-mlp.json'), plane: planeThroughPoints(slicePoints), box: { x0: -0.3, x1: 1.3, y0: -0.3, y1: 1.3 } },
];

console.log('explorer worker jobs, median ms (node, one thread)');
console.log(['case'.padEnd(22), 'arch'.padEnd(16), 'regions', ' complex', '   level', 'critical', 'topology', '   ranks'].join(' '));
for (const c of cases) {
  const state = emptyState();
  setNetwork(state, networkToPayload(c.net), c.plane);
  let regions = 0;
  const complex = median(() => (regions = computeComplex(state, c.box, 5_000_000).regionCount));
  const level = median(() => computeLevelSet(state, c.box, 0, 0));
  const critical = median(() => criticalOf(emptyCache(), state.complex!, 0));
  const topology = median(() => topologyOf(emptyCache(), state.complex!, 0, 0));
  const ranks = median(() => ranksOf(c.net, state.complex!));
  console.log([c.name.padEnd(22), architecture(c.net).join('-').slice(0, 16).padEnd(16), String(regions).padStart(7), ms(complex), ms(level), ms(critical), ms(topology), ms(ranks)].join(' '));
}

const session = createSession({ data: 'xor', hidden: [8, 8], lr: 0.1, optimizer: 'gd', seed: 1 });
const stepMs = median(() => session.steps(100)) / 100;
console.log(`\nplayground training (xor, 200 points, 2-8-8-1, gd): ${(stepMs * 1000).toFixed(1)} µs a step (snapshot included every 100 steps), ${Math.round(1000 / stepMs)} steps/s`);
