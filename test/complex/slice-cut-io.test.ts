import { describe, expect, it } from 'vitest';
import {
  boxDomain, buildComplex, cellsByDim, cellSignString, complexFromJSON, complexToJSON, cutComplex,
  eulerCharacteristic, linearRegions, sliceComplex, totalVolume, cellVertices,
} from '../../src/complex/index.js';
import { planePoint, planeThroughPoints, signSequence, sliceNetwork } from '../../src/net/index.js';
import { checkAgainstNetwork, checkStructure, heNetwork, topPatterns } from './helpers.js';

describe('sliceComplex', () => {
  const network = heNetwork([5, 12, 10, 1], 31);
  const points = [
    [0.1, -0.2, 0.3, 0.5, -0.4],
    [0.9, 0.4, -0.6, 0.2, 0.1],
    [-0.5, 0.8, 0.2, -0.3, 0.7],
  ];

  it('a slice through 3 points of a 5-D net agrees with the complex of the sliced network', () => {
    const c = sliceComplex(network, points);
    expect(c.dim).toBe(2);
    expect(c.plane?.ambientDim).toBe(5);
    const plane = planeThroughPoints(points);
    const direct = buildComplex(sliceNetwork(network, plane), boxDomain(2, -0.1, 1.1));
    expect(cellsByDim(c)).toEqual(cellsByDim(direct));
    checkStructure(c);
    checkAgainstNetwork(c, sliceNetwork(network, plane));
    expect(totalVolume(c)).toBeCloseTo(1.44, 10);
    // Sampling the plane in the original 5-D input space finds only patterns the slice has.
    const have = topPatterns(c);
    for (let i = 0; i < 60; i++) {
      for (let j = 0; j < 60; j++) {
        const t = [-0.1 + (1.2 * (i + 0.5)) / 60, -0.1 + (1.2 * (j + 0.5)) / 60];
        const s = signSequence(network, planePoint(plane, t));
        if (s.includes(0)) continue;
        expect(have.has(Array.from(s, (x) => (x > 0 ? '+' : '-')).join(''))).toBe(true);
      }
    }
  });

  it('4 points give a 3-D slice; a box option is honoured', () => {
    const c = sliceComplex(network, [...points, [0.3, 0.3, 0.3, -0.8, 0.0]], { box: [0, 1] });
    expect(c.dim).toBe(3);
    expect(eulerCharacteristic(c)).toBe(1);
    expect(totalVolume(c)).toBeCloseTo(1, 10);
  });

  it('slices a 784-input network through three points (MNIST-sized), and refuses its full box', () => {
    const big = heNetwork([784, 16, 8, 1], 33);
    const rand = (seed: number) => Array.from({ length: 784 }, (_, i) => ((Math.sin(seed * 7919 + i * 104729) + 1) / 2) * 0.8);
    const c = sliceComplex(big, [rand(1), rand(2), rand(3)]);
    checkStructure(c);
    expect(totalVolume(c)).toBeCloseTo(1.44, 10);
    expect(() => buildComplex(big, boxDomain(784))).toThrow(/out of reach.*--slice/);
  });

  it('refuses points of the wrong dimension or count, and dependent points', () => {
    expect(() => sliceComplex(network, [[1, 2], [3, 4], [5, 6]])).toThrow(/2 coordinates but the network takes 5/);
    expect(() => sliceComplex(network, points.slice(0, 2))).toThrow(/3 points/);
    expect(() => sliceComplex(network, [points[0], points[1], points[0]])).toThrow(/affinely dependent/);
  });
});

describe('cutComplex', () => {
  it('cutting at a level T splits the complex along F = T with consistent sides', () => {
    const network = heNetwork([2, 10, 10, 1], 41);
    const c = buildComplex(network, boxDomain(2));
    const T = 0.5 * (Math.min(...c.vertexValues) + Math.max(...c.vertexValues));
    const values = c.vertexValues.map((v) => v - T);
    const { complex: r, side } = cutComplex(c, values);
    checkStructure(r);
    checkAgainstNetwork(r, network, { allCells: false });
    expect(totalVolume(r)).toBeCloseTo(4, 10);
    expect(r.cells[2].count).toBeGreaterThan(c.cells[2].count);
    // every vertex's side is the sign of F − T there; cells with side s have all vertices on that side
    for (let v = 0; v < r.vertexCount; v++) {
      const g = r.vertexValues[v] - T;
      if (side[0][v] > 0) expect(g).toBeGreaterThan(0);
      if (side[0][v] < 0) expect(g).toBeLessThan(0);
      if (side[0][v] === 0) expect(Math.abs(g)).toBeLessThan(1e-9);
    }
    for (let d = 1; d <= 2; d++) {
      for (let i = 0; i < r.cells[d].count; i++) {
        const vs = cellVertices(r, d, i);
        for (const v of vs) {
          if (side[d][i] < 0) expect(side[0][v]).toBeLessThanOrEqual(0);
          if (side[d][i] > 0) expect(side[0][v]).toBeGreaterThanOrEqual(0);
          if (side[d][i] === 0) expect(side[0][v]).toBe(0);
        }
      }
    }
    // the level set is a union of edges: a 1-manifold with boundary on the box, so vertices of the
    // interior of the level set have exactly 2 level-set edges
    const levelEdges = Array.from({ length: r.cells[1].count }, (_, e) => e).filter((e) => side[1][e] === 0);
    expect(levelEdges.length).toBeGreaterThan(0);
  });

  it('cutting a 3-D complex keeps it a valid complex', () => {
    const network = heNetwork([3, 8, 6, 1], 42);
    const c = buildComplex(network, boxDomain(3));
    const values = c.vertexValues.map((v) => v - c.vertexValues[0] * 0.5);
    const { complex: r } = cutComplex(c, values);
    checkStructure(r);
    expect(totalVolume(r)).toBeCloseTo(8, 9);
  });

  it("every cell of a cut lies in its parent: same sign words, and a 0-part's vertices on the level", () => {
    for (const [widths, seed] of [[[2, 9, 7, 1], 43], [[3, 7, 5, 1], 44]] as const) {
      const network = heNetwork(widths, seed);
      const c = buildComplex(network, boxDomain(widths[0]));
      const T = 0.5 * (Math.min(...c.vertexValues) + Math.max(...c.vertexValues));
      const { complex: r, parent, parentUp, side } = cutComplex(c, c.vertexValues.map((v) => v - T));
      const W = c.signWords;
      let split = 0;
      for (let d = 0; d <= r.dim; d++) {
        expect(parent[d].length).toBe(r.cells[d].count);
        for (let i = 0; i < r.cells[d].count; i++) {
          const pd = d + parentUp[d][i];
          const p = parent[d][i];
          expect(p).toBeLessThan(c.cells[pd].count);
          // A cell's relative interior lies in its parent's, so their sign words agree.
          for (let q = 0; q < W; q++) expect(r.cells[d].signs[i * W + q]).toBe(c.cells[pd].signs[p * W + q]);
          if (parentUp[d][i] === 1) {
            split++;
            expect(side[d][i]).toBe(0);
            for (const v of cellVertices(r, d, i)) expect(side[0][v]).toBe(0);
          }
        }
      }
      expect(split).toBeGreaterThan(r.vertexCount - c.vertexCount);
      checkStructure(r);
      expect(totalVolume(r)).toBeCloseTo(2 ** widths[0], 9);
    }
  });

  it('refuses a value array of the wrong length', () => {
    const c = buildComplex(heNetwork([2, 3, 1], 1), boxDomain(2));
    expect(() => cutComplex(c, new Float64Array(3))).toThrow(/3 values for/);
  });
});

describe('complex JSON', () => {
  it('round-trips through complexToJSON / complexFromJSON', () => {
    const network = heNetwork([2, 6, 5, 1], 51);
    const c = buildComplex(network, boxDomain(2, -2, 2));
    const text = JSON.stringify(complexToJSON(c));
    const back = complexFromJSON(JSON.parse(text));
    expect(cellsByDim(back)).toEqual(cellsByDim(c));
    expect(Array.from(back.vertices)).toEqual(Array.from(c.vertices));
    expect(Array.from(back.cells[2].signs)).toEqual(Array.from(c.cells[2].signs));
    expect(Array.from(back.topJacobians)).toEqual(Array.from(c.topJacobians));
    expect(linearRegions(back).count).toBe(linearRegions(c).count);
    expect(cellSignString(back, 2, 0)).toMatch(/^[+\-0]{6}\|[+\-0]{5}$/);
    checkStructure(back);
  });

  it('refuses malformed files with a clear message', () => {
    expect(() => complexFromJSON({ format: 'x' })).toThrow(/tessera-complex/);
    const c = complexToJSON(buildComplex(heNetwork([2, 3, 1], 1), boxDomain(2)));
    c.cells[1].facets![0] = [0, 9999];
    expect(() => complexFromJSON(c)).toThrow(/missing 0-cell 9999/);
  });
});

describe('buildComplexParallel', () => {
  it('worker threads give the same complex and the same region maps', async () => {
    const { buildComplexParallel } = await import('../../src/complex/index.js');
    const network = heNetwork([2, 12, 10, 1], 71);
    const serial = buildComplex(network, boxDomain(2));
    const parallel = await buildComplexParallel(network, boxDomain(2), { workers: 2, minRegions: 0 });
    expect(cellsByDim(parallel)).toEqual(cellsByDim(serial));
    expect(Array.from(parallel.topJacobians)).toEqual(Array.from(serial.topJacobians));
    expect(Array.from(parallel.topOffsets)).toEqual(Array.from(serial.topOffsets));
    const small = await buildComplexParallel(network, boxDomain(2), { workers: 2 });
    expect(Array.from(small.topOffsets)).toEqual(Array.from(serial.topOffsets));
    // 3-D: cells on this thread, region maps on the workers, in sign order (mapOrder), split where the
    // forward mapper starts afresh (this net's first layer has more than FRESH_RUNS regions).
    const n3 = heNetwork([3, 16, 8, 2], 72);
    const s3 = buildComplex(n3, boxDomain(3));
    const p3 = await buildComplexParallel(n3, boxDomain(3), { workers: 3, minRegions: 0 });
    expect(cellsByDim(p3)).toEqual(cellsByDim(s3));
    expect(Array.from(p3.topJacobians)).toEqual(Array.from(s3.topJacobians));
    expect(Array.from(p3.topOffsets)).toEqual(Array.from(s3.topOffsets));
  });
});

describe('the cell cap inside one region', () => {
  it('a wide first layer cutting the whole domain stops when the cap is passed, not after the layer', () => {
    const network = heNetwork([2, 300, 1], 84);
    let message = '';
    try {
      buildComplex(network, boxDomain(2), { maxCells: 2000 });
    } catch (e) {
      message = (e as Error).message;
    }
    const m = /would have at least ([\d,]+) cells \(cap 2,000, reached at neuron (\d+) of 300\)/.exec(message);
    expect(m, message).not.toBeNull();
    expect(Number(m![2])).toBeLessThan(300);
  });
});

describe('progress inside one region', () => {
  it('a wide first layer reports progress while its one region is cut, not only at the end', () => {
    const seen: number[] = [];
    buildComplex(heNetwork([2, 500, 1], 85), boxDomain(2), { onProgress: (p) => seen.push(p.done) });
    expect(seen.at(-1)).toBe(500);
    expect(seen.filter((d) => d > 0 && d < 500).length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });
});

describe('parallel 2-D build (shares of the first layer on worker threads)', () => {
  it('refuses a job over the cell cap with an estimate of the whole complex', async () => {
    const { buildComplexParallel } = await import('../../src/complex/index.js');
    const network = heNetwork([2, 32, 32, 32, 1], 83);
    const cells = cellsByDim(buildComplex(network, boxDomain(2))).reduce((a, b) => a + b, 0);
    const cap = Math.floor(cells / 2); // passed by the workers, not by the first layer's cut on this thread
    const err = await buildComplexParallel(network, boxDomain(2), { workers: 2, minRegions: 0, maxCells: cap }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/would have about [\d,]+ cells \(cap [\d,]+; one of 2 parts would have [\d,]+\); raise it with --max-cells/);
    const estimate = Number(/about ([\d,]+)/.exec(err!.message)![1].replace(/,/g, ''));
    expect(estimate).toBeGreaterThan(cap);
    expect(estimate).toBeLessThanOrEqual(cells);
  });

  it('refuses a job past the memory limit in a worker, saying which share', async () => {
    const { buildComplexParallel } = await import('../../src/complex/index.js');
    // Layer 0 (on this thread) holds no values; the workers' 200-wide rows pass half of 4 MB each.
    const network = heNetwork([2, 60, 200, 1], 84);
    const err = await buildComplexParallel(network, boxDomain(2), { workers: 2, minRegions: 0, maxBytes: 4 * 2 ** 20 }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/one of 2 parts, each allowed 1\/2 of the memory limit: this job would need more than the memory limit of 0\.002 GiB.*--max-memory/);
  });

  it('gives the same complex as the serial build', async () => {
    const { buildComplexParallel } = await import('../../src/complex/index.js');
    for (const [arch, seed, lo, hi] of [[[2, 12, 10, 8, 1], 81, -1, 1], [[2, 16, 16, 1], 82, -2, 3]] as const) {
      const network = heNetwork(arch, seed);
      const serial = buildComplex(network, boxDomain(2, lo, hi));
      const parallel = await buildComplexParallel(network, boxDomain(2, lo, hi), { workers: 3, minRegions: 0 });
      expect(cellsByDim(parallel)).toEqual(cellsByDim(serial));
      checkStructure(parallel);
      checkAgainstNetwork(parallel, network, { allCells: false });
      const key = (c: typeof serial) => Array.from({ length: c.cells[2].count }, (_, i) => cellSignString(c, 2, i)).sort().join(' ');
      expect(key(parallel)).toBe(key(serial));
      expect(linearRegions(parallel).count).toBe(linearRegions(serial).count);
      // Shares start where the region maps start afresh, so the maps are the serial build's bits.
      expect(Array.from(parallel.topJacobians)).toEqual(Array.from(serial.topJacobians));
      expect(Array.from(parallel.topOffsets)).toEqual(Array.from(serial.topOffsets));
    }
    // One hidden layer: the cells on this thread, the maps on worker threads in slices.
    const one = heNetwork([2, 60, 2], 86);
    const serial = buildComplex(one, boxDomain(2));
    const parallel = await buildComplexParallel(one, boxDomain(2), { workers: 3, minRegions: 0 });
    expect(Array.from(parallel.topJacobians)).toEqual(Array.from(serial.topJacobians));
    expect(Array.from(parallel.topOffsets)).toEqual(Array.from(serial.topOffsets));
  });
});
