import { describe, expect, it } from 'vitest';
import { boxDomain, buildComplex } from '../../src/complex/index.js';
import { createNetwork, evaluateBatch, type Network } from '../../src/net/index.js';
import { normals, rng } from '../../src/numeric/random.js';
import { alternatingSum, decisionRegionTopology, levelSetTopology, lowerStarBarcode, chainComplexOfComplex, bettiAt } from '../../src/topology/index.js';

/** F(x) = |x|₁ in dimension n: a first layer relu(±xᵢ), summed. */
function l1Net(n: number, shift = 0): Network {
  const weight: number[][] = [];
  for (let i = 0; i < n; i++) for (const s of [1, -1]) weight.push(Array.from({ length: n }, (_, k) => (k === i ? s : 0)));
  return createNetwork([{ weight }, { weight: [new Array(2 * n).fill(1)], bias: [-shift] }]);
}

/** F = relu(|x|₁ − r2) + relu(r1 − |x|₁): zero exactly on the annulus r1 ≤ |x|₁ ≤ r2 (ReLU of ReLU). */
function annulusNet(r1: number, r2: number): Network {
  return createNetwork([
    { weight: [[1, 0], [-1, 0], [0, 1], [0, -1]] },
    { weight: [[1, 1, 1, 1], [-1, -1, -1, -1]], bias: [-r2, r1] },
    { weight: [[1, 1]] },
  ]);
}

/**
 * Betti numbers of {F ≤ T} (or {F ≥ T} when `above`) on an N × N grid of the box [−R,R]²: flood fill
 * (8-connected set; holes are 4-connected components of the complement that miss the box boundary).
 */
function gridBetti(net: Network, level: number, N: number, R: number, above: boolean): [number, number] {
  const pts = new Float64Array(2 * N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) (pts[2 * (i * N + j)] = -R + (2 * R * i) / (N - 1)), (pts[2 * (i * N + j) + 1] = -R + (2 * R * j) / (N - 1));
  const f = evaluateBatch(net, pts);
  const inSet = Uint8Array.from(f, (x) => ((above ? x >= level : x <= level) ? 1 : 0));
  const label = new Int32Array(N * N).fill(-1);
  const components = (want: number, eight: boolean): { count: number; touching: number } => {
    let count = 0;
    let touching = 0;
    const stack: number[] = [];
    for (let s = 0; s < N * N; s++) {
      if (inSet[s] !== want || label[s] >= 0) continue;
      let border = false;
      label[s] = count;
      stack.push(s);
      while (stack.length) {
        const p = stack.pop()!;
        const i = Math.floor(p / N);
        const j = p % N;
        if (i === 0 || j === 0 || i === N - 1 || j === N - 1) border = true;
        for (let di = -1; di <= 1; di++) for (let dj = -1; dj <= 1; dj++) {
          if ((di === 0 && dj === 0) || (!eight && di !== 0 && dj !== 0)) continue;
          const a = i + di;
          const b = j + dj;
          if (a < 0 || b < 0 || a >= N || b >= N) continue;
          const q = a * N + b;
          if (inSet[q] === want && label[q] < 0) (label[q] = count), stack.push(q);
        }
      }
      count++;
      if (border) touching++;
    }
    return { count, touching };
  };
  const fg = components(1, true);
  const bg = components(0, false);
  return [fg.count, bg.count - bg.touching];
}

describe('level sets of hand-built networks', () => {
  it('|x|₁ in 2-D: {F ≤ ½} is a disk, {F ≥ ½} an annulus', () => {
    const cx = buildComplex(l1Net(2), boxDomain(2));
    const ls = levelSetTopology(cx, 0.5);
    expect(ls.sublevel.betti).toEqual([1, 0, 0]);
    expect(ls.superlevel.betti).toEqual([1, 1, 0]);
    expect(alternatingSum(ls.sublevel.betti)).toBe(ls.sublevel.eulerCharacteristic);
    expect(alternatingSum(ls.superlevel.betti)).toBe(ls.superlevel.eulerCharacteristic);
    // below the minimum the sublevel set is empty; above the maximum it is the whole box
    expect(levelSetTopology(cx, -1).sublevel.betti).toEqual([0, 0, 0]);
    expect(levelSetTopology(cx, 5).sublevel.betti).toEqual([1, 0, 0]);
    expect(levelSetTopology(cx, 5).superlevel.betti).toEqual([0, 0, 0]);
  });

  it('|x|₁ at level 0 is the single point {0}; the level through the box corners', () => {
    const cx = buildComplex(l1Net(2), boxDomain(2));
    expect(levelSetTopology(cx, 0).sublevel.betti).toEqual([1, 0, 0]);
    expect(levelSetTopology(cx, 0).sublevel.cells).toEqual([1, 0, 0]);
    // {|x|₁ ≥ 2} ∩ box = the four corners
    expect(levelSetTopology(cx, 2).superlevel.betti).toEqual([4, 0, 0]);
  });

  it('|x|₁ in 3-D: a ball below, a shell (H₂ = 1) above', () => {
    const cx = buildComplex(l1Net(3), boxDomain(3));
    const ls = levelSetTopology(cx, 0.5);
    expect(ls.sublevel.betti).toEqual([1, 0, 0, 0]);
    expect(ls.superlevel.betti).toEqual([1, 0, 1, 0]);
  });

  it('a ReLU-of-ReLU net whose zero set is an annulus', () => {
    const cx = buildComplex(annulusNet(0.3, 0.7), boxDomain(2));
    expect(levelSetTopology(cx, 0).sublevel.betti).toEqual([1, 1, 0]); // the flat annulus F = 0 itself
    expect(levelSetTopology(cx, 0).superlevel.betti).toEqual([1, 0, 0]);
    const ls = levelSetTopology(cx, 0.1);
    expect(ls.sublevel.betti).toEqual([1, 1, 0]);
    expect(ls.superlevel.betti).toEqual([2, 1, 0]); // the inner diamond, and the box minus a diamond
  });

  it('decision regions: two classes split by |x|₁ = ½, a one-output net thresholded, three classes', () => {
    const two = createNetwork([
      { weight: [[1, 0], [-1, 0], [0, 1], [0, -1]] },
      { weight: [[1, 1, 1, 1], [0, 0, 0, 0]], bias: [-0.5, 0] },
    ]);
    const cx = buildComplex(two, boxDomain(2));
    expect(decisionRegionTopology(cx, 1).betti).toEqual([1, 0, 0]); // F1 ≥ F0: |x|₁ ≤ ½
    expect(decisionRegionTopology(cx, 0).betti).toEqual([1, 1, 0]);
    const one = buildComplex(l1Net(2, 0.5), boxDomain(2));
    expect(decisionRegionTopology(one, 0).betti).toEqual([1, 0, 0]);
    expect(decisionRegionTopology(one, 1).betti).toEqual([1, 1, 0]);
    // three classes: F = (x₁, −x₁, |x₂| − ½); class 2 wins where |x₂| − ½ ≥ |x₁|: two wedges near x₂ = ±1
    const three = createNetwork([
      { weight: [[1, 0], [-1, 0], [0, 1], [0, -1]] },
      { weight: [[1, -1, 0, 0], [-1, 1, 0, 0], [0, 0, 1, 1]], bias: [0, 0, -0.5] },
    ]);
    const c3 = buildComplex(three, boxDomain(2));
    expect(decisionRegionTopology(c3, 2).betti).toEqual([2, 0, 0]);
    expect(decisionRegionTopology(c3, 0).betti).toEqual([1, 0, 0]);
    expect(() => decisionRegionTopology(c3, 3)).toThrow(/class 3 does not exist/);
  });

  it('refuses a missing output and a non-finite level', () => {
    const cx = buildComplex(l1Net(2), boxDomain(2));
    expect(() => levelSetTopology(cx, 0.5, { output: 1 })).toThrow(/output 1 does not exist/);
    expect(() => levelSetTopology(cx, NaN)).toThrow(/finite/);
  });
});

describe('level sets of random 2-D networks agree with a fine grid', () => {
  // 2-12-8-1 nets on [−3,3]²; at these seeds the sets have up to 4 components and 3 holes
  for (const seed of [1, 2, 5, 9, 10]) {
    it(`seed ${seed}: sublevel and superlevel Betti numbers at five levels`, () => {
      const r = rng(seed);
      const sizes = [2, 12, 8, 1];
      const layers = sizes.slice(1).map((out, l) => ({ weight: Array.from({ length: out }, () => Array.from(normals(r, sizes[l]))), bias: Array.from(normals(r, out, 0, 1)) }));
      const net = createNetwork(layers);
      const cx = buildComplex(net, boxDomain(2, -3, 3));
      const values = Float64Array.from({ length: cx.vertexCount }, (_, v) => cx.vertexValues[v]);
      const sorted = Array.from(values).sort((a, b) => a - b);
      const bars = lowerStarBarcode(chainComplexOfComplex(cx), values);
      for (const q of [0.15, 0.3, 0.5, 0.7, 0.85]) {
        // the middle of the widest gap between vertex values near this quantile: no vertex on the level,
        // and no feature thinner than the grid can resolve
        let level = 0;
        let widest = -1;
        for (let i = Math.floor(sorted.length * (q - 0.07)); i < Math.floor(sorted.length * (q + 0.07)); i++) {
          if (sorted[i + 1] - sorted[i] > widest) (widest = sorted[i + 1] - sorted[i]), (level = (sorted[i] + sorted[i + 1]) / 2);
        }
        const exact = levelSetTopology(cx, level);
        expect(exact.sublevel.betti.slice(0, 2)).toEqual(gridBetti(net, level, 400, 3, false));
        expect(exact.superlevel.betti.slice(0, 2)).toEqual(gridBetti(net, level, 400, 3, true));
        expect(exact.sublevel.betti[2] + exact.superlevel.betti[2]).toBe(0);
        // persistence agrees with the cut: the lower-star barcode at T gives the same Betti numbers
        expect(bettiAt(bars, level)).toEqual(exact.sublevel.betti);
      }
    });
  }
});
