/**
 * buildComplex with worker threads (node:worker_threads) for large jobs. In 2-D the whole build is shared
 * out by regions of the first layer (planar-parallel.ts) when the work is large enough. Otherwise the
 * cells are built on this thread and the affine maps of the regions (mapAll in assemble.ts; a large
 * share of the time for wide networks) are computed by `workers` threads over about equal slices of the
 * regions. Small jobs (under `minRegions`) stay on this thread, where starting
 * threads would cost more; `minRegions: 0` forces the threads (tests).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Network } from '../net/network.js';
import { mapAll, mapOrder } from './assemble.js';
import { freshStarts } from './regionmap.js';
import { buildComplexWith, type BuildOptions } from './build.js';
import { buildPlanarParallel } from './planar-parallel.js';
import type { Complex, Domain } from './types.js';

export interface ParallelOptions extends BuildOptions {
  /** Worker threads (default: available cores, at most 8). 1 means no workers. */
  readonly workers?: number;
  /** Below this many regions the maps are computed on this thread (default 20,000). */
  readonly minRegions?: number;
}

export async function buildComplexParallel(net: Network, domain: Domain, options: ParallelOptions = {}): Promise<Complex> {
  const workers = Math.max(1, Math.floor(options.workers ?? Math.min(8, availableParallelism())));
  if (domain.dim === 2 && options.engine !== 'lattice' && workers > 1) {
    // 2-D: the whole build is shared out (planar-parallel.ts), when it is big enough to pay.
    const planar = await buildPlanarParallel(net, domain, options, workers, options.minRegions === 0);
    if (planar) return planar;
  }
  const probe = buildComplexWith(net, domain, options, false);
  const n = probe.dim;
  const regions = probe.cells[n].count;
  if (workers <= 1 || regions < (options.minRegions ?? 20_000)) return buildMaps(net, probe);
  const m = probe.outputDim;
  const W = probe.signWords;
  const layers = net.layers.map((l) => ({ weight: l.weight, bias: l.bias, inDim: l.inDim, outDim: l.outDim }));
  // The workers map the regions in the order this thread would (mapOrder), in slices that begin where
  // the forward mapper starts afresh (regionmap.ts), so they compute this thread's bits.
  const order = mapOrder(probe.cells[n].signs, W, regions, n);
  const signs = order ? new Uint32Array(regions * W) : probe.cells[n].signs;
  if (order) for (let i = 0; i < regions; i++) signs.set(probe.cells[n].signs.subarray(order[i] * W, (order[i] + 1) * W), i * W);
  const jobs: Promise<void>[] = [];
  const per = Math.ceil(regions / workers);
  const fresh = freshStarts(net, signs, W, regions).fresh;
  const cuts = [0];
  for (let k = 1; k < workers; k++) {
    let at = Math.max(cuts[k - 1], Math.min(regions, k * per));
    while (at < regions && !fresh[at]) at++;
    cuts.push(at);
  }
  cuts.push(regions);
  const J = probe.topJacobians;
  const c = probe.topOffsets;
  for (let k = 0; k < workers; k++) {
    const from = cuts[k];
    const to = cuts[k + 1];
    if (from >= to) continue;
    jobs.push(
      runWorker({ layers, signs: signs.slice(from * W, to * W), words: W, count: to - from, dim: n, outputDim: m }).then((part) => {
        // Back to the regions' own places.
        for (let i = from; i < to; i++) {
          const r = order ? order[i] : i;
          J.set(part.J.subarray((i - from) * m * n, (i - from + 1) * m * n), r * m * n);
          c.set(part.c.subarray((i - from) * m, (i - from + 1) * m), r * m);
        }
      }),
    );
  }
  await Promise.all(jobs);
  return probe;
}

function buildMaps(net: Network, complex: Complex): Complex {
  // Same computation as the workers', on this thread.
  return { ...complex, ...mapsOnThisThread(net, complex) };
}


function mapsOnThisThread(net: Network, complex: Complex): Pick<Complex, 'topJacobians' | 'topOffsets'> {
  const n = complex.dim;
  const m = complex.outputDim;
  const regions = complex.cells[n].count;
  const J = new Float64Array(regions * m * n);
  const c = new Float64Array(regions * m);
  mapAll(net, complex.cells[n].signs, complex.signWords, regions, n, J, c);
  return { topJacobians: J, topOffsets: c };
}

function runWorker(data: unknown): Promise<{ J: Float64Array; c: Float64Array }> {
  // Under tsx / vitest this module is TypeScript: the worker then needs the tsx loader too.
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(`./map-worker.${ts ? 'ts' : 'js'}`, import.meta.url);
  return new Promise((resolve, reject) => {
    const worker = ts
      ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData: data })
      : new Worker(url, { workerData: data });
    worker.once('message', (msg: { J: Float64Array; c: Float64Array }) => {
      resolve(msg);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`region-map worker stopped with exit code ${code}`));
    });
  });
}
