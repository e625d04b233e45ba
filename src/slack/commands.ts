// `/mulebot connect <cluster>`, `/mulebot disconnect <cluster>`, `/mulebot clusters` and `/mulebot help`,
// answered from the tenancy service inside the 3-second ack. Anything else is a question for the dialogue.
import type { TenancyService } from '../tenancy/index.js';

export interface CommandReply { response_type: 'ephemeral' | 'in_channel'; text: string }

export type ParsedCommand =
  | { verb: 'connect' | 'disconnect'; cluster: string }
  | { verb: 'clusters' | 'help' }
  | { verb: 'ask'; text: string };

export function parseCommand(text: string): ParsedCommand {
  const t = text.trim();
  const m = /^(connect|disconnect|bind|unbind)\b\s*(.*)$/i.exec(t);
  if (m) {
    const verb = /^(connect|bind)$/i.test(m[1]!) ? 'connect' : 'disconnect';
    return { verb, cluster: m[2]!.trim().split(/\s+/)[0] ?? '' };
  }
  if (/^(clusters|list|status)$/i.test(t)) return { verb: 'clusters' };
  if (!t || /^(help|\?)$/i.test(t)) return { verb: 'help' };
  return { verb: 'ask', text: t };
}

export const HELP = [
  'Ask me about your OpenEBS storage in plain words: `/mulebot is pg-wal healthy?`, or mention me in a channel.',
  '`/mulebot clusters`: the clusters this channel sees.',
  '`/mulebot connect <cluster>` / `/mulebot disconnect <cluster>`: bind this channel (workspace admins).',
].join('\n');

export async function runTenancyCommand(
  tenancy: TenancyService | undefined, cmd: Exclude<ParsedCommand, { verb: 'ask' }>,
  ctx: { teamId: string; channelId: string; userId: string; isAdmin: () => Promise<boolean> },
): Promise<CommandReply> {
  const eph = (text: string): CommandReply => ({ response_type: 'ephemeral', text });
  if (cmd.verb === 'help') return eph(HELP);
  if (!tenancy) return eph('Cluster bindings are not available here: this bot serves one cluster to every channel.');
  if (cmd.verb === 'clusters') {
    const l = await tenancy.list({ teamId: ctx.teamId, channelId: ctx.channelId });
    const v = l.visibility;
    // with what each allows: what may be changed from here is as much a part of the answer as what is seen
    const what = async (c: { id: string; name: string }) => {
      const p = await tenancy.actionPolicy(ctx, c.id);
      const actions = p.actions === 'all' ? (p.allowedUsers.length ? `changes by ${p.allowedUsers.map((u) => `<@${u}>`).join(', ')}` : 'changes allowed')
        : p.actions === 'alerts' ? 'read-only, alert mutes allowed' : 'read-only';
      return `*${c.name}* (${actions})`;
    };
    const seen = await Promise.all(v.clusters.map(what));
    const here = v.kind === 'bound' ? `This channel sees ${seen.join(', ')}.`
      : v.kind === 'default' ? `This channel sees the workspace default, ${seen[0]}.`
        : v.hint;
    const all = l.available.length ? `\nClusters in this workspace: ${l.available.map((c) => c.name).join(', ')}.` : '';
    return eph(here + all);
  }
  const tctx = { teamId: ctx.teamId, channelId: ctx.channelId, userId: ctx.userId, isAdmin: await ctx.isAdmin() };
  const r = cmd.verb === 'connect' ? await tenancy.connect(tctx, cmd.cluster) : cmd.verb === 'disconnect' ? await tenancy.disconnect(tctx, cmd.cluster) : undefined;
  return eph(r?.hint ?? HELP);
}
