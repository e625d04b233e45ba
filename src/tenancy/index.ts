export { TenancyService, closest, unboundHint, noClustersHint, type TenancyOptions } from './service.js';
export type * from './types.js';
