// The terminal and scripting transports: lines in, Turns to the dialogue, replies out as text or JSON lines.
import { createInterface } from 'node:readline';
import type { Reply, Turn } from '../dialogue/types.js';
import type { App } from './index.js';
import { terminalSink } from '../alerts/index.js';

export interface ScriptLine { team?: string; channel?: string; user?: string; thread?: string; text?: string; action?: { id: string; value: string } }

export const replyJson = (r: Reply) => ({ intent: r.intent, entities: r.entities, text: r.text, blocks: r.blocks });

export function printReplies(replies: Reply[], json: boolean, out: NodeJS.WritableStream = process.stdout): void {
  for (const r of replies) out.write(json ? `${JSON.stringify(replyJson(r))}\n` : `${r.text}\n\n`);
}

/** A script: one JSON turn a line, answered in order. Bad lines are reported on stderr and skipped. */
export async function runScript(app: App, lines: string[], json: boolean, defaults: { team: string; channel: string; user: string }): Promise<number> {
  let bad = 0;
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim() || raw.trim().startsWith('//')) continue;
    let s: ScriptLine;
    try { s = JSON.parse(raw) as ScriptLine; } catch { process.stderr.write(`line ${i + 1}: not JSON\n`); bad++; continue; }
    if (typeof s.text !== 'string' && !s.action) { process.stderr.write(`line ${i + 1}: no "text"\n`); bad++; continue; }
    const turn: Turn = { team: s.team ?? defaults.team, channel: s.channel ?? defaults.channel, user: s.user ?? defaults.user,
      text: s.text ?? '', channelType: 'api', ...(s.thread ? { thread: s.thread } : {}), ...(s.action ? { action: s.action } : {}) };
    printReplies(await app.handle(turn), json);
  }
  return bad ? 1 : 0;
}

/** An interactive (or piped) chat: one message a line; numbers answer button questions. */
export async function chatLoop(app: App, o: { team: string; channel: string; user: string; json: boolean; banner?: string }): Promise<number> {
  const tty = !!process.stdin.isTTY;
  const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
  if (o.banner && !o.json) process.stdout.write(`${o.banner}\n`);
  if (tty) { rl.setPrompt('you> '); rl.prompt(); }
  // interactive: proactive warnings for this terminal's channel print between the lines (🔔), then the prompt again
  if (tty && !o.json) {
    const bell = terminalSink();
    app.watchAlerts({ async post(target, reply) { process.stdout.write('\n'); await bell.post(target, reply); rl.prompt(true); } },
      [{ team: o.team, channel: o.channel }]);
  }
  for await (const line of rl) {
    const text = line.trim();
    if (!text) { if (tty) rl.prompt(); continue; }
    if (/^(\/?(quit|exit)|:q)$/i.test(text)) break;
    const replies = await app.handle({ team: o.team, channel: o.channel, user: o.user, text, channelType: 'terminal' });
    if (tty && !o.json) process.stdout.write('\n');
    printReplies(replies, o.json);
    if (tty) rl.prompt();
  }
  rl.close();
  return 0;
}
