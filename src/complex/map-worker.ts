/**
 * Worker thread body for parallel.ts: the affine maps of a range of regions from their packed sign
 * sequences (regionmap.ts, in the order mapAll gives them), sent back as transferable buffers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createNetwork, type LayerSpec } from '../net/network.js';
import { forwardRegionMapper } from './regionmap.js';

interface MapJob {
  layers: LayerSpec[];
  signs: Uint32Array;
  words: number;
  count: number;
  dim: number;
  outputDim: number;
}

const job = workerData as MapJob;
const net = createNetwork(job.layers);
const m = job.outputDim;
const n = job.dim;
const J = new Float64Array(job.count * m * n);
const c = new Float64Array(job.count * m);
const map = forwardRegionMapper(net);
for (let r = 0; r < job.count; r++) map(job.signs, r * job.words, J, r * m * n, c, r * m);
parentPort!.postMessage({ J, c }, [J.buffer, c.buffer]);
