// mulebot audit --team T [--channel C] [--cluster NAME] [--limit N] [--json]: what MuleBot changed (or refused, or
// failed to change) for a workspace, newest first, from the store's action_audit table. Reads only that team's rows.
import { parseArgs } from 'node:util';
import type { AuditRecord } from '../store/index.js';
import { describeStore, UsageError, usageFailure, withStore } from '../tenancy/operator.js';

const USAGE = 'Usage: mulebot audit --team T [--channel C] [--cluster NAME] [--limit N] [--json]';
const OPTIONS = { team: { type: 'string' }, channel: { type: 'string' }, cluster: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } } as const;

export async function run(args: string[], command: string): Promise<number> {
  try {
    const { values } = parseArgs({ args, options: OPTIONS, strict: true });
    if (!values.team) throw new UsageError('--team is required');
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit takes a whole number from 1 to 10000');
    const team = values.team;
    return await withStore(async (store) => {
      const rows = await store.audit.list(team, { channelId: values.channel, clusterName: values.cluster, limit });
      if (values.json) { console.log(JSON.stringify(rows.map(toJson), null, 2)); return 0; }
      if (!rows.length) { console.log(`No actions recorded for workspace ${team} (${describeStore(store)}).`); return 0; }
      console.log(`Actions of workspace ${team}, newest first (${describeStore(store)}):`);
      for (const r of rows) {
        const mark = r.outcome === 'done' ? 'done   ' : r.outcome === 'refused' ? 'refused' : 'failed ';
        console.log(`  ${r.at.toISOString().slice(0, 16).replace('T', ' ')}  ${mark}  ${r.action} ${r.target} on ${r.clusterName}  by ${r.userId} in ${r.channelId}`);
      }
      return 0;
    });
  } catch (err: any) {
    const code = usageFailure(err, command, USAGE);
    if (code === undefined) throw err;
    return code;
  }
}

const toJson = (r: AuditRecord) => ({ at: r.at.toISOString(), outcome: r.outcome, action: r.action, target: r.target, cluster: r.clusterName,
  user: r.userId, channel: r.channelId, detail: r.detail });
