/**
 * Browser stand-in for node:zlib. The npz loader inflates compressed archives with node's zlib,
 * which the page does not have; stored (uncompressed) archives still load.
 */
import { TesseraError } from '../../../src/numeric/errors.js';

function unavailable(): never {
  throw new TesseraError('unsupported', 'compressed .npz archives cannot be read in the browser: save with np.savez (not savez_compressed), or use JSON/ONNX');
}

export const inflateRawSync = unavailable;
export const deflateRawSync = unavailable;
export default { inflateRawSync, deflateRawSync };
