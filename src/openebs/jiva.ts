// Jiva: one JivaVolume per PV. status.status is the target mode (RW, RO); RO means the controller stopped writes
// because too few replicas are RW, so the volume is degraded AND read-only.
import type { KubeObject } from '../kube/resources.js';
import type { Ctx } from './context.js';
import type { Health, Replica, Volume } from './types.js';
import { countWords, ref } from './util.js';

const PHASE: Record<string, Health> = { Ready: 'Healthy', Syncing: 'Degraded', Pending: 'Pending', Failed: 'Faulted', Unknown: 'Unknown', Deleting: 'Unknown' };
const REPLICA: Record<string, Health> = { RW: 'Healthy', WO: 'Rebuilding', ERR: 'Faulted', INIT: 'Pending', CLOSED: 'Offline' };
const MODE_WORD: Record<string, string> = { WO: 'rebuilding (WO)', ERR: 'in error (ERR)', INIT: 'starting (INIT)', CLOSED: 'closed' };

export function jivaVolume(ctx: Ctx, pv: KubeObject, v: Volume): Replica[] {
  const name = pv.metadata.name;
  const jv = ctx.byName.jivaVolumes.get(name);
  if (!jv) {
    v.engineStatus = 'missing';
    v.health = 'Unknown';
    v.reasons.push('no JivaVolume for this PV');
    return [];
  }
  v.refs.push(ref(jv));
  const mode = String(jv.status?.status ?? '');
  const phase = String(jv.status?.phase ?? '');
  v.engineStatus = [mode, phase].filter(Boolean).join('/') || '(none)';
  const statuses: any[] = jv.status?.replicaStatus ?? [];
  const pods = ctx.enginePodsByPv.get(name) ?? [];
  const ctrl = pods.find((p) => p.metadata.labels?.['openebs.io/component'] === 'jiva-controller');
  if (ctrl?.spec?.nodeName) v.targetNode = ctrl.spec.nodeName;
  // a replica's node: the replica pod whose IP is in the replica address
  const replicaNode = new Map<string, string>();
  for (const p of pods) if (p.metadata.labels?.['openebs.io/component'] === 'jiva-replica' && p.status?.podIP && p.spec?.nodeName) replicaNode.set(p.status.podIP, p.spec.nodeName);
  const replicas: Replica[] = statuses.map((s, i) => {
    const m = String(s.mode ?? '');
    const r: Replica = { id: `${name}-jiva-rep-${i}`, volumeId: name, engine: 'jiva', state: REPLICA[m] ?? 'Unknown', engineState: m || '(none)' };
    const ip = /\/\/([\d.]+):/.exec(String(s.address ?? ''))?.[1];
    if (ip) r.id = `${name}-jiva-rep@${ip}`;
    if (ip && replicaNode.has(ip)) r.node = replicaNode.get(ip);
    if (r.state !== 'Healthy') r.reasons = [`replica ${s.address ?? i} ${MODE_WORD[m] ?? m}`];
    return r;
  });
  const desired = Number(jv.spec?.policy?.target?.replicationFactor ?? jv.spec?.desiredReplicationFactor ?? statuses.length) || statuses.length;
  const healthy = replicas.filter((r) => r.state === 'Healthy').length;
  v.replicas = { desired, healthy, total: replicas.length };
  if (!v.attachedNodes.length && jv.metadata.labels?.nodeID) v.attachedNodes = [jv.metadata.labels.nodeID];

  if (mode === 'RO') {
    v.health = 'Degraded';
    v.readOnly = true;
    v.reasons.push(`read-only: the Jiva target is in RO mode, ${healthy} of ${desired} replicas RW`);
  } else if (mode === 'RW' && phase === 'Ready') {
    v.health = 'Healthy';
  } else {
    v.health = PHASE[phase] ?? (mode === 'RW' ? 'Healthy' : 'Unknown');
    if (v.health !== 'Healthy') v.reasons.push(`Jiva volume ${phase || 'has no phase'}${mode ? ` (target ${mode})` : ''}`);
  }
  const off = replicas.filter((r) => r.state !== 'Healthy');
  for (const [word, n] of countWords(off.map((r) => MODE_WORD[r.engineState] ?? r.engineState))) v.reasons.push(`${n} of ${desired} replicas ${word}`);
  if (v.health === 'Healthy' && healthy < desired) {
    v.health = 'Degraded';
    v.reasons.push(`reduced redundancy: ${healthy} of ${desired} replicas RW`);
  }
  return replicas;
}
