export { TenancyService, closest, unboundHint, noClustersHint, type TenancyOptions } from './service.js';
export type * from './types.js';
export {
  DEFAULT_ACTIONS, defaultActionsFromEnv, describePolicy, isChannelSetting, operatorFix, parseActionsLevel, parseUserList, refusal,
  type ActionPolicy, type ActionsLevel, type ActionRule, type ResolvedPolicy,
} from './permissions.js';
