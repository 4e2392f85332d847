/**
 * The tolerance policy: the one place that decides when a near-zero number counts as zero.
 *
 * Every sign decision in tessera (is a vertex on a bent hyperplane? is a neuron at zero? is a cell
 * flat?) compares |value| with `relative × scale`, where `scale` is the size of the terms that
 * produced the value — never an absolute epsilon. For an affine function a·x + b evaluated at x the
 * scale is |b| + Σ|aᵢxᵢ| (the magnitude of the summands, so cancellation is what we measure), and
 * for a function over a domain it is |b| + Σ|aᵢ|·R with R the domain's radius.
 *
 * Change the policy here, not at call sites: callers take a `Tolerance` and pass it down.
 */
export interface Tolerance {
  /** Relative threshold: |value| ≤ relative × scale counts as zero. */
  readonly relative: number;
}

/** About 1e-9: ~7 decimal digits of headroom above double rounding for sums of a few hundred terms. */
export const DEFAULT_TOLERANCE: Tolerance = Object.freeze({ relative: 1e-9 });

export function tolerance(relative = DEFAULT_TOLERANCE.relative): Tolerance {
  if (!(relative >= 0) || !Number.isFinite(relative)) throw new RangeError(`tolerance must be a finite non-negative number, got ${relative}`);
  return { relative };
}

/** Threshold below which a value with the given scale is zero. A zero scale means exact zero only. */
export function zeroThreshold(scale: number, tol: Tolerance = DEFAULT_TOLERANCE): number {
  return tol.relative * scale;
}

/** −1, 0 or +1 for `value`, treating |value| ≤ relative × scale as 0. */
export function signOf(value: number, scale: number, tol: Tolerance = DEFAULT_TOLERANCE): -1 | 0 | 1 {
  const t = tol.relative * scale;
  return value > t ? 1 : value < -t ? -1 : 0;
}

export function isZero(value: number, scale: number, tol: Tolerance = DEFAULT_TOLERANCE): boolean {
  return Math.abs(value) <= tol.relative * scale;
}

/**
 * Scale of the affine value w·x + b at the point x (row `row` of a row-major matrix with `n` columns):
 * |b| + Σ|wᵢxᵢ|. Used to decide the sign of a pre-activation at a point.
 */
export function affineScaleAt(w: ArrayLike<number>, row: number, n: number, b: number, x: ArrayLike<number>): number {
  let s = Math.abs(b);
  const o = row * n;
  for (let i = 0; i < n; i++) s += Math.abs(w[o + i] * x[i]);
  return s;
}

/**
 * Scale of the affine function w·x + b over a domain of radius R (max |xᵢ|): |b| + R·Σ|wᵢ|.
 * Used where a value's point is not at hand (e.g. comparing hyperplanes).
 */
export function affineScaleOver(w: ArrayLike<number>, row: number, n: number, b: number, radius: number): number {
  let s = 0;
  const o = row * n;
  for (let i = 0; i < n; i++) s += Math.abs(w[o + i]);
  return Math.abs(b) + radius * s;
}
