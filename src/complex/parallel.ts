/**
 * buildComplex with worker threads (node:worker_threads) for large jobs. In 2-D the whole build is shared
 * out by regions of the first layer (planar-parallel.ts) when the work is large enough. Otherwise the
 * cells are built on this thread and the affine maps of the regions (regionMapper in assemble.ts; a large
 * share of the time for wide networks) are computed by `workers` threads over about equal slices of the
 * regions. Small jobs (under `minRegions`) stay on this thread, where starting
 * threads would cost more; `minRegions: 0` forces the threads (tests).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Network } from '../net/network.js';
import { regionMapper } from './assemble.js';
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
  const signs = probe.cells[n].signs;
  const jobs: Promise<void>[] = [];
  const per = Math.ceil(regions / workers);
  // Slices begin where the region maps start afresh (regionmap.ts), so they match this thread's bits.
  // (The n-D maps are a backward pass per region, which keeps no state: any slice will do.)
  const fresh = n === 2 ? freshStarts(net, signs, W, regions).fresh : new Uint8Array(regions).fill(1);
  const cuts = [0];
  for (let k = 1; k < workers; k++) {
    let at = Math.max(cuts[k - 1], Math.min(regions, k * per));
    while (at < regions && !fresh[at]) at++;
    cuts.push(at);
  }
  cuts.push(regions);
  for (let k = 0; k < workers; k++) {
    const from = cuts[k];
    const to = cuts[k + 1];
    if (from >= to) continue;
    jobs.push(
      runWorker({ layers, signs: signs.slice(from * W, to * W), words: W, count: to - from, dim: n, outputDim: m }).then(({ J, c }) => {
        (probe.topJacobians as Float64Array).set(J, from * m * n);
        (probe.topOffsets as Float64Array).set(c, from * m);
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
  const W = complex.signWords;
  const regions = complex.cells[n].count;
  const J = new Float64Array(regions * m * n);
  const c = new Float64Array(regions * m);
  const map = regionMapper(net);
  for (let r = 0; r < regions; r++) map(complex.cells[n].signs, r * W, J, r * m * n, c, r * m);
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
