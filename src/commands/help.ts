// What can be asked, with examples that use the demo cluster's names (corpus/vocab-demo.json).
import { answer } from './lookup.js';
import type { CommandContext, CommandOf, CommandResult, HelpTopic } from './types.js';

export const HELP_TOPICS: HelpTopic[] = [
  { intent: 'cluster.health', title: 'Overall health', examples: ['how is the storage doing?', 'anything broken on prod-east?'] },
  { intent: 'volume.list', title: 'List volumes', examples: ['list volumes in payments', 'which volumes are degraded?', 'show mayastor volumes on worker-2'] },
  { intent: 'volume.status', title: 'One volume', examples: ['is pg-wal healthy?', 'status of mysql-data'] },
  { intent: 'volume.describe', title: 'Everything about a volume', examples: ['describe kafka-logs'] },
  { intent: 'volume.usage', title: 'Usage', examples: ['how full is loki-chunks?', 'which volumes are fullest?'] },
  { intent: 'volume.replicas', title: 'Replicas', examples: ['where are the replicas of kafka-logs?'] },
  { intent: 'volume.events', title: 'Why something is wrong', examples: ['why is mysql-data degraded?', 'what happened to thanos-store?'] },
  { intent: 'volume.forecast', title: 'When it fills up', examples: ['when will loki-chunks be full?', 'what fills up soonest?'] },
  { intent: 'pool.list', title: 'Pools', examples: ['list pools', 'which pools are running low?'] },
  { intent: 'pool.status', title: 'One pool', examples: ['status of cstor-disk-pool-m2bd'] },
  { intent: 'alert.list', title: 'Current problems', examples: ['any alerts?', 'what needs attention?'] },
  { intent: 'snapshot.list', title: 'Snapshots', examples: ['list snapshots of pg-wal', 'show snapshots in payments'] },
  { intent: 'storageclass.list', title: 'Storage classes', examples: ['which storage classes are there?'] },
  { intent: 'cluster.list', title: 'Clusters', examples: ['which clusters can you see?', 'use staging'] },
  { intent: 'manifest.generate', title: 'Manifests (YAML)', examples: ['give me a PVC of 20Gi on mayastor with 3 replicas', 'storage class for lvm'] },
  { intent: 'snapshot.create', title: 'Actions (checked, then carried out after your yes)',
    examples: ['snapshot pg-wal', 'delete snapshot pg-wal-snap-1', 'expand mysql-data to 80Gi', 'mute alerts for loki-chunks for 2 hours'] },
];

export async function help(cmd: CommandOf<'help'>, ctx: CommandContext): Promise<CommandResult> {
  const topic = cmd.topic?.toLowerCase();
  const hits = topic ? HELP_TOPICS.filter((t) => t.intent.startsWith(topic) || t.title.toLowerCase().includes(topic)) : [];
  return answer(ctx, { kind: 'help', topic: cmd.topic, topics: hits.length ? hits : HELP_TOPICS });
}
