// The `mulebot` command. Each subcommand lives in src/cli/<name>.ts and is imported only when used,
// so `mulebot nlu` never pays for the Kubernetes or Slack clients.

interface CommandInfo { module: string; summary: string; usage: string }

const COMMANDS: Record<string, CommandInfo> = {
  start: { module: './cli/start.js', summary: 'run the bot: Slack if configured, else a terminal chat on the demo cluster', usage: 'mulebot start' },
  chat: { module: './cli/chat.js', summary: 'chat in the terminal, or replay a JSONL script', usage: 'mulebot chat [--cluster-dump FILE | --kubeconfig FILE [--context C]] [--script FILE.jsonl --json]' },
  ask: { module: './cli/ask.js', summary: 'ask one question and print the answer', usage: 'mulebot ask [--cluster-dump FILE | --kubeconfig FILE] [--json] "TEXT"' },
  nlu: { module: './cli/nlu.js', summary: 'understand text: intent, score and entities', usage: 'mulebot nlu [--vocab FILE] (--json "TEXT" | --jsonl < messages)' },
  inventory: { module: './cli/inventory.js', summary: 'print the normalized OpenEBS volumes, replicas, pools and snapshots', usage: 'mulebot inventory (--kubeconfig FILE [--context C] | --cluster-dump FILE) [--json]' },
  alerts: { module: './cli/alerts.js', summary: 'list the current alerts of a cluster or a dump (as the alert watcher sees them)', usage: 'mulebot alerts (--dump FILE | --kubeconfig FILE [--context C] | --in-cluster) [--json]' },
  sim: { module: './cli/sim.js', summary: 'serve a cluster dump over the Kubernetes REST API', usage: 'mulebot sim --dump FILE [--port N]' },
  cluster: { module: './cli/cluster.js', summary: 'manage clusters: add, list, remove', usage: 'mulebot cluster add|list|remove ...' },
  bind: { module: './cli/bind.js', summary: 'bind a Slack channel to a cluster', usage: 'mulebot bind --team T --channel C --cluster NAME [--actions none|alerts|all] [--allow-user U1,U2] | --team T --list' },
  unbind: { module: './cli/bind.js', summary: 'unbind a Slack channel from a cluster', usage: 'mulebot unbind --team T --channel C --cluster NAME' },
  audit: { module: './cli/audit.js', summary: 'what MuleBot changed, refused or failed to change for a workspace', usage: 'mulebot audit --team T [--channel C] [--cluster NAME] [--limit N] [--json]' },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['Usage: mulebot <command> [options]', '', 'MuleBot: ask about your OpenEBS volumes in plain words.', '', 'Commands:', ...lines, '',
    'Run `mulebot <command> --help` for the options of one command.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { console.log(help()); return 0; }
  if (name === '--version' || name === '-v') { console.log('0.1.0'); return 0; }
  const info = COMMANDS[name];
  if (!info) { console.error(`mulebot: unknown command "${name}"\n\n${help()}`); return 2; }
  if (rest.includes('--help') || rest.includes('-h')) { console.log(`Usage: ${info.usage}\n\n${info.summary}`); return 0; }
  let mod: { run(args: string[], command: string): Promise<number> };
  try {
    mod = await import(info.module);
  } catch (err: any) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(info.module.slice(2))) {
      console.error(`mulebot ${name}: not available in this build yet`);
      return 2;
    }
    throw err;
  }
  return mod.run(rest, name);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
  console.error(`mulebot: ${err?.message ?? err}`);
  process.exitCode = 1;
});
