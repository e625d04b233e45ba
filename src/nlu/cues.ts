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
