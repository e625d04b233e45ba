// Domain cues: words that put a message in storage territory. A message with a cue (or any entity) needs a
// lower score to be accepted than one without ("what is the weather in paris" has none). Stems, as NLP.js makes them.
import { tokenize, type Tokens } from './featurize.js';

const CUE_TEXT = `
volume volumes vol vols voume volme pv pvs pvc pvcs claim claims persistentvolume persistentvolumeclaim
storage storages disk disks pool pools cspc cspi zpool vg lvm zfs cstor jiva mayastor openebs hostpath localpv
replica replicas repl replcias copies snapshot snapshots snap snaps storageclass storageclasses sc
capacity full fullest usage space quota expand resize grow bigger shrink iops latency degraded rebuilding faulted
alert alerts alerting mute unmute silence snooze yaml manifest namespace ns cluster clusters context
healthy unhealthy health broken offline forecast trend growth help
`;

export const CUE_STEMS: ReadonlySet<string> = new Set(tokenize(CUE_TEXT.replace(/\s+/g, ' ').trim()).stems);

/** True when the text has a placeholder word (an entity was found) or a storage word. */
export function hasCue(tok: Tokens): boolean {
  for (let i = 0; i < tok.stems.length; i++) {
    const w = tok.words[i]!;
    if (w.startsWith('xx') && w.endsWith('xx') && w.length > 4) return true;
    if (CUE_STEMS.has(tok.stems[i]!)) return true;
  }
  return false;
}

// Other infrastructure work phrased with our verbs ("grow the jvm heap to 4g", "resize the ec2 instance",
// "delete namespace test-3", "snapshot the jump box vm"): the classifier sees "grow ... %size%" and says
// volume.expand. When a message names such an object and no storage object at all, it is not ours.
const FOREIGN_OBJECTS = new Set(`jvm heap ec2 ami vm vms instance instances pod pods deployment deployments replicaset
replicasets daemonset daemonsets ingress ingresses configmap configmaps container containers image images build builds
pipeline pipelines argocd argo helm terraform laptop laptops autoscaler autoscaling hpa dashboard dashboards
rds bucket buckets topic topics queue queues cronjob cronjobs job jobs rbac role roles rolebinding rolebindings rights
serviceaccount serviceaccounts certificate certificates cert certs`.split(/\s+/).filter(Boolean));
const STORAGE_OBJECTS = new Set(`volume volumes vol vols pv pvs pvc pvcs persistentvolume persistentvolumes
persistentvolumeclaim persistentvolumeclaims storageclass storageclasses sc storage openebs cstor jiva mayastor
hostpath localpv lvm zfs zpool cspc diskpool`.split(/\s+/).filter(Boolean));
const STORAGE_PLACEHOLDERS = new Set(['xxvolumexx', 'xxpoolxx', 'xxsnapshotxx', 'xxstorageclassxx', 'xxenginexx']);
const NS_CHANGE = new Set(['create', 'delete', 'remove', 'add', 'make', 'new', 'rename', 'drop']);

/** True when the message is about another kind of object (see above), or creates/deletes a namespace. */
export function foreignWork(tok: Tokens): boolean {
  let foreign = false, nsChange = false, ns = false;
  for (const w of tok.words) {
    if (STORAGE_OBJECTS.has(w) || STORAGE_PLACEHOLDERS.has(w)) return false;
    if (FOREIGN_OBJECTS.has(w)) foreign = true;
    if (NS_CHANGE.has(w)) nsChange = true;
    if (w === 'namespace' || w === 'namespaces' || w === 'ns') ns = true;
  }
  return foreign || (ns && nsChange);
}
