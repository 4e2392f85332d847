/**
 * Data sets for the rank layer. Files are read by the topology layer's point-cloud reader
 * (topology/point-cloud.ts: CSV or whitespace table with an optional header, or a 2-D .npy), so
 * `rank --data` and `homology` accept exactly the same files. Here: the check that a data set fits
 * a network, refusing a label column left in rather than silently using it.
 */
import { TesseraError } from '../numeric/errors.js';
import type { PointSet } from '../topology/point-cloud.js';

export { loadPoints as loadPointCloud, type PointSet as PointCloud } from '../topology/point-cloud.js';

/** Refuse data whose dimension is not the network's input dimension. */
export function checkDataDim(pc: PointSet, inputDim: number): void {
  if (pc.dim !== inputDim) {
    throw new TesseraError('shape', `the data points have ${pc.dim} coordinates but the network takes ${inputDim} inputs${pc.dim === inputDim + 1 ? ' (is a label column left in?)' : ''}`);
  }
}
