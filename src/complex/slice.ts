/**
 * Slices: the complex of a network restricted to the affine 2- or 3-plane through 3 or 4 input points
 * (e.g. three MNIST digits through a 784-input net). The plane composed with the first layer is an
 * ordinary network on parameter space (net/slice.ts), whose complex is the slice of the original one.
 *
 * Parameters t reach the points at the simplex corners (t = 0 is p₀, t = eⱼ is pⱼ). The default
 * parameter box is [−0.1, 1.1]^k: the simplex's bounding box [0,1]^k padded by 10%.
 */
import type { Network } from '../net/network.js';
import { planeThroughPoints, sliceNetwork } from '../net/slice.js';
import { TesseraError } from '../numeric/errors.js';
import { buildComplex, type BuildOptions } from './build.js';
import { boxDomain } from './domain.js';
import type { Complex, Domain } from './types.js';
import type { AffinePlane } from '../net/slice.js';

export interface SliceOptions extends BuildOptions {
  /** Parameter box: [lo, hi] on every axis (default [−0.1, 1.1]). */
  readonly box?: readonly [number, number] | { readonly lo: ArrayLike<number>; readonly hi: ArrayLike<number> };
}

export const DEFAULT_SLICE_BOX: readonly [number, number] = [-0.1, 1.1];

export function sliceComplex(net: Network, points: readonly ArrayLike<number>[], options: SliceOptions = {}): Complex {
  const setup = sliceSetup(net, points, options);
  return { ...buildComplex(setup.net, setup.domain, options), plane: setup.plane };
}

/** The sliced network, its parameter box and the plane, after checking the points. */
export function sliceSetup(net: Network, points: readonly ArrayLike<number>[], options: SliceOptions = {}): { net: Network; domain: Domain; plane: AffinePlane } {
  if (points.length !== 3 && points.length !== 4) {
    throw new TesseraError('domain', `a slice needs 3 points (a plane) or 4 points (a 3-space), got ${points.length}`);
  }
  for (const [i, p] of points.entries()) {
    if (p.length !== net.inputDim) throw new TesseraError('domain', `slice point ${i} has ${p.length} coordinates but the network takes ${net.inputDim} inputs`);
  }
  const plane = planeThroughPoints(points);
  const k = plane.dim;
  const box = options.box ?? DEFAULT_SLICE_BOX;
  const domain = Array.isArray(box) ? boxDomain(k, box[0], box[1]) : boxDomain(k, (box as { lo: ArrayLike<number> }).lo, (box as { hi: ArrayLike<number> }).hi);
  return { net: sliceNetwork(net, plane), domain, plane };
}
