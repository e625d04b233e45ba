// The normalized OpenEBS model: normalize a RawCluster, look things up, pick events.
export { normalize, VOLUME_FULL_PCT } from './normalize.js';
export { rawClusterFromDump, rawClusterFromFile } from './from-dump.js';
export { detectEngine, engineOfStorageClass, parseEngine } from './engine.js';
export * from './lookup.js';
export * from './events.js';
export { formatBytes, parseQuantity, parseZfsSize } from './quantity.js';
