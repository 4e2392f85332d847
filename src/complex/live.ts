/**
 * The live inputs of a layer at a vertex, read off the vertex's packed sign words (2-D build): an
 * input neuron passes its value through the ReLU exactly where its field is + (01).
 */
/**
 * The live inputs of a vertex, ascending, into `live` (returns their count): the neurons actBase …
 * actBase+width−1 whose field in the vertex's sign words (from word `at`) is 01 (+), a word at a time.
 */
export function liveInputs(words: Uint32Array, at: number, actBase: number, width: number, live: Int32Array): number {
  const end = actBase + width;
  let n = 0;
  for (let q = actBase >>> 4; q <= (end - 1) >>> 4; q++) {
    const x = words[at + q];
    let on = x & ~(x >>> 1) & 0x55555555;
    while (on !== 0) {
      const low = on & -on;
      on ^= low;
      const i = ((q << 4) | ((31 - Math.clz32(low)) >>> 1)) - actBase;
      if (i >= 0 && i < width) live[n++] = i;
    }
  }
  return n;
}

/** max |activation| per input over vertices 0 … V−1, from pre-activations and signs (live: field +). */
export function maxLive(act: Float64Array, words: Uint32Array, W: number, V: number, actBase: number, width: number, amax: Float64Array): void {
  const live = new Int32Array(width);
  for (let v = 0; v < V; v++) {
    const n = liveInputs(words, v * W, actBase, width, live);
    for (let q = 0; q < n; q++) {
      const i = live[q];
      amax[i] = Math.max(amax[i], Math.abs(act[v * width + i]));
    }
  }
}

/** maxLive for the inputs of layer 1: layer 0's values, evaluated at the coordinates. */
export function maxLiveFirst(coords: Float64Array, W0: Float64Array, b0: Float64Array, words: Uint32Array, W: number, V: number, width: number, amax: Float64Array): void {
  const live = new Int32Array(width);
  for (let v = 0; v < V; v++) {
    const n = liveInputs(words, v * W, 0, width, live);
    const x = coords[2 * v];
    const y = coords[2 * v + 1];
    for (let q = 0; q < n; q++) {
      const i = live[q];
      amax[i] = Math.max(amax[i], Math.abs(b0[i] + W0[2 * i] * x + W0[2 * i + 1] * y));
    }
  }
}
