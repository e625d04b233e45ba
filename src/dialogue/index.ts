// The dialogue manager: createDialogue({ nlu, store, clusters }) -> ConversationHandler (see ./types.ts).
export { createDialogue, type Dialogue, type DialogueOptions } from './manager.js';
export { vocabularyOf, VocabCache, type ChannelClusters, type ClusterResolver, type LiveCluster } from './clusters.js';
export { recordUsage, UsageSampler } from './usage.js';
export type { DialogueState, Pending } from './state.js';
export type { ConversationHandler, Reply, Turn } from './types.js';
