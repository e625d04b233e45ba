// `mulebot sim --dump FILE [--port N] [--kubeconfig-out FILE]`: serve a cluster dump over the Kubernetes REST API
// until Ctrl-C, and write a kubeconfig that kubectl and `mulebot --kubeconfig` can use.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDump } from '../kube/dump.js';
import { startSimulator } from '../kube/sim/index.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(name + '='));
  return eq?.slice(name.length + 1);
}

export async function run(args: string[], command: string): Promise<number> {
  const file = option(args, '--dump') ?? option(args, '--cluster-dump');
  if (!file) { console.error(`mulebot ${command}: --dump FILE is required`); return 2; }
  const portText = option(args, '--port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error(`mulebot ${command}: --port must be a port number`); return 2; }
  const dump = await loadDump(file);
  const sim = await startSimulator(dump, { port });
  const kubeconfig = option(args, '--kubeconfig-out') ?? join(tmpdir(), `mulebot-sim-${sim.port}.kubeconfig`);
  await sim.writeKubeconfig(kubeconfig);
  const counts = new Map<string, number>();
  for (const o of dump.objects) counts.set(o.kind ?? '?', (counts.get(o.kind ?? '?') ?? 0) + 1);
  console.log(`Serving ${file} (${dump.objects.length} objects${sim.store.ignored ? `, ${sim.store.ignored} of kinds the bot does not read` : ''}) at ${sim.url}`);
  console.log(`kubeconfig: ${kubeconfig}`);
  console.log(`  kubectl --kubeconfig ${kubeconfig} get pv`);
  console.log(`  npx mulebot inventory --kubeconfig ${kubeconfig}`);
  console.log('Ctrl-C stops it.');
  await new Promise<void>((resolve) => {
    const stop = (): void => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sim.close();
  return 0;
}
