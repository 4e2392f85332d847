/**
 * Tropical layer figures: time to tropicalize (exact and float), monomial counts, tropical-cell
 * counting, and the exact simplex on pruning-sized LPs. Run: node --import tsx bench/tropical.bench.ts
 */
import { createNetwork, type Network } from '../src/net/network.js';
import { exactArithmetic, floatArithmetic } from '../src/numeric/arithmetic.js';
import { tropicalize, type TropicalRationalMap } from '../src/tropical/tropicalize.js';
import { tropicalCells } from '../src/tropical/cells.js';
import { pruneRedundant } from '../src/tropical/prune.js';
import { tropicalProduct } from '../src/tropical/operations.js';
import type { TropicalPolynomial } from '../src/tropical/polynomial.js';
import { mulberry32 as rng } from '../src/numeric/random.js';


function randomNet(widths: number[], seed: number, integer: boolean): Network {
  const r = rng(seed);
  const v = () => (integer ? Math.round((r() * 2 - 1) * 3) : (r() * 2 - 1) * 1.5);
  const layers = [];
  for (let l = 1; l < widths.length; l++) {
    layers.push({ weight: Array.from({ length: widths[l] }, () => Array.from({ length: widths[l - 1] }, v)), bias: Array.from({ length: widths[l] }, v) });
  }
  return createNetwork(layers);
}

function time<T>(work: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = work();
  return { value, ms: performance.now() - t0 };
}

console.log('tropicalize (prune after every product), then tropical cells on [-1,1]^n');
console.log('architecture        weights  mode    |f|   |g|   tropicalize ms   cells   cells ms');
const cases: [number[], boolean][] = [
  [[2, 4, 4, 1], true],
  [[2, 8, 8, 1], true],
  [[2, 8, 8, 1], false],
  [[2, 4, 4, 4, 1], false],
  [[3, 5, 5, 1], true],
  [[3, 5, 5, 1], false],
  [[4, 4, 4, 1], false],
];
for (const [widths, integer] of cases) {
  const net = randomNet(widths, 42, integer);
  for (const mode of integer ? (['exact', 'float'] as const) : (['float'] as const)) {
    const t = time(() => tropicalize(net, { mode }) as TropicalRationalMap<unknown>);
    const n = net.inputDim;
    const c = time(() => tropicalCells(t.value, { lo: Array(n).fill(-1), hi: Array(n).fill(1), maxLPs: 2_000_000 }));
    console.log(
      `${widths.join('→').padEnd(18)}  ${(integer ? 'integer' : 'real').padEnd(7)}  ${mode.padEnd(6)} ${String(t.value.numerators[0].count).padStart(4)}  ${String(t.value.denominators[0].count).padStart(4)}   ${t.ms.toFixed(1).padStart(14)}   ${String(c.value.cells.length).padStart(5)}   ${c.ms.toFixed(1).padStart(8)}`,
    );
  }
}

console.log('\npruning a raw Minkowski sum of two random 2-variable polynomials (one region LP per monomial, constraint generation)');
for (const size of [20, 40, 80]) {
  for (const [name, ar] of [['exact', exactArithmetic], ['float', floatArithmetic()]] as const) {
    const r = rng(size);
    const make = () => {
      const e: unknown[] = [];
      const c: unknown[] = [];
      for (let i = 0; i < size; i++) {
        const a = r() * 2 * Math.PI;
        e.push(ar.fromNumber(Math.round(20 * Math.cos(a))), ar.fromNumber(Math.round(20 * Math.sin(a))));
        c.push(ar.fromNumber(Math.round(r() * 10)));
      }
      return { dim: 2, count: size, exponents: e, coefficients: c } as TropicalPolynomial<never>;
    };
    const raw = tropicalProduct(ar as never, make(), make());
    const t = time(() => pruneRedundant(ar as never, raw));
    console.log(`  ${size}×${size} → ${String(raw.count).padStart(5)} raw → ${String(t.value.count).padStart(4)} kept   ${name.padEnd(5)} ${t.ms.toFixed(1).padStart(8)} ms`);
  }
}
