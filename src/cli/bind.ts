// mulebot bind|unbind --team T --channel C --cluster N: the operator's way to do what a workspace admin
// does with /mulebot connect|disconnect. The cluster is looked up inside the team only.
import { parseArgs } from 'node:util';
import { TenancyService } from '../tenancy/service.js';
import { describeStore, UsageError, withStore } from '../tenancy/operator.js';

const USAGE = `Usage:
  mulebot bind --team T --channel C --cluster NAME
  mulebot unbind --team T --channel C --cluster NAME`;

export async function run(args: string[], command: string): Promise<number> {
  try {
    const { values } = parseArgs({ args, options: { team: { type: 'string' }, channel: { type: 'string' }, cluster: { type: 'string' } }, strict: true });
    const { team, channel, cluster } = values;
    if (!team || !channel || !cluster) throw new UsageError('--team, --channel and --cluster are required');
    return await withStore(async (store) => {
      // the operator is trusted as an admin of every workspace in this store
      const svc = new TenancyService(store, { allowNonAdmins: true });
      const ctx = { teamId: team, channelId: channel, userId: process.env.USER ?? 'cli', isAdmin: true };
      const res = command === 'unbind' ? await svc.disconnect(ctx, cluster) : await svc.connect(ctx, cluster);
      if (!res.ok) { console.error(`mulebot ${command}: ${res.hint}`); return 1; }
      console.log(`${res.hint.replace(/^This channel/, `Channel ${channel}`)} (workspace ${team}; ${describeStore(store)})`);
      return 0;
    });
  } catch (err: any) {
    if (err instanceof UsageError || String(err?.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`mulebot ${command}: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
