/**
 * One row of a layer's pre-activations from the nonzero inputs of a vertex, the product both engines
 * spend their time in for wide layers (LayerCut.valuesAt in 2-D, the face-lattice builder otherwise),
 * and the row of a vertex made on an edge, from the edge's ends (EdgeRows).
 */
import { flippedInputs } from './live.js';

/** The layer's weights transposed (in × out, row-major): input i's weights to every output are adjacent. */
export function transposed(weight: Float64Array, inDim: number, outDim: number): Float64Array {
  const WT = new Float64Array(inDim * outDim);
  for (let o = 0; o < outDim; o++) for (let i = 0; i < inDim; i++) WT[i * outDim + o] = weight[o * inDim + i];
  return WT;
}

/**
 * Z[zr … zr+w) = bias + Σ_q av[q]·WT[idx[q] … idx[q]+w), where idx[q] is an input's row of WT (input
 * × w) and av[q] its value: the inputs that are 0 (dead ReLUs) are simply left out. Eight outputs at a
 * time with their own sums, so the adds of one output do not wait on each other's; each output is still
 * summed in ascending q as a plain loop would, so the bits do not depend on the blocking.
 */
export function affineRow(WT: Float64Array, bias: Float64Array, w: number, idx: Int32Array, av: Float64Array, nz: number, Z: Float64Array, zr: number): void {
  let o = 0;
  for (; o + 7 < w; o += 8) {
    let s0 = bias[o];
    let s1 = bias[o + 1];
    let s2 = bias[o + 2];
    let s3 = bias[o + 3];
    let s4 = bias[o + 4];
    let s5 = bias[o + 5];
    let s6 = bias[o + 6];
    let s7 = bias[o + 7];
    for (let q = 0; q < nz; q++) {
      const a = av[q];
      const c = idx[q] + o;
      s0 += a * WT[c];
      s1 += a * WT[c + 1];
      s2 += a * WT[c + 2];
      s3 += a * WT[c + 3];
      s4 += a * WT[c + 4];
      s5 += a * WT[c + 5];
      s6 += a * WT[c + 6];
      s7 += a * WT[c + 7];
    }
    Z[zr + o] = s0;
    Z[zr + o + 1] = s1;
    Z[zr + o + 2] = s2;
    Z[zr + o + 3] = s3;
    Z[zr + o + 4] = s4;
    Z[zr + o + 5] = s5;
    Z[zr + o + 6] = s6;
    Z[zr + o + 7] = s7;
  }
  for (; o < w; o++) {
    let s = bias[o];
    for (let q = 0; q < nz; q++) s += av[q] * WT[idx[q] + o];
    Z[zr + o] = s;
  }
}

/**
 * Z[zr … zr+w) = P_a + t·(P_b − P_a) for a vertex made at t on an edge (a, b) whose rows start at ra and
 * rb, with P_a = Z[ra …] + Σ_{f < na} c_f·WT[row_f …] and P_b = Z[rb …] + Σ_{na ≤ f < na+nb} c_f·WT[row_f …]
 * (c_f = termC[f], row_f = termRow[f]): the next layer's values at a vertex the last layer made, from
 * its edge's ends corrected for the inputs whose liveness differs (LayerCut.derive). One pass over the
 * outputs; each P is still its row plus its terms in ascending order, so the bits are those of making
 * P_a and P_b in full first. Most vertices need one term or none.
 */
export function edgeRow(Z: Float64Array, WT: Float64Array, w: number, ra: number, rb: number, zr: number, t: number, termRow: Int32Array, termC: Float64Array, na: number, nb: number): void {
  if (na + nb === 0) {
    for (let o = 0; o < w; o++) Z[zr + o] = Z[ra + o] + t * (Z[rb + o] - Z[ra + o]);
  } else if (na === 1 && nb === 0) {
    const c = termC[0];
    const r = termRow[0];
    for (let o = 0; o < w; o++) {
      const pa = Z[ra + o] + c * WT[r + o];
      Z[zr + o] = pa + t * (Z[rb + o] - pa);
    }
  } else if (na === 0 && nb === 1) {
    const c = termC[0];
    const r = termRow[0];
    for (let o = 0; o < w; o++) Z[zr + o] = Z[ra + o] + t * (Z[rb + o] + c * WT[r + o] - Z[ra + o]);
  } else {
    const nt = na + nb;
    for (let o = 0; o < w; o++) {
      let pa = Z[ra + o];
      for (let f = 0; f < na; f++) pa += termC[f] * WT[termRow[f] + o];
      let pb = Z[rb + o];
      for (let f = na; f < nt; f++) pb += termC[f] * WT[termRow[f] + o];
      Z[zr + o] = pa + t * (pb - pa);
    }
  }
}

/**
 * Rows of vertices the last layer made, from their edges' ends: Z(s) = P_a + t·(P_b − P_a) with
 * P_x = Z(x) + W·(D_s − D_x)·z(x), x's values corrected for the inputs whose liveness differs between x
 * and s (LayerCut.derive explains why this is exact). The 2-D engine's layer values and output values and
 * the face-lattice builder's layer values all make them here; only where an input's value z_i(x) comes
 * from differs (`input`).
 */
export class EdgeRows {
  private flipIdx = new Int32Array(0);
  private flipGain = new Int8Array(0);
  private termRow = new Int32Array(0);
  private termC = new Float64Array(0);

  /**
   * Row s of Z (w wide, WT the layer's transposed weights) for s made at t on edge (a, b), whose rows
   * are made. Liveness is read off the sign words (W per vertex) for inputs actBase … actBase+width−1.
   */
  row(Z: Float64Array, WT: Float64Array, w: number, words: Uint32Array, W: number, s: number, a: number, b: number, t: number, actBase: number, width: number, input: (x: number, i: number) => number): void {
    if (this.flipIdx.length < width) {
      this.flipIdx = new Int32Array(width);
      this.flipGain = new Int8Array(width);
      this.termRow = new Int32Array(2 * width);
      this.termC = new Float64Array(2 * width);
    }
    const na = this.terms(words, W, s, a, actBase, width, w, input, 0);
    const nb = this.terms(words, W, s, b, actBase, width, w, input, na) - na;
    edgeRow(Z, WT, w, a * w, b * w, s * w, t, this.termRow, this.termC, na, nb);
  }

  /**
   * The terms that make P_x from x's values: ±z_i(x)·(row i of WT) for each input whose liveness differs,
   * written from entry `at`; returns the entry after the last. A zero coefficient adds nothing and is
   * left out.
   */
  private terms(words: Uint32Array, W: number, s: number, x: number, actBase: number, width: number, w: number, input: (x: number, i: number) => number, at: number): number {
    const { flipIdx, flipGain, termRow, termC } = this;
    const nf = flippedInputs(words, W, s, x, actBase, width, flipIdx, flipGain);
    let n = at;
    for (let f = 0; f < nf; f++) {
      const i = flipIdx[f];
      const z = input(x, i);
      const c = flipGain[f] > 0 ? z : -z;
      if (c === 0) continue;
      termRow[n] = i * w;
      termC[n++] = c;
    }
    return n;
  }
}
