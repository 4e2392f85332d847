/**
 * Seeded pseudo-random numbers, so every experiment repeats exactly from its seed. No global state:
 * a generator is a closure over its own 128-bit state (xoshiro128**, Blackman & Vigna 2018), seeded
 * through splitmix32 so that nearby seeds give unrelated streams.
 */

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/** splitmix32 step: scrambles a 32-bit counter into a well-mixed word (used only for seeding). */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * mulberry32 (Tommy Ettinger): a tiny 32-bit generator on [0, 1). Kept beside rng() because fixed
 * fixtures (test nets, the tropical hull's filter directions, example files) were drawn from it and must
 * repeat exactly; new code should use rng().
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded generator (xoshiro128**). Any finite number or string is a seed; equal seeds, equal streams. */
export function rng(seed: number | string = 1): Rng {
  let h = 0;
  if (typeof seed === 'string') {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  } else {
    if (!Number.isFinite(seed)) throw new RangeError(`random seed must be finite, got ${seed}`);
    // Fold the high part in so seeds beyond 2³² still differ.
    h = (seed | 0) ^ Math.imul(Math.floor(seed / 4294967296) | 0, 0x27d4eb2d);
  }
  const st = { s: h };
  let a = splitmix32(st);
  let b = splitmix32(st);
  let c = splitmix32(st);
  let d = splitmix32(st);
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Uniform on [lo, hi). */
export function uniform(rand: Rng, lo = 0, hi = 1): number {
  return lo + (hi - lo) * rand();
}

/** Integer uniform on 0..n−1. */
export function randomInt(rand: Rng, n: number): number {
  return Math.floor(rand() * n);
}

/** One standard normal draw (Box–Muller, cosine branch), scaled to N(mean, std²). */
export function normal(rand: Rng, mean = 0, std = 1): number {
  // 1 − u keeps the logarithm's argument in (0, 1].
  const u = 1 - rand();
  const v = rand();
  return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** `count` draws of N(mean, std²), using both Box–Muller branches. */
export function normals(rand: Rng, count: number, mean = 0, std = 1): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const theta = 2 * Math.PI * rand();
    out[i] = mean + std * r * Math.cos(theta);
    if (i + 1 < count) out[i + 1] = mean + std * r * Math.sin(theta);
  }
  return out;
}

/** `count` draws uniform on [lo, hi). */
export function uniforms(rand: Rng, count: number, lo = 0, hi = 1): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}

/** Fisher–Yates shuffle, in place; returns the array. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(rand: Rng, array: T): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}
