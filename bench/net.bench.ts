/**
 * Network evaluation and loading:  node --import tsx bench/net.bench.ts
 * - evaluateBatch throughput (points/s) on a 2→64→64→64→1 and a 784→256→256→10 network;
 * - single-point evaluate, signSequence and localAffineMap rates on the 2-D net;
 * - parse time of a 784→256→256→10 network (269,322 parameters) in every format.
 */
import {
  createNetwork, evaluate, evaluateBatch, localAffineMap, networkToJSON, networkToNpz, networkToONNX, networkToSafetensors,
  parameterCount, parseNetwork, signSequence, type Network, type NetworkFormat,
} from '../src/index.js';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

function randomNet(widths: number[], seed: number): Network {
  const r = seeded(seed);
  return createNetwork(
    widths.slice(1).map((out, l) => ({
      weight: Float64Array.from({ length: out * widths[l] }, () => r() * Math.sqrt(24 / widths[l])),
      bias: Array.from({ length: out }, () => r() * 0.2),
      inDim: widths[l],
      outDim: out,
    })),
  );
}

/** Run `work` repeatedly for at least `minMs`, after a warm-up; returns ms per call (best of 3 rounds). */
function time(work: () => unknown, minMs = 300): number {
  work();
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      work();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

const fmt = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : v.toFixed(1));

console.log('evaluateBatch throughput');
for (const [widths, count] of [[[2, 64, 64, 64, 1], 100_000], [[784, 256, 256, 10], 2_000]] as const) {
  const net = randomNet([...widths], 1);
  const r = seeded(2);
  const pts = Float64Array.from({ length: count * net.inputDim }, r);
  const ms = time(() => evaluateBatch(net, pts));
  console.log(`  ${widths.join('→').padEnd(18)} ${String(parameterCount(net)).padStart(7)} params  ${count} points in ${ms.toFixed(2)} ms  = ${fmt((count / ms) * 1000)} points/s`);
}

console.log('single point, 2→64→64→64→1');
{
  const net = randomNet([2, 64, 64, 64, 1], 1);
  const x = [0.3, -0.2];
  for (const [name, work] of [
    ['evaluate', () => evaluate(net, x)],
    ['signSequence', () => signSequence(net, x)],
    ['localAffineMap', () => localAffineMap(net, x)],
  ] as const) {
    const ms = time(work, 200);
    console.log(`  ${name.padEnd(15)} ${(ms * 1000).toFixed(2)} µs/call  = ${fmt(1000 / ms)} calls/s`);
  }
}

console.log('loading 784→256→256→10 (parse from bytes in memory)');
{
  const net = randomNet([784, 256, 256, 10], 3);
  const files: [string, NetworkFormat, Uint8Array][] = [
    ['JSON', 'json', new TextEncoder().encode(JSON.stringify(networkToJSON(net)))],
    ['ONNX Gemm f32', 'onnx', networkToONNX(net)],
    ['ONNX MatMul f32', 'onnx', networkToONNX(net, { style: 'matmul' })],
    ['npz f32 stored', 'npz', networkToNpz(net)],
    ['npz f32 deflated', 'npz', networkToNpz(net, { compress: true })],
    ['safetensors f32', 'safetensors', networkToSafetensors(net)],
    ['safetensors f16', 'safetensors', networkToSafetensors(net, { dtype: 'F16' })],
  ];
  for (const [name, format, bytes] of files) {
    const ms = time(() => parseNetwork(bytes, format), 300);
    console.log(`  ${name.padEnd(18)} ${(bytes.length / 1e6).toFixed(2).padStart(6)} MB  ${ms.toFixed(2).padStart(8)} ms  = ${(bytes.length / ms / 1e3).toFixed(0)} MB/s`);
  }
}
