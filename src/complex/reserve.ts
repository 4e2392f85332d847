/**
 * Room to reserve for the vertices a layer's cut will make (2-D build, planar.ts). Reserved memory is
 * not free (new arrays are zeroed, and fresh pages fault at several µs each on small VMs), nor is
 * growing (a copy into fresh pages), so the guess should be close.
 */
import { planarBounds } from './geometry.js';
/**
 * Vertices after cutting a layer (V0 before), for reserving room. The first layer's lines, cutting the
 * domain (act holds its corners): the corners, at most two crossings of the boundary per line, and the
 * pairs of lines that meet inside the domain's bounding box. Later layers add fewer vertices each
 * (measured on He networks, growth − 1 shrinks by about 0.6 a layer, scaled by the change in width);
 * 15% to spare, and at least a quarter more than now.
 */
export function vertexGuess(
  weight: Float64Array,
  bias: Float64Array,
  act: Float64Array,
  inDim: number,
  w: number,
  V0: number,
  first: boolean,
  ratio: number,
  widthRatio: number,
): number {
  if (first && inDim === 2) {
    const [x0, x1, y0, y1] = planarBounds(act, V0);
    let inside = 0;
    for (let i = 0; i < w; i++) {
      const a = weight[2 * i], b = weight[2 * i + 1], c = bias[i];
      for (let j = i + 1; j < w; j++) {
        const d = weight[2 * j], e = weight[2 * j + 1], f = bias[j];
        const det = a * e - b * d;
        const x = (b * f - c * e) / det;
        const y = (c * d - a * f) / det;
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) inside++;
      }
    }
    return V0 + 2 * w + inside + 64;
  }
  const growth = ratio > 0 ? nextGrowth(ratio, widthRatio) : 4 * widthRatio;
  return Math.ceil(V0 * Math.max(1.25, 1.15 * growth)) + 64;
}

/** A layer's vertex growth from the last layer's (see vertexGuess). */
export function nextGrowth(ratio: number, widthRatio: number): number {
  return 1 + 0.6 * (ratio - 1) * widthRatio;
}
