// Multi-turn scripts (scripts.json) through the whole bot: each script in its own team prefix so that none
// shares context with another; a step's "expect" facts must be in its replies ("!fact": must not). A button
// value "$pending" is the value of the same button in the previous reply (the plan id).
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Reply } from '../../src/dialogue/types.js';
import { isConfident } from '../../src/dialogue/manager.js';
import { demoBot, missingFacts, sharedNlu, textOf, type Bot, type ScriptStep } from './helpers.js';

interface Script { name: string; steps: (ScriptStep & { unsure?: string[] })[] }

/** The model changes as the corpus grows: of these phrasings, the first one the NLU is unsure about. */
function unsurePhrase(candidates: string[]): string {
  const vocab = bot.app.dialogue.vocab.get(bot.app.defaultCluster ? [bot.app.defaultCluster] : []);
  const hit = candidates.find((t) => !isConfident(sharedNlu().understand(t, vocab)));
  if (!hit) throw new Error(`the NLU is sure about all of: ${candidates.join(' | ')}; add a vaguer phrasing`);
  return hit;
}
const SCRIPTS = JSON.parse(readFileSync(new URL('./scripts.json', import.meta.url), 'utf8')) as Script[];
let bot: Bot;

test.before(async () => {
  bot = await demoBot();
  // the scripts' channel C1 (every script team falls back to the on-prem workspace "local") may have MuleBot change
  // the cluster, as an operator's `mulebot bind ... --actions all` allows; other channels keep the default 'alerts'
  const open = await bot.app.tenancy.connect({ teamId: 'local', channelId: 'C1', isAdmin: true }, 'prod-east', { actions: 'all' });
  if (!open.ok) throw new Error(open.hint);
});
test.after(async () => { await bot?.close(); });

function buttonValue(replies: Reply[], actionId: string): string | undefined {
  for (const r of replies) for (const b of r.blocks as any[]) {
    for (const e of b.elements ?? []) if (e.action_id === actionId) return e.value;
  }
  return undefined;
}

test('at least 20 scripts', () => { assert.ok(SCRIPTS.length >= 20, `${SCRIPTS.length}`); });

for (const [n, script] of SCRIPTS.entries()) {
  test(`script: ${script.name}`, async () => {
    let previous: Reply[] = [];
    for (const [i, step] of script.steps.entries()) {
      const action = step.action && step.action.value === '$pending'
        ? { ...step.action, value: buttonValue(previous, step.action.id) ?? 'none' } : step.action;
      const text0 = step.unsure ? unsurePhrase(step.unsure) : step.text ?? '';
      const replies = await bot.app.handle({ team: `S${n}-${step.team ?? 'T1'}`, channel: step.channel ?? 'C1', user: step.user ?? 'U1',
        text: text0, ...(step.thread ? { thread: step.thread } : {}), ...(action ? { action } : {}) });
      const text = textOf(replies);
      const where = `step ${i + 1} (${text0 || JSON.stringify(step.action)})`;
      assert.ok(replies.length > 0, `${where}: no reply`);
      if (step.intent) assert.is(replies[0]!.intent, step.intent, `${where}: intent\n${text}`);
      assert.equal(missingFacts(text, step.expect ?? []), [], `${where}:\n${text}`);
      previous = replies;
    }
  });
}

test.run();
