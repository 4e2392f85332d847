/**
 * Benchmark of the training core (issue 7): full-batch loss + gradient evaluations per second and
 * sample-neuron throughput for a few architectures; gd and flow runs on the obstructed toy of the
 * Nurisso experiment (integrator steps, forced steps at the minimum step, drift); and the cost of
 * `analyseObstruction` on wide networks.
 *
 *   node --import tsx bench/dynamics.bench.ts
 */
import { analyseObstruction, initNetwork, objective, packNetwork, teacherData, train, xorData, type Batch } from '../src/dynamics/index.js';
import { nurissoPair, nurissoTeacher } from '../src/experiments/nurisso.js';
import { normals, rng } from '../src/numeric/random.js';

function timeIt(work: () => void, minSeconds = 0.5): { perCall: number; calls: number } {
  work(); // warm-up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minSeconds * 1000) {
    work();
    calls++;
    elapsed = performance.now() - start;
  }
  return { perCall: elapsed / 1000 / calls, calls };
}

console.log('loss + gradient (full batch, mse)');
console.log('  architecture        samples   µs/eval   Mmult-add/s');
for (const [arch, samples] of [[[2, 16, 1], 200], [[2, 64, 64, 1], 200], [[10, 100, 1], 1000], [[784, 64, 10], 256]] as [number[], number][]) {
  const { layout, theta } = packNetwork(initNetwork(arch, 'kaiming', 1));
  const batch: Batch = { inputs: normals(rng(2), samples * arch[0]), targets: normals(rng(3), samples * arch[arch.length - 1]), count: samples, inputDim: arch[0], targetDim: arch[arch.length - 1] };
  const f = objective(layout, batch, 'mse');
  const grad = new Float64Array(layout.size);
  const { perCall } = timeIt(() => f(theta, grad));
  // Forward W·a plus the two backward products (∇W and δ): about 3 multiply-adds per weight per sample.
  let weights = 0;
  for (let l = 0; l < arch.length - 1; l++) weights += arch[l] * arch[l + 1];
  console.log(`  ${arch.join('-').padEnd(18)} ${String(samples).padStart(8)} ${(perCall * 1e6).toFixed(1).padStart(9)} ${((3 * weights * samples) / perCall / 1e6).toFixed(0).padStart(12)}`);
}

console.log('\ntraining runs');
const data = teacherData(nurissoTeacher(), { samples: 64, seed: 3 });
const pair = nurissoPair();
for (const [name, net] of [['obstructed', pair.obstructed], ['unobstructed', pair.unobstructed]] as const) {
  for (const [optimizer, epochs, lr] of [['gd', 5000, 0.2], ['flow', 200, 5]] as const) {
    const t0 = performance.now();
    const r = train(net, data, { loss: 'mse', optimizer, epochs, lr });
    const s = (performance.now() - t0) / 1000;
    const flow = r.flow ? `, ${r.flow.accepted} steps (${r.flow.forced} forced), ${r.flow.rejected} rejected, ${r.flow.evaluations} evals` : '';
    console.log(`  ${name.padEnd(13)} ${optimizer.padEnd(5)} t=${epochs * lr}: ${s.toFixed(3)} s, final loss ${r.finalLoss.toExponential(2)}, drift ${r.conserved.maxRelativeDrift.toExponential(2)}${flow}`);
  }
}
{
  const xor = xorData({ samples: 200, seed: 1 });
  const init = initNetwork([2, 16, 1], 'kaiming', 1);
  for (const [optimizer, epochs, lr] of [['adam', 2000, 0.01], ['flow', 100, 0.5]] as const) {
    const t0 = performance.now();
    const r = train(init, xor, { loss: 'bce', optimizer, epochs, lr });
    const s = (performance.now() - t0) / 1000;
    console.log(`  xor 2-16-1   ${optimizer.padEnd(5)} ${epochs} epochs: ${s.toFixed(3)} s, loss ${r.finalLoss.toExponential(2)}, drift ${r.conserved.maxRelativeDrift.toExponential(2)}${r.flow ? `, ${r.flow.evaluations} evals (${r.flow.forced} forced steps)` : ''}`);
  }
}

console.log('\nanalyseObstruction');
for (const [d, l] of [[10, 1000], [784, 1000]]) {
  const net = initNetwork([d, l, 1], 'kaiming', 4);
  const { perCall } = timeIt(() => analyseObstruction(net), 0.3);
  console.log(`  ${d} → ${l} → 1: ${(perCall * 1e3).toFixed(2)} ms`);
}
