export { createAlertWatcher, parseAlertChannels, type AlertWatcher, type AlertWatcherOptions } from './watcher.js';
export { alertMessage } from './message.js';
export { terminalSink, CollectingSink } from './terminal.js';
export type { AlertSink, AlertTarget, CheckReport, WatchedCluster } from './types.js';
