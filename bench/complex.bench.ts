/**
 * Benchmark of the canonical polyhedral complex (issue 3). Random He-initialised networks (weights
 * N(0, 2/fan_in), biases U(−1/√fan_in, 1/√fan_in), seeded) on [−1,1]ⁿ: cells by dimension, regions,
 * seconds (best wall time of up to 300 runs after a warm-up; run it on an idle machine) and regions per
 * second; then
 * the same job with worker threads for the region maps (wall time of one run, threads included).
 *
 *   node --import tsx bench/complex.bench.ts            # all cases
 *   node --import tsx bench/complex.bench.ts 2,32,32,32,1 # one architecture (more than 6 inputs: on a
 *                                                        # plane through three random inputs; with
 *                                                        # @0.05, a 3-D slice shrunk to 5%)
 *   node --import tsx bench/complex.bench.ts --phases    # and where the time goes (bench/phases.ts)
 *
 * Like the `tessera` command, it runs with glibc's malloc asking for transparent huge pages
 * (GLIBC_TUNABLES=glibc.malloc.hugetlb=1, set by re-running itself): on small VMs a fresh 4 KiB page
 * faults in at ~15 µs, and a large build touches hundreds of MB of them.
 */
import { spawnSync } from 'node:child_process';
import { buildComplex, boxDomain, cellsByDim, sliceSetup, type Complex } from '../src/complex/index.js';
import { createNetwork, type Network } from '../src/net/index.js';
import { existsSync } from 'node:fs';
import { normals, rng, uniforms } from '../src/numeric/random.js';
import { phaseTimes } from './phases.js';

if (process.platform === 'linux' && !process.env.GLIBC_TUNABLES) {
  const env = { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };
  const run = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env, stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

function heNetwork(widths: readonly number[], seed: number): Network {
  const rand = rng(seed);
  return createNetwork(
    widths.slice(1).map((outDim, l) => {
      const inDim = widths[l];
      const bound = 1 / Math.sqrt(inDim);
      return { weight: normals(rand, inDim * outDim, 0, Math.sqrt(2 / inDim)), bias: uniforms(rand, outDim, -bound, bound), inDim, outDim };
    }),
  );
}

function timed<T>(work: () => T): { value: T; wall: number } {
  const w0 = performance.now();
  const value = work();
  return { value, wall: (performance.now() - w0) / 1000 };
}

// An argument like 784,512,256,10@0.05 runs that net on a 3-D slice shrunk to 5% (see the last case).
const cases = process.argv
  .slice(2)
  .filter((a) => a.includes(','))
  .map((a) => ({ arch: a.split('@')[0].split(',').map(Number), shrink: a.includes('@') ? Number(a.split('@')[1]) : undefined }));
// The 6-D complex on [−1,1]⁶ has about 54 million cells, more than fits in memory here in this form, so
// that case runs on [−0.5, 0.5]⁶ (25 million cells); --radius R runs every case on [−R, R]ⁿ.
const radiusArg = process.argv.indexOf('--radius');
const forced = radiusArg > 0 ? Number(process.argv[radiusArg + 1]) : undefined;
const archs: { arch: number[]; radius: number; slice?: boolean; shrink?: number }[] = cases.length
  ? cases.map(({ arch, shrink }) => ({ arch, radius: forced ?? 1, slice: arch[0] > 6, shrink }))
  : [
      { arch: [2, 32, 32, 32, 1], radius: forced ?? 1 },
      { arch: [2, 64, 64, 64, 1], radius: forced ?? 1 },
      { arch: [2, 128, 128, 128, 128, 1], radius: forced ?? 1 },
      { arch: [3, 32, 32, 1], radius: forced ?? 1 },
      // One wide layer in 3-D: each neuron splits only the cells of its zone (zone.ts).
      { arch: [3, 100, 1], radius: forced ?? 1 },
      { arch: [6, 16, 16, 1], radius: forced ?? 0.5 },
      // One wide layer: the domain is one region cut by 1000 lines (time should follow the cells).
      { arch: [2, 1000, 1], radius: forced ?? 1 },
      // An MNIST-sized MLP on the plane through three points of [0,1]^784 (the slice's triangle
      // coordinates, tessera regions --slice): a wide first layer of the plane.
      { arch: [784, 512, 256, 10], radius: 1, slice: true },
      // The same net on a 3-D slice: a tetrahedron of four inputs shrunk to 15% about its centre (the whole
      // tetrahedron through random inputs holds tens of millions of cells).
      { arch: [784, 512, 256, 10], radius: 1, slice: true, shrink: 0.15 },
    ];
const withWorkers = !process.argv.includes('--no-workers');
const withPhases = process.argv.includes('--phases');
// Workers load the compiled library when it is built (npm run build): a TypeScript worker would have to
// start its own tsx compiler first, which costs more than the work.
const distParallel = new URL('../dist/complex/parallel.js', import.meta.url);
const { buildComplexParallel } = (await import(existsSync(distParallel) ? distParallel.href : '../src/complex/parallel.js')) as typeof import('../src/complex/parallel.js');

console.log(`architecture            cells by dim                                   regions  1 thread s  regions/s${withWorkers ? '  workers s  regions/s' : ''}`);
for (const { arch, radius, slice, shrink } of archs) {
  let net = heNetwork(arch, 2023);
  let domain = boxDomain(arch[0], -radius, radius);
  if (slice) {
    const rand = rng(7);
    let points = (shrink ? [0, 1, 2, 3] : [0, 1, 2]).map(() => uniforms(rand, arch[0], 0, 1));
    if (shrink) {
      const centre = points[0].map((_, i) => points.reduce((s, p) => s + p[i], 0) / points.length);
      points = points.map((p) => p.map((x, i) => centre[i] + shrink * (x - centre[i])));
    }
    const setup = sliceSetup(net, points);
    net = setup.net;
    domain = setup.domain;
  }
  const n = domain.dim;
  const options = { maxCells: 50_000_000 };
  // Warm-up (JIT), then the best of up to 300 runs within ~3 s (at least one more run).
  const first = timed(() => buildComplex(net, domain, options));
  const complex = first.value;
  let bestWall = first.wall;
  let spent = first.wall;
  for (let r = 0; r < 300 && (r === 0 || spent < 3); r++) {
    const t = timed(() => buildComplex(net, domain, options));
    bestWall = Math.min(bestWall, t.wall);
    spent += t.wall;
  }
  const regions = complex.cells[n].count;
  let par = '';
  if (withWorkers) {
    let wall = Infinity;
    let pc: Complex | undefined;
    for (let r = 0; r < (first.wall > 10 ? 1 : 2); r++) {
      const t0 = performance.now();
      pc = await buildComplexParallel(net, domain, { ...options, minRegions: 0 });
      wall = Math.min(wall, (performance.now() - t0) / 1000);
    }
    if (!pc) throw new Error('no parallel run');
    if (pc.cells[n].count !== regions) throw new Error(`parallel build disagrees: ${pc.cells[n].count} vs ${regions} regions`);
    par = `  ${wall.toFixed(4).padStart(9)}  ${Math.round(regions / wall).toLocaleString('en-US').padStart(9)}`;
  }
  console.log(
    `${(arch.join('→') + (shrink ? ' 3-D slice' : slice ? ' slice' : radius === 1 ? '' : ` [±${radius}]`)).padEnd(22)}  ${JSON.stringify(cellsByDim(complex)).padEnd(45)}  ${String(regions).padStart(8)}  ${bestWall.toFixed(4).padStart(10)}  ${Math.round(regions / bestWall).toLocaleString('en-US').padStart(9)}${par}`,
  );
  if (withPhases) {
    const phases = phaseTimes(net, domain).map(([name, s]) => `${name} ${s.toFixed(4)}${name === 'complex without maps' ? ` (${Math.round(regions / s).toLocaleString('en-US')} regions/s)` : ''}`);
    console.log(`    phases (best s): ${phases.join(', ')}`);
  }
}
