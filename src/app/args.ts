// Options shared by `mulebot chat`, `ask` and `start`.
import { join } from 'node:path';
import { REPO_ROOT } from '../nlu/index.js';
import type { AppOptions } from './index.js';

export const DEMO_DUMP = join(REPO_ROOT, 'examples', 'demo-cluster.yaml');

export interface CliOptions {
  app: AppOptions;
  json: boolean;
  script?: string;
  team: string;
  channel: string;
  user: string;
  rest: string[];
  /** no cluster option was given: the bundled demo cluster is used */
  demo: boolean;
}

const VALUED: Record<string, string> = {
  '--cluster-dump': 'clusterDump', '--kubeconfig': 'kubeconfig', '--context': 'context', '--name': 'clusterName',
  '--database-url': 'databaseUrl', '--data-dir': 'dataDir', '--model': 'modelPath',
};

export function parseCliArgs(args: string[]): CliOptions | { error: string } {
  const app: AppOptions = {};
  const o = { json: false, team: 'local', channel: 'terminal', user: 'me', rest: [] as string[] } as CliOptions;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    let v: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { v = a.slice(eq + 1); a = a.slice(0, eq); }
    const need = () => {
      if (v !== undefined) return v;
      if (i + 1 >= args.length) throw new Error(`${a} needs a value`);
      return args[++i]!;
    };
    try {
      if (a in VALUED) (app as Record<string, unknown>)[VALUED[a]!] = need();
      else if (a === '--script') o.script = need();
      else if (a === '--team') o.team = need();
      else if (a === '--channel') o.channel = need();
      else if (a === '--user') o.user = need();
      else if (a === '--json') o.json = true;
      else if (a === '--memory') app.memory = true;
      else if (a === '--in-cluster') app.inCluster = true;
      else if (a.startsWith('--')) return { error: `unknown option ${a}` };
      else o.rest.push(args[i]!);
    } catch (err: any) { return { error: err.message }; }
  }
  if (app.clusterDump && app.kubeconfig) return { error: 'give --cluster-dump or --kubeconfig, not both' };
  o.demo = !app.clusterDump && !app.kubeconfig && !app.inCluster;
  if (o.demo) { app.clusterDump = DEMO_DUMP; app.clusterName ??= 'demo'; }
  o.app = app;
  return o;
}
