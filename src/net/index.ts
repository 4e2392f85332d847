export * from './network.js';
export * from './evaluate.js';
export * from './signs.js';
export * from './affine.js';
export * from './slice.js';
export { loadNetwork, parseNetwork, detectFormat, type NetworkFormat } from './load/index.js';
export { parseNetworkJSON, networkFromObject } from './load/json.js';
