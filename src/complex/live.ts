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
      amax[i] = Math.max(amax[i], Math.abs(layer0Value(W0, b0, i, x, y)));
    }
  }
}

/**
 * Layer 0's pre-activation i at (x, y) (weights w0 × 2, row-major): affine in the coordinates, so the
 * 2-D build evaluates it where needed instead of storing it per vertex.
 */
export function layer0Value(W0: Float64Array, b0: Float64Array, i: number, x: number, y: number): number {
  return b0[i] + W0[2 * i] * x + W0[2 * i + 1] * y;
}

/**
 * The inputs actBase … actBase+width−1 whose liveness differs between vertices s and x (sign words
 * from s·W and x·W), ascending, into `idx` with `gain` +1 where s is live (x not) and −1 where x is
 * live (s not); returns their count. The few terms that turn x's layer values into "x's with s's
 * live inputs" (LayerCut.derive, and the output values in planar.ts).
 */
export function flippedInputs(words: Uint32Array, W: number, s: number, x: number, actBase: number, width: number, idx: Int32Array, gain: Int8Array): number {
  const end = actBase + width;
  let n = 0;
  for (let q = actBase >>> 4; q <= (end - 1) >>> 4; q++) {
    const ws = words[s * W + q];
    const wx = words[x * W + q];
    const ls = ws & ~(ws >>> 1) & 0x55555555;
    let diff = (ls ^ (wx & ~(wx >>> 1) & 0x55555555)) | 0;
    while (diff !== 0) {
      const low = diff & -diff;
      diff ^= low;
      const i = ((q << 4) | ((31 - Math.clz32(low)) >>> 1)) - actBase;
      if (i < 0 || i >= width) continue;
      idx[n] = i;
      gain[n++] = (ls & low) !== 0 ? 1 : -1;
    }
  }
  return n;
}
