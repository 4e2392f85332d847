/**
 * Worker thread body for planar-parallel.ts: continue a 2-D build on a share of the first layer's
 * regions (layers 2…L), synchronising the zero thresholds with the other workers once per layer, then
 * send back the vertices, polygons, output values and region maps.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createNetwork, hiddenCount, type LayerSpec } from '../net/network.js';
import { packedWords } from '../net/signs.js';
import { isTesseraError } from '../numeric/errors.js';
import { forwardRegionMapper } from './regionmap.js';
import { GrowF64, GrowI32 } from './grow.js';
import { finishPlanar, runPlanarLayers, type PlanarState } from './planar.js';

export interface PlanarJob {
  layers: LayerSpec[];
  relative: number;
  maxCells: number;
  /** This worker's share of the memory limit (bytes), if there is one. */
  maxBytes?: number;
  coords: Float64Array;
  words: Uint32Array;
  act: Float64Array;
  actWidth: number;
  vertexCount: number;
  polyOff: Int32Array;
  polyVerts: Int32Array;
  base: number;
  /** Layer 1's values at the vertices (rows) and its zero thresholds, made on the main thread. */
  preZ: Float64Array;
  thr: Float64Array;
  /** Int32 generation counter at byte 0, then the global max|activation| per input (Float64 from byte 8). */
  sync: SharedArrayBuffer;
}

function grown<T extends GrowF64 | GrowI32>(g: T, from: Float64Array | Int32Array): T {
  g.grow(from.length);
  g.data.set(from as never);
  g.length = from.length;
  return g;
}

const job = workerData as PlanarJob;
try {
  const net = createNetwork(job.layers);
  const state: PlanarState = {
    coords: grown(new GrowF64(job.coords.length * 4 + 16), job.coords),
    V: job.vertexCount,
    words: job.words,
    polys: { off: grown(new GrowI32(job.polyOff.length * 4 + 16), job.polyOff), verts: grown(new GrowI32(job.polyVerts.length * 4 + 16), job.polyVerts) },
    act: job.act,
    actWidth: job.actWidth,
    layer: 1,
    base: job.base,
    pre: { Z: job.preZ, thr: job.thr },
  };
  const generation = new Int32Array(job.sync, 0, 1);
  const shared = new Float64Array(job.sync, 8);
  const globalAmax = (layer: number, local: Float64Array): Float64Array => {
    parentPort!.postMessage({ type: 'amax', layer, amax: local });
    while (Atomics.load(generation, 0) < layer) Atomics.wait(generation, 0, Atomics.load(generation, 0));
    return shared.slice(0, local.length);
  };
  runPlanarLayers(net, state, net.layers.length - 1, { relative: job.relative }, { maxBytes: job.maxBytes }, job.maxCells, globalAmax);
  const done = finishPlanar(net, state);
  const lat = done.lattice;
  // Region maps here too: a region's signs are the OR of its vertices' words.
  const W = packedWords(hiddenCount(net));
  const regions = lat.counts[2];
  const m = net.outputDim;
  const regionWords = new Uint32Array(regions * W);
  const off = state.polys.off.data;
  const verts = state.polys.verts.data;
  for (let r = 0; r < regions; r++) {
    for (let p = off[r]; p < off[r + 1]; p++) for (let q = 0; q < W; q++) regionWords[r * W + q] |= done.words[verts[p] * W + q];
  }
  const J = new Float64Array(regions * m * 2);
  const c = new Float64Array(regions * m);
  const map = forwardRegionMapper(net);
  for (let r = 0; r < regions; r++) map(regionWords, r * W, J, r * m * 2, c, r * m);
  const polyOff = state.polys.off.toArray();
  const polyVerts = state.polys.verts.toArray();
  parentPort!.postMessage(
    { type: 'done', coords: lat.coords, words: done.words, values: done.values, vertexCount: lat.vertexCount, polyOff, polyVerts, J, c },
    [lat.coords.buffer, done.words.buffer, done.values.buffer, polyOff.buffer, polyVerts.buffer, J.buffer, c.buffer] as ArrayBuffer[],
  );
} catch (err) {
  const budget = isTesseraError(err) && err.kind === 'budget';
  const { estimate, memory } = err as { estimate?: number; memory?: boolean };
  parentPort!.postMessage({ type: 'error', budget, estimate: budget ? estimate : undefined, memory: budget && memory === true, message: (err as Error).message });
}
