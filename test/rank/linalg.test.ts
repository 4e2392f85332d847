import { describe, it, expect } from 'vitest';
import { columnSpaceBasis, determinant, matMul, matrixRank, pivotedQR, rankFromSingularValues, singularValues, solve, transpose } from '../../src/numeric/linalg.js';
import { normals, rng, uniforms, normal, shuffleInPlace } from '../../src/numeric/random.js';
import { TesseraError } from '../../src/numeric/errors.js';

/** A random rows × cols matrix of exact rank r: product of Gaussian rows × r and r × cols factors. */
function lowRank(seed: number, rows: number, cols: number, r: number): Float64Array {
  const rand = rng(seed);
  return matMul(normals(rand, rows * r), normals(rand, r * cols), rows, r, cols);
}

describe('random', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = uniforms(rng(7), 5);
    const b = uniforms(rng(7), 5);
    const c = uniforms(rng(8), 5);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    for (const v of a) expect(v >= 0 && v < 1).toBe(true);
  });
  it('has the right moments (uniform mean 1/2, normal mean 0 variance 1)', () => {
    const u = uniforms(rng(1), 200000);
    const g = normals(rng(2), 200000);
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(mean(g)).toBeCloseTo(0, 2);
    expect(mean(g.map((v) => v * v))).toBeCloseTo(1, 1);
    const r = rng(3);
    let s = 0;
    for (let i = 0; i < 50000; i++) s += normal(r, 2, 0.5);
    expect(s / 50000).toBeCloseTo(2, 1);
  });
  it('shuffles into a permutation', () => {
    const a = shuffleInPlace(rng(4), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...a].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('linalg', () => {
  it('finds the exact rank of random low-rank matrices, in both orientations, and agrees with SVD', () => {
    let seed = 10;
    for (const [rows, cols] of [[6, 4], [4, 9], [30, 12], [12, 30], [50, 50]]) {
      for (let r = 0; r <= Math.min(rows, cols); r += Math.max(1, Math.floor(Math.min(rows, cols) / 4))) {
        const a = lowRank(seed++, rows, cols, r);
        expect(matrixRank(a, rows, cols)).toBe(r);
        expect(matrixRank(transpose(a, rows, cols), cols, rows)).toBe(r);
        expect(rankFromSingularValues(singularValues(a, rows, cols))).toBe(r);
      }
    }
  });
  it('is scale-free: 1e-8·A and 1e8·A have A’s rank', () => {
    const a = lowRank(1, 8, 5, 3);
    expect(matrixRank(a.map((v) => v * 1e-8), 8, 5)).toBe(3);
    expect(matrixRank(a.map((v) => v * 1e8), 8, 5)).toBe(3);
  });
  it('handles zero, empty and duplicate-row matrices', () => {
    expect(matrixRank(new Float64Array(12), 3, 4)).toBe(0);
    expect(matrixRank(new Float64Array(0), 0, 4)).toBe(0);
    // Rows (1,2,3), (2,4,6), (1,0,0): rank 2.
    expect(matrixRank(new Float64Array([1, 2, 3, 2, 4, 6, 1, 0, 0]), 3, 3)).toBe(2);
    // Rank-deficient by a perturbation below the tolerance, full rank above it.
    expect(matrixRank(new Float64Array([1, 1, 1, 1 + 1e-12]), 2, 2)).toBe(1);
    expect(matrixRank(new Float64Array([1, 1, 1, 1 + 1e-6]), 2, 2)).toBe(2);
  });
  it('pivoted QR reproduces A P = Q R', () => {
    const rows = 7;
    const cols = 5;
    const a = normals(rng(3), rows * cols);
    const qr = pivotedQR(a, rows, cols);
    expect(qr.rank).toBe(5);
    const { basis } = columnSpaceBasis(a, rows, cols);
    // R = Qᵀ A P must be upper triangular with |diag| = qr.diagonal, and Q R = A P.
    const qt = transpose(basis, rows, 5);
    const r = matMul(qt, a, 5, rows, cols);
    for (let k = 0; k < 5; k++) {
      const col = qr.perm[k];
      expect(Math.abs(r[k * cols + col])).toBeCloseTo(qr.diagonal[k], 10);
      for (let i = k + 1; i < 5; i++) expect(Math.abs(r[i * cols + col])).toBeLessThan(1e-12);
    }
    const back = matMul(basis, r, rows, 5, cols);
    for (let i = 0; i < a.length; i++) expect(back[i]).toBeCloseTo(a[i], 12);
  });
  it('column-space basis is orthonormal and spans the columns', () => {
    const a = lowRank(5, 9, 6, 3);
    const { basis, rank } = columnSpaceBasis(a, 9, 6);
    expect(rank).toBe(3);
    const g = matMul(transpose(basis, 9, 3), basis, 3, 9, 3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(g[i * 3 + j]).toBeCloseTo(i === j ? 1 : 0, 12);
    // Projecting A onto the basis changes nothing.
    const proj = matMul(basis, matMul(transpose(basis, 9, 3), a, 3, 9, 6), 9, 3, 6);
    for (let i = 0; i < a.length; i++) expect(proj[i]).toBeCloseTo(a[i], 10);
  });
  it('singular values of a known matrix', () => {
    // diag(3, 2) rotated: singular values 3 and 2.
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const a = matMul(new Float64Array([c, -s, s, c]), new Float64Array([3, 0, 0, 2]), 2, 2, 2);
    const sv = singularValues(a, 2, 2);
    expect(sv[0]).toBeCloseTo(3, 13);
    expect(sv[1]).toBeCloseTo(2, 13);
    expect(Array.from(singularValues(new Float64Array([3, 4]), 1, 2))).toEqual([5]);
  });
  it('solve and determinant', () => {
    const a = new Float64Array([2, 1, 1, 1, 3, 2, 1, 0, 0]);
    expect(determinant(a, 3)).toBeCloseTo(-1, 13);
    const x = solve(a, [4, 5, 6], 3);
    const ax = matMul(a, x, 3, 3, 1);
    expect(Array.from(ax).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([4, 5, 6]);
    expect(determinant(new Float64Array([1, 2, 2, 4]), 2)).toBe(0);
    expect(() => solve(new Float64Array([1, 2, 2, 4]), [1, 1], 2)).toThrow(TesseraError);
    expect(() => matrixRank(new Float64Array(3), 2, 2)).toThrow(TesseraError);
  });
});
