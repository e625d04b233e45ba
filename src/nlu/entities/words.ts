// Word lists for entity extraction. COMMON words never become names by phrasing, by fuzzy matching or as bare
// tokens, and a vocabulary name that is also a common word ("data", "web", "default") needs a cue to match
// ("in data", "data namespace"). The list is hand-written for Slack ops chat: English function words, chat
// fillers, and the domain's own vocabulary (which would otherwise look like names).

const COMMON_TEXT = `
a an the this that these those it its it's i me my mine we us our you your yours he she they them their there here
is isn are aren was wasn were weren be been being am do does doesn did didn don done doing have has hasn had having
will won would can cannot could couldn should shouldn may might must shall not no yes yeah yep nope ok okay sure
and or but if then else so because since as of to in on at by for from with without into onto about above below
over under up down out off again further once than too very just only also still even ever never always soon now
what which who whom whose why how when where whats hows whos wheres
all any anything anyone anybody some something someone each every everything everyone none nothing nobody few
more most less least many much other another such same own both either neither else
one two three four five six seven eight nine ten eleven twelve twenty hundred thousand first second third last next
please pls plz thanks thank thx ty cheers hi hello hey yo hiya morning evening afternoon night good bad fine great
nice cool awesome sorry oops hmm umm uh well lol btw fyi asap quick quickly real really actually basically maybe
like want wanted need needs needed let lets let's give gives get gets got show shows list lists tell tells find
check checks see look looks looking seem seems see make makes made take takes took put set sets use uses used using
go goes going went gone come comes came run runs running ran stop stops start starts started keep keeps help helps
know knows think try tries trying wait call called named name names mean means say said ask asked
new old big small large huge tiny full empty free busy high low top bottom latest oldest biggest largest smallest
fullest emptiest most least recent current currently today tomorrow yesterday day days week weeks month months year
years hour hours minute minutes second seconds time times ago left right wrong happened happen happening going
status state health healthy unhealthy info information details detail describe description summary overview
usage used use space capacity size sizes disk disks storage store stored data file files bytes percent pct
volume volumes vol vols pvc pvcs pv pvs claim claims namespace namespaces ns cluster clusters node nodes host hosts
pool pools storageclass storageclasses sc class classes snapshot snapshots snap snaps backup backups replica
replicas copy copies engine engines events event alert alerts alarm alarms warning warnings error errors log logs
pod pods deployment deployments deploy service services svc job jobs container containers app apps image images
statefulset statefulsets sts daemonset replicaset ingress configmap secret secrets cpu memory ram network
create delete remove expand grow resize increase decrease shrink extend add mute unmute silence snooze generate
restart reboot scale rollout rollback exec drain cordon upgrade update install
manifest yaml yml template example forecast growth trend rate rebuild rebuilding degraded offline online
kubernetes k8s kube openebs cstor jiva mayastor hostpath localpv lvm zfs device replicated
context switch default current every all everything today
bot mulebot channel slack thread message
fast slow slowly faster slower long short soon later early
why how come wrong issue issues problem problems trouble broken failing failed sick ok
thats whats its theres heres im ive youre dont cant wont isnt arent doesnt didnt wasnt u ur r pls thx gimme lemme
sit sits live lives living hold holds held across exist exists existing older newer oldest newest connected
enumerate options option group groups rm trash destroy nuke wipe drop kill backed backing spec specs rule rules
sitting located attached mounted bound unbound left remaining available total overall across between among per
change changed changing rename move moved copy config configuration settings setting setup policy policies
quota quotas limit limits request requests count number amount percentage level threshold alerting alerted
team teams project projects test tests testing production development environment env
week weekly daily nightly hourly monthly yesterday tonight earlier before after during until while within
everyone anything whatever whichever somewhere anywhere everywhere nowhere thing things stuff kind sort type types
right wrong true false yes no maybe item items entry entries line lines result results list listing table view
same different similar whole part parts half full fully almost nearly about around approximately roughly exactly
backs hosts uses holds stores contains belongs alright alive dead fine okay
anyway anyhow anyways definition definitions breakdown behind ahead
environments expansion provisioning connection connections thread threads shape gke eks aks
worker workers master masters sync async synced broke break breaks breaking broker brokers devices replicate replication sending spending mailing sailing trending
big bigger biggest smaller small tiny much many lot lots plenty enough little bit bits byte gigabyte gigabytes
`;

export const COMMON = new Set(COMMON_TEXT.split(/\s+/).filter(Boolean));

/** Words that look like nouns for a name type: "volume foo", "foo namespace". */
export const TYPE_NOUNS: Record<string, 'volume' | 'namespace' | 'cluster' | 'node' | 'pool' | 'storageclass' | 'snapshot'> = {
  volume: 'volume', volumes: 'volume', vol: 'volume', vols: 'volume', pvc: 'volume', pvcs: 'volume',
  pv: 'volume', pvs: 'volume', claim: 'volume', persistentvolumeclaim: 'volume', persistentvolume: 'volume',
  namespace: 'namespace', namespaces: 'namespace', ns: 'namespace',
  cluster: 'cluster', clusters: 'cluster', context: 'cluster', ctx: 'cluster',
  node: 'node', nodes: 'node',
  pool: 'pool', pools: 'pool', cspc: 'pool', diskpool: 'pool',
  sc: 'storageclass', storageclass: 'storageclass', storageclasses: 'storageclass',
  snapshot: 'snapshot', snapshots: 'snapshot', snap: 'snapshot', snaps: 'snapshot', volumesnapshot: 'snapshot',
};

/** Nouns of Kubernetes work that is not storage: a name right after one is not a volume ("logs of pod web-1"). */
export const OTHER_NOUNS = new Set(`pod pods deployment deployments deploy deploys service services svc job jobs
cronjob cronjobs container containers image images app apps application statefulset statefulsets sts daemonset ds
replicaset rs ingress configmap cm secret secrets branch branches pr commit repo ticket user users release helm chart
hpa endpoint endpoints route dashboard dashboards instance instances bucket buckets topic topics broker brokers
pipeline pipelines vm vms laptop`.split(/\s+/).filter(Boolean));

/** Verbs of Kubernetes work that is not storage: with one of these and no storage cue, bare names are not volumes. */
export const OTHER_VERBS = new Set(`restart restarts restarting reboot scale scaling rollout rollback exec logs log
deploy redeploy kill tail port-forward cordon uncordon drain`.split(/\s+/).filter(Boolean));

/** Words of other infrastructure work. A sentence with one of these and no STORAGE_STRONG word is not ours:
 *  it gets no entities at all ("cpu of node worker-2", "show me pods in payments", "scale api to 5 replicas"). */
export const OTHER_CONTEXT = new Set([...OTHER_NOUNS, ...OTHER_VERBS, ...`cpu cpus memory ram load network throttled
throttling configmaps ingresses rules policy networkpolicy git vsphere console aws ec2 gcp gke eks aks azure taxes cordoned
drained kubectl-exec oom oomkilled crashloop crashloopbackoff`.split(/\s+/).filter(Boolean)]);

export const STORAGE_STRONG = new Set(`volume volumes vol vols pvc pvcs pv pvs storage capacity disk disks snapshot
snapshots snap snaps pool pools storageclass storageclasses sc openebs expand resize grow full fullest space
persistentvolume persistentvolumeclaim`.split(/\s+/).filter(Boolean));

/** Words that make a sentence about storage, so a bare k8s-looking name in it is taken as a volume. */
export const STORAGE_CUES = new Set(`volume volumes vol vols pvc pvcs pv pvs disk disks storage capacity space full
fuller fullest usage used free expand expanded grow resize extend increase snapshot snapshots snap snaps backup
replica replicas pool pools degraded rebuilding healthy unhealthy health status describe details info events
happened wrong forecast filling fill growth mute unmute alerts alert iops latency`.split(/\s+/).filter(Boolean));

export const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100,
};
