/**
 * A layer's pre-activations at every vertex for the face-lattice builder (build.ts), the n-D
 * counterpart of the 2-D engine's LayerCut values.
 *
 * Layer 0's values are affine in the coordinates and never stored (a 3-D slice through a 512-wide first
 * layer would hold 512 doubles per vertex); layer 1 reads them at the coordinates. Later layers read
 * the last layer's rows as they are, with the ReLU read off the vertices' sign words (an input passes
 * where its field is +). A vertex the last layer's cuts made on an edge (a, b) at t takes its row from
 * a's and b's (edgeRow: (2 + flips) × w operations instead of live inputs × w), as in LayerCut.derive;
 * the others are a product over their nonzero inputs (affineRow).
 */
import type { Network } from '../net/network.js';
import { affineRow, EdgeRows, transposed } from './affinerow.js';

export class LayerRows {
  /** The last layer's pre-activations (V × actWidth) for layers l ≥ 2; the ReLU comes from the signs. */
  act: Float64Array = new Float64Array(0);
  /**
   * The vertices the last layer's cuts made, from `from` on (Infinity: none): the edge (a, b) each
   * split and its t, as cutInPlace reported them.
   */
  from = Infinity;
  ab: Int32Array = new Int32Array(0);
  t: Float64Array = new Float64Array(0);
  private readonly idx: Int32Array;
  private readonly av: Float64Array;
  private readonly edges = new EdgeRows();
  /** First neuron (global index) of each layer. */
  private readonly base: number[] = [];

  constructor(
    private readonly net: Network,
    private readonly W: number,
  ) {
    let maxIn = net.inputDim;
    for (const layer of net.layers) maxIn = Math.max(maxIn, layer.inDim);
    this.idx = new Int32Array(maxIn);
    this.av = new Float64Array(maxIn);
    for (let l = 0, b = 0; l < net.layers.length; l++) {
      this.base.push(b);
      b += net.layers[l].outDim;
    }
  }

  /** Layer 0's pre-activation k at vertex v (coordinates x, n per vertex). */
  layer0(k: number, x: Float64Array, v: number): number {
    const { weight, bias } = this.net.layers[0];
    return layer0At(weight, bias, this.net.inputDim, k, x, v);
  }

  /**
   * Layer l's pre-activations at vertices 0 … V−1 (room for `capacity` rows), with max |input|
   * over the vertices' live inputs into amax (the tolerance policy's scale), unless amax is null (the
   * output layer's values decide no signs: a row derived from its edge then reads no inputs but its
   * flips, where the scan for amax alone cost live inputs × (n + 1) per vertex in layer 1).
   */
  rows(l: number, V: number, capacity: number, amax: Float64Array | null, x: Float64Array, words: Uint32Array): Float64Array {
    const { weight, bias, inDim, outDim } = this.net.layers[l];
    const WT = transposed(weight, inDim, outDim);
    const Z = new Float64Array(capacity * outDim);
    const { idx, av } = this;
    // Input i at vertex v before the ReLU, for rows derived from their edges (l ≥ 1).
    const act = this.act;
    const input = l === 1 ? (v: number, i: number) => this.layer0(i, x, v) : (v: number, i: number) => act[v * inDim + i];
    for (let v = 0; v < V; v++) {
      if (amax === null && v >= this.from) {
        this.derive(l, v, WT, Z, words, input);
        continue;
      }
      const nz = this.inputs(l, v, outDim, x, words);
      if (amax !== null) {
        for (let q = 0; q < nz; q++) {
          const i = idx[q] / outDim;
          amax[i] = Math.max(amax[i], Math.abs(av[q]));
        }
      }
      if (v >= this.from) this.derive(l, v, WT, Z, words, input);
      else affineRow(WT, bias, outDim, idx, av, nz, Z, v * outDim);
    }
    return Z;
  }

  /** The nonzero live inputs of layer l at v (the coordinates for l = 0), as affineRow takes them (idx: input × out). */
  private inputs(l: number, v: number, out: number, x: Float64Array, words: Uint32Array): number {
    const { idx, av, W } = this;
    const inDim = this.net.layers[l].inDim;
    let nz = 0;
    if (l === 0) {
      // The output layer of a net without hidden layers: the coordinates.
      for (let i = 0; i < inDim; i++) {
        const a = x[v * inDim + i];
        if (a !== 0) {
          idx[nz] = i * out;
          av[nz++] = a;
        }
      }
      return nz;
    }
    const first = this.base[l - 1];
    for (let i = 0; i < inDim; i++) {
      const k = first + i;
      if (((words[v * W + (k >>> 4)] >>> ((k & 15) << 1)) & 3) !== 1) continue;
      const a = l === 1 ? this.layer0(i, x, v) : this.act[v * inDim + i];
      if (a !== 0) {
        idx[nz] = i * out;
        av[nz++] = a;
      }
    }
    return nz;
  }

  /** Row s of layer l from the rows of the edge (a, b) it was made on (EdgeRows; a, b < s are made). */
  private derive(l: number, s: number, WT: Float64Array, Z: Float64Array, words: Uint32Array, input: (x: number, i: number) => number): void {
    const k = s - this.from;
    const { inDim, outDim } = this.net.layers[l];
    this.edges.row(Z, WT, outDim, words, this.W, s, this.ab[2 * k], this.ab[2 * k + 1], this.t[k], this.base[l - 1], inDim, input);
  }
}

/** Layer 0's pre-activation k (weights k × n, row-major) at vertex v of coordinates x (n per vertex). */
export function layer0At(weight: Float64Array, bias: Float64Array, n: number, k: number, x: Float64Array, v: number): number {
  let s = bias[k];
  for (let i = 0; i < n; i++) s += weight[k * n + i] * x[v * n + i];
  return s;
}
