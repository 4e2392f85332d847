/**
 * Browser stand-in for node:fs. The library reads files only in its node entry points
 * (loadNetwork, dataset files); the page passes bytes to parseNetwork instead, so these are never
 * reached from the explorer. If one is, the message says why.
 */
import { TesseraError } from '../../../src/numeric/errors.js';

function unavailable(): never {
  throw new TesseraError('unsupported', 'reading files by path is not available in the browser: drop the file on the page');
}

export const readFileSync = unavailable;
export const writeFileSync = unavailable;
export const existsSync = (): boolean => false;
export default { readFileSync, writeFileSync, existsSync };
