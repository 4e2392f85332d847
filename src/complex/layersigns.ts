/**
 * The face-lattice builder's sign decisions (build.ts): a layer's neurons at a vertex, from the vertex's
 * values, by the tolerance policy (+ above the neuron's threshold, − below its negative, else 0). A layer's
 * signs are decided when it starts (old vertices) and when a vertex is made (the neurons after the one
 * that made it), so that the zone cut can read splits off the vertices' words (zone.ts).
 */
import { layer0At } from './layerrows.js';

/** One layer's signs being decided: where they go and what they are decided from. */
export interface LayerSigns {
  readonly W: number;
  /** Global index of the layer's first neuron, and its width. */
  readonly k0: number;
  readonly w: number;
  readonly threshold: Float64Array;
  /** Vertices with sign 0 so far, per neuron of the layer (zone.ts's zeroFree). */
  readonly zeros: Int32Array;
  /**
   * Layer 0 (values affine in the coordinates, evaluated here: weight w × n, row-major, bias, the
   * coordinates n per vertex), or null: values from the rows Z (w per vertex).
   */
  readonly first: { weight: Float64Array; bias: Float64Array; n: number } | null;
}

/**
 * Signs of neurons from … w−1 of the layer at vertex v into `words` (each field overwritten), from its
 * row of Z or, in layer 0, its coordinates (layer0At, as LayerRows.layer0 and so the cut's values).
 */
export function decideSigns(s: LayerSigns, words: Uint32Array, v: number, from: number, Z: Float64Array, coords: Float64Array): void {
  const { W, k0, w, threshold, zeros, first } = s;
  for (let o = from, k = k0 + from; o < w; o++, k++) {
    const z = first === null ? Z[v * w + o] : layer0At(first.weight, first.bias, first.n, o, coords, v);
    const t = threshold[o];
    const q = v * W + (k >>> 4);
    const sh = (k & 15) << 1;
    const code = z > t ? 1 : z < -t ? 2 : 0;
    if (code === 0) zeros[o]++;
    words[q] = (words[q] & ~(3 << sh)) | (code << sh);
  }
}
