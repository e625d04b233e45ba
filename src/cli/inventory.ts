// mulebot inventory (--kubeconfig FILE [--context C] | --cluster-dump FILE) [--json] [--name N]
//   [--namespace NS] [--engine E] [--health H|unhealthy] [--node N] [--pool P]
// Prints the normalized OpenEBS records. A dump goes through the in-process simulator (connectCluster), so this
// is the same code path as a real cluster.
import { basename } from 'node:path';
import { connectCluster } from '../kube/index.js';
import { normalize } from '../openebs/normalize.js';
import { listPools, listVolumes, type VolumeFilter } from '../openebs/lookup.js';
import { renderInventory } from '../openebs/table.js';

function parse(args: string[]): { flags: Map<string, string>; bools: Set<string>; error?: string } {
  const flags = new Map<string, string>();
  const bools = new Set<string>();
  const valued = new Set(['--kubeconfig', '--context', '--cluster-dump', '--name', '--namespace', '-n', '--engine', '--health', '--node', '--pool', '--storageclass']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { flags.set(a.slice(0, eq), a.slice(eq + 1)); continue; }
    if (valued.has(a)) {
      if (i + 1 >= args.length) return { flags, bools, error: `${a} needs a value` };
      flags.set(a === '-n' ? '--namespace' : a, args[++i]);
    } else if (a === '--json') bools.add(a);
    else return { flags, bools, error: `unknown option ${a}` };
  }
  return { flags, bools };
}

export async function run(args: string[], command: string): Promise<number> {
  const { flags, bools, error } = parse(args);
  const dump = flags.get('--cluster-dump');
  const kubeconfig = flags.get('--kubeconfig');
  if (error || (!dump && !kubeconfig && !process.env.KUBERNETES_SERVICE_HOST)) {
    console.error(`mulebot ${command}: ${error ?? 'give --kubeconfig FILE or --cluster-dump FILE'}\n`
      + 'Usage: mulebot inventory (--kubeconfig FILE [--context C] | --cluster-dump FILE) [--json] [--name N] [--namespace NS] [--engine E] [--health H] [--node N] [--pool P]');
    return 2;
  }
  const name = flags.get('--name') ?? flags.get('--context') ?? (dump ? basename(dump).replace(/\.(ya?ml|json)$/, '') : 'cluster');
  const conn = await connectCluster({ name, kubeconfig, context: flags.get('--context'), clusterDump: dump, inCluster: !dump && !kubeconfig, statsIntervalMs: 0 });
  try {
    await conn.start();
    const inv = normalize(conn.snapshot());
    const filter: VolumeFilter = { namespace: flags.get('--namespace'), engine: flags.get('--engine'), health: flags.get('--health') as VolumeFilter['health'],
      node: flags.get('--node'), pool: flags.get('--pool'), storageClass: flags.get('--storageclass') };
    const filtered = [...flags.keys()].some((k) => ['--namespace', '--engine', '--health', '--node', '--pool', '--storageclass'].includes(k));
    const volumes = filtered ? listVolumes(inv, filter) : listVolumes(inv);
    const pools = listPools(inv, { engine: flags.get('--engine'), node: flags.get('--node'), name: flags.get('--pool') });
    if (bools.has('--json')) {
      // the Inventory with volumes and pools worst first (and, when filtered, only the matching ones)
      const ids = new Set(volumes.map((v) => v.id));
      const out = { ...inv, volumes, pools, replicas: filtered ? inv.replicas.filter((r) => ids.has(r.volumeId)) : inv.replicas };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else {
      console.log(renderInventory(inv, volumes, pools));
    }
    return 0;
  } finally {
    await conn.stop();
  }
}
