/**
 * The 2-D build on worker threads. The first hidden layer is cut here (it is cheap: a line
 * arrangement); its regions are dealt to the workers in contiguous shares, and each worker cuts its
 * regions by the remaining layers (planar-worker.ts). Neighbouring regions in different shares split
 * their common edges identically, because the split of an edge depends only on its endpoints' data and
 * the zero thresholds, and the thresholds are made global once per layer (each worker reports its
 * max|activation|, this thread takes the max and wakes them through a SharedArrayBuffer). The shares are
 * then stitched: vertices made twice on a shared edge have bit-identical coordinates and are merged.
 */
import { Worker } from 'node:worker_threads';
import { hiddenCount, type Network } from '../net/network.js';
import { hiddenWidths, packedWords } from '../net/signs.js';
import { TesseraError } from '../numeric/errors.js';
import { DEFAULT_TOLERANCE } from '../numeric/tolerance.js';
import { assembleComplex } from './assemble.js';
import { DEFAULT_MAX_CELLS, type BuildOptions } from './build.js';
import { domainLattice } from './domain.js';
import { GrowF64, GrowI32 } from './grow.js';
import { finishPlanar, initialPlanarState, polygonsToLattice, runPlanarLayers } from './planar.js';
import { precomputeLayer } from './layersetup.js';
import { FRESH_RUNS } from './regionmap.js';
import type { Complex, Domain } from './types.js';

interface Done {
  coords: Float64Array;
  words: Uint32Array;
  values: Float64Array;
  vertexCount: number;
  polyOff: Int32Array;
  polyVerts: Int32Array;
  J: Float64Array;
  c: Float64Array;
}

/**
 * Is a parallel 2-D build worth its threads? The serial time is about regions₁ × Σ_{l≥2} w_l·w_{l−1} × 6 ns
 * (measured here on He nets; layer 1's values mostly derive from layer 0's, which costs little), and
 * threads save (1 − 1/parts) of it but cost ~0.6 s to start, load the library and stitch the shares.
 */
export function planarParallelWorth(net: Network, regionsAfterFirst: number, parts: number): boolean {
  let w2 = 0;
  for (let l = 2; l < net.layers.length - 1; l++) w2 += net.layers[l].outDim * net.layers[l].inDim;
  const serial = regionsAfterFirst * w2 * 6e-9;
  return serial * (1 - 1 / parts) > 0.6;
}

export async function buildPlanarParallel(net: Network, domain: Domain, options: BuildOptions, workers: number, force = false): Promise<Complex | null> {
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  const L = net.layers.length;
  if (L < 3) return null;
  const state = initialPlanarState(net, domainLattice(domain, tol));
  runPlanarLayers(net, state, 1, tol, options, maxCells);
  const R1 = state.polys.off.length - 1;
  // Shares begin where the region maps start afresh (every FRESH_RUNS-th first-layer region: each
  // region of the first layer's arrangement is one run of the maps), so they match one thread's bits.
  const bounds = [0];
  for (let k = 1; k < Math.min(workers, R1); k++) {
    const at = Math.round((k * R1) / Math.min(workers, R1) / FRESH_RUNS) * FRESH_RUNS;
    if (at > bounds[bounds.length - 1] && at < R1) bounds.push(at);
  }
  bounds.push(R1);
  const parts = bounds.length - 1;
  if (parts < 2 || (!force && !planarParallelWorth(net, R1, parts))) {
    runPlanarLayers(net, state, L - 1, tol, options, maxCells);
    const done = finishPlanar(net, state);
    return assembleComplex(net, domain, done.lattice, done.words, done.values, hiddenCount(net), hiddenWidths(net));
  }
  // Layer 1's values here, for all vertices: those layer 0 made derive theirs from their edges'
  // ends, which a worker holding only its share of the vertices could not do as one thread does.
  precomputeLayer(net, state, tol);
  const pre = state.pre!;
  const w1 = net.layers[1].outDim;
  const H = hiddenCount(net);
  const W = packedWords(H);
  let maxWidth = 2;
  for (const layer of net.layers) maxWidth = Math.max(maxWidth, layer.outDim);
  const sync = new SharedArrayBuffer(8 + 8 * maxWidth);
  const generation = new Int32Array(sync, 0, 1);
  const shared = new Float64Array(sync, 8);
  const layers = net.layers.map((l) => ({ weight: l.weight, bias: l.bias, inDim: l.inDim, outDim: l.outDim }));
  const off = state.polys.off.data;
  const verts = state.polys.verts.data;
  const localToGlobal: Int32Array[] = [];
  const started: Worker[] = [];
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(`./planar-worker.${ts ? 'ts' : 'js'}`, import.meta.url);
  const pending: { layer: number; amax: Float64Array }[] = [];
  const results: Done[] = new Array(parts);

  const finished = new Promise<void>((resolve, reject) => {
    let left = parts;
    const fail = (err: Error) => {
      for (const w of started) void w.terminate();
      reject(err);
    };
    for (let k = 0; k < parts; k++) {
      // A contiguous share of the regions, its vertices renumbered 0…
      const r0 = bounds[k];
      const r1 = bounds[k + 1];
      const local = new Map<number, number>();
      const polyOff = new Int32Array(r1 - r0 + 1);
      const polyVerts = new Int32Array(off[r1] - off[r0]);
      for (let r = r0; r < r1; r++) {
        for (let p = off[r]; p < off[r + 1]; p++) {
          let id = local.get(verts[p]);
          if (id === undefined) local.set(verts[p], (id = local.size));
          polyVerts[p - off[r0]] = id;
        }
        polyOff[r - r0 + 1] = off[r + 1] - off[r0];
      }
      const ids = new Int32Array(local.size);
      for (const [g, i] of local) ids[i] = g;
      localToGlobal.push(ids);
      const V = ids.length;
      const coords = new Float64Array(V * 2);
      const words = new Uint32Array(Math.max(16, V) * W);
      // Empty when the next layer's inputs are layer 0's values (evaluated at the coordinates).
      const act = new Float64Array(state.act.length > 0 ? V * state.actWidth : 0);
      const preZ = new Float64Array(V * w1);
      for (let i = 0; i < V; i++) {
        const g = ids[i];
        coords[2 * i] = state.coords.data[2 * g];
        coords[2 * i + 1] = state.coords.data[2 * g + 1];
        words.set(state.words.subarray(g * W, (g + 1) * W), i * W);
        if (act.length > 0) act.set(state.act.subarray(g * state.actWidth, (g + 1) * state.actWidth), i * state.actWidth);
        preZ.set(pre.Z.subarray(g * w1, (g + 1) * w1), i * w1);
      }
      const maxBytes = options.maxBytes === undefined ? undefined : options.maxBytes / parts;
      const data = { layers, relative: tol.relative, maxCells: Math.ceil(maxCells / parts), maxBytes, coords, words, act, actWidth: state.actWidth, vertexCount: V, polyOff, polyVerts, base: state.base, preZ, thr: pre.thr, sync };
      const worker = ts
        ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData: data })
        : new Worker(url, { workerData: data });
      started.push(worker);
      worker.on('message', (msg: { type: string; layer: number; amax: Float64Array; budget?: boolean; estimate?: number; memory?: boolean; message?: string } & Done) => {
        if (msg.type === 'amax') {
          pending.push({ layer: msg.layer, amax: msg.amax });
          const here = pending.filter((p) => p.layer === msg.layer);
          if (here.length === parts) {
            shared.fill(0);
            for (const p of here) for (let i = 0; i < p.amax.length; i++) shared[i] = Math.max(shared[i], p.amax[i]);
            for (let i = pending.length - 1; i >= 0; i--) if (pending[i].layer === msg.layer) pending.splice(i, 1);
            let done = 0;
            for (let l = 0; l < msg.layer; l++) done += net.layers[l].outDim;
            options.onProgress?.({ done, total: H, cells: 0, layer: msg.layer });
            Atomics.store(generation, 0, msg.layer);
            Atomics.notify(generation, 0);
          }
        } else if (msg.type === 'done') {
          results[k] = msg;
          if (--left === 0) resolve();
        } else if (msg.type === 'error') {
          fail(msg.budget
            ? new TesseraError(
                'budget',
                msg.memory
                  ? `one of ${parts} parts, each allowed 1/${parts} of the memory limit: ${msg.message}`
                  : msg.estimate
                  ? `this complex would have about ${(msg.estimate * parts).toLocaleString('en-US')} cells (cap ${maxCells.toLocaleString('en-US')}; one of ${parts} parts would have ${msg.estimate.toLocaleString('en-US')}); raise it with --max-cells`
                  : `this complex would have more than ${maxCells.toLocaleString('en-US')} cells (one of ${parts} parts passed its share); raise it with --max-cells`,
              )
            : new Error(`2-D build worker failed: ${msg.message}`));
        }
      });
      worker.once('error', fail);
    }
  });
  try {
    await finished;
  } finally {
    for (const w of started) void w.terminate();
  }
  return stitch(net, domain, state.V, results, localToGlobal, W);
}

/** Merge the shares: old vertices by their global ids, new ones by exact coordinates. */
function stitch(net: Network, domain: Domain, V1: number, results: Done[], localToGlobal: Int32Array[], W: number): Complex {
  const m = net.outputDim;
  const coords = new GrowF64();
  const words = new GrowI32();
  const values = new GrowF64();
  let V = 0;
  const table = new CoordTable(1024);
  const polysOff = new GrowI32();
  const polysVerts = new GrowI32();
  polysOff.push(0);
  const J = new GrowF64();
  const c = new GrowF64();
  const addVertex = (res: Done, i: number) => {
    coords.push(res.coords[2 * i]);
    coords.push(res.coords[2 * i + 1]);
    for (let q = 0; q < W; q++) words.push(res.words[i * W + q]);
    for (let o = 0; o < m; o++) values.push(res.values[i * m + o]);
    return V++;
  };
  // Layer-1 vertices keep their ids 0…V1−1: take them from whichever share has them.
  const firstOwner = new Int32Array(V1).fill(-1);
  const firstLocal = new Int32Array(V1);
  results.forEach((_, k) => localToGlobal[k].forEach((g, i) => {
    if (firstOwner[g] < 0) {
      firstOwner[g] = k;
      firstLocal[g] = i;
    }
  }));
  for (let g = 0; g < V1; g++) {
    const res = results[firstOwner[g]];
    const id = addVertex(res, firstLocal[g]);
    table.insert(res.coords[2 * firstLocal[g]], res.coords[2 * firstLocal[g] + 1], id);
  }
  results.forEach((res, k) => {
    const ids = localToGlobal[k];
    const map = new Int32Array(res.vertexCount);
    for (let i = 0; i < res.vertexCount; i++) {
      if (i < ids.length) map[i] = ids[i];
      else {
        const x = res.coords[2 * i];
        const y = res.coords[2 * i + 1];
        const known = table.find(x, y);
        map[i] = known >= 0 ? known : table.insert(x, y, addVertex(res, i));
      }
    }
    for (let r = 0; r + 1 < res.polyOff.length; r++) {
      for (let p = res.polyOff[r]; p < res.polyOff[r + 1]; p++) polysVerts.push(map[res.polyVerts[p]]);
      polysOff.push(polysVerts.length);
    }
    for (let i = 0; i < res.J.length; i++) J.push(res.J[i]);
    for (let i = 0; i < res.c.length; i++) c.push(res.c[i]);
  });
  const lattice = polygonsToLattice(coords.toArray(), V, { off: polysOff, verts: polysVerts });
  const wordArray = Uint32Array.from(words.data.subarray(0, words.length));
  const complex = assembleComplex(net, domain, lattice, wordArray, values.toArray(), hiddenCount(net), hiddenWidths(net), undefined, false);
  complex.topJacobians.set(J.data.subarray(0, J.length));
  complex.topOffsets.set(c.data.subarray(0, c.length));
  return complex;
}

/** Exact-coordinate hash table (x, y) → vertex id; −0 and 0 are the same point. */
class CoordTable {
  private xs: Float64Array;
  private ys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  private size = 0;
  private readonly bits = new Float64Array(2);
  private readonly words = new Uint32Array(this.bits.buffer);

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.xs = new Float64Array(cap);
    this.ys = new Float64Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  private slot(x: number, y: number): number {
    this.bits[0] = x + 0;
    this.bits[1] = y + 0;
    const h = Math.imul(this.words[0] ^ Math.imul(this.words[1], 0x9e3779b1), 0x85ebca77) ^ Math.imul(this.words[2] ^ Math.imul(this.words[3], 0xc2b2ae35), 0x27d4eb2f);
    let i = (h >>> 0) & this.mask;
    while (this.ids[i] >= 0 && !(this.xs[i] === x && this.ys[i] === y)) i = (i + 1) & this.mask;
    return i;
  }

  find(x: number, y: number): number {
    return this.ids[this.slot(x, y)];
  }

  insert(x: number, y: number, id: number): number {
    if ((this.size + 1) * 2 > this.ids.length) this.rehash();
    const i = this.slot(x, y);
    if (this.ids[i] < 0) this.size++;
    this.xs[i] = x;
    this.ys[i] = y;
    this.ids[i] = id;
    return id;
  }

  private rehash(): void {
    const { xs, ys, ids } = this;
    const cap = ids.length * 2;
    this.xs = new Float64Array(cap);
    this.ys = new Float64Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] >= 0) this.insert(xs[i], ys[i], ids[i]);
  }
}
