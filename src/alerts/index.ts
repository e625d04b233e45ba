export { createAlertWatcher, parseAlertChannels, type AlertWatcher, type AlertWatcherOptions } from './watcher.js';
export { alertMessage, followupMessage, unreachableMessage, type FollowupFinding } from './message.js';
export { currentAlerts, type CurrentAlerts } from './current.js';
export { terminalSink, CollectingSink } from './terminal.js';
export { UNREACHABLE_KEY, type AlertSink, type AlertTarget, type CheckReport, type WatchedCluster } from './types.js';
