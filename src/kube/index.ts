// Cluster access: connect to a cluster (kubeconfig, in-cluster, or a dump served by the simulator) and read it.
export { connectCluster, loadKubeConfig, type ClusterConnection, type ConnectOptions, type ChangeEvent, type ObjectRefForEvents } from './connection.js';
export { ClusterError } from './request.js';
export { startSimulator, type Simulator, type SimulatorOptions } from './sim/index.js';
export { loadDump, parseDump, type Dump } from './dump.js';
export type { RawCluster, KubeObject, ResourceKey } from './resources.js';
