/**
 * Inputs that are square images (784 = 28 × 28 for MNIST) are shown as pictures: the slice's points
 * on the canvas and the input under the pointer in the hover card.
 */

/** Side of the square image an input of dimension n is, or 0 (only for n ≥ 64 and a perfect square). */
export function imageSide(n: number): number {
  const side = Math.round(Math.sqrt(n));
  return n >= 64 && side * side === n ? side : 0;
}

/** A grey-scale picture of x (values in [0, 1] as black…white inverted: ink is dark), or null. */
export function inputImage(x: ArrayLike<number>): HTMLCanvasElement | null {
  const side = imageSide(x.length);
  if (!side) return null;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(side, side);
  for (let i = 0; i < x.length; i++) {
    const v = Math.round(255 * (1 - (x[i] - lo) / (hi - lo)));
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}
