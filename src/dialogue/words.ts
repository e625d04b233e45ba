// The dialogue's own words: labels for "did you mean" buttons and small talk. Answers are the renderer's.
import { b } from '../render/format.js';
import type { InScopeIntent, Intent } from '../nlu/types.js';

export const INTENT_LABEL: Partial<Record<InScopeIntent, string>> = {
  'volume.list': 'list volumes', 'volume.status': 'volume health', 'volume.describe': 'describe a volume',
  'volume.usage': 'volume usage', 'volume.replicas': 'volume replicas', 'volume.events': 'why a volume has problems',
  'volume.forecast': 'when it fills up', 'pool.list': 'list pools', 'pool.status': 'pool status',
  'cluster.health': 'overall storage health', 'cluster.list': 'list clusters', 'snapshot.list': 'list snapshots',
  'storageclass.list': 'list storage classes', 'snapshot.create': 'take a snapshot', 'snapshot.delete': 'delete a snapshot',
  'volume.expand': 'expand a volume', 'alert.list': 'current alerts', 'alert.mute': 'mute alerts', 'alert.unmute': 'unmute alerts',
  'manifest.generate': 'write a manifest', 'context.use': 'switch cluster or namespace', help: 'what I can do',
};

export function smallTalk(intent: Intent): string {
  switch (intent) {
    case 'greeting': return `Hi! Ask me about your OpenEBS storage, for example "how is the storage doing?" or "is pg-wal healthy?". Say ${b('help')} for more.`;
    case 'thanks': return "You're welcome.";
    default: return `Say ${b('help')} to see what I can do.`;
  }
}
