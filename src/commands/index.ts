// runCommand: one typed Command against one cluster's context -> typed data. The dialogue renders it with
// src/render; for several clusters it runs the command once per cluster (each result names its cluster).
import { alertMute, alertUnmute, snapshotCreate, snapshotDelete, volumeExpand } from './actions.js';
import { alertList } from './alerts.js';
import { clusterHealth, clusterList, poolList, poolStatus, snapshotList, storageClassList } from './cluster.js';
import { help } from './help.js';
import { manifestGenerate } from './manifest.js';
import type { Command, CommandContext, CommandIntent, CommandResult, Handler } from './types.js';
import {
  volumeDescribe, volumeEvents, volumeForecast, volumeList, volumeReplicas, volumeStatus, volumeUsage,
} from './volumes.js';

export const HANDLERS: { [I in CommandIntent]: Handler<I> } = {
  'volume.list': volumeList, 'volume.status': volumeStatus, 'volume.describe': volumeDescribe, 'volume.usage': volumeUsage,
  'volume.replicas': volumeReplicas, 'volume.events': volumeEvents, 'volume.forecast': volumeForecast,
  'pool.list': poolList, 'pool.status': poolStatus, 'cluster.health': clusterHealth, 'cluster.list': clusterList,
  'snapshot.list': snapshotList, 'storageclass.list': storageClassList, 'alert.list': alertList, help,
  'snapshot.create': snapshotCreate, 'snapshot.delete': snapshotDelete, 'volume.expand': volumeExpand,
  'alert.mute': alertMute, 'alert.unmute': alertUnmute, 'manifest.generate': manifestGenerate,
};

export {
  ACTION_INTENTS, executeAction, pinAction, actionTarget, commandTarget, isActionCommand, type ActionCommand, type ActionPin,
} from './execute.js';

export async function runCommand(command: Command, ctx: CommandContext): Promise<CommandResult> {
  const handler = HANDLERS[command.intent] as Handler<CommandIntent>;
  if (!handler) return { kind: 'unsupported', intent: (command as Command).intent, reason: 'no handler', cluster: ctx.cluster.name };
  return handler(command as never, ctx);
}

export { forecastUsage, leastSquares } from './forecast.js';
export { inventoryAlerts, muteFor, THRESHOLDS } from './alerts.js';
export { findVolume, findPool, findSnapshot, filterVolumes, displayName } from './lookup.js';
export type * from './types.js';
