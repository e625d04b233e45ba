// The question table (questions.jsonl): each question asked in a fresh conversation on the demo cluster, through
// the real NLU, dialogue, commands, renderer and store; the answer must have the intent and every fact
// ("!fact": must not contain it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { demoBot, missingFacts, readJsonl, textOf, type Bot } from './helpers.js';

interface Question { q: string; intent: string; facts: string[] }
const QUESTIONS = readJsonl<Question>('./questions.jsonl');
let bot: Bot;

// each question in a channel of its own, with no binding: the default actions policy is opened to 'all' (as the
// terminal chat does) so that action questions show their plans
test.before(async () => { bot = await demoBot({ defaultActions: 'all' }); });
test.after(async () => { await bot?.close(); });

test('the table has at least 80 questions, each with facts', () => {
  assert.ok(QUESTIONS.length >= 80, `${QUESTIONS.length} questions`);
  for (const q of QUESTIONS) assert.ok(q.facts.length > 0, q.q);
});

test('every answer has its intent and facts', async () => {
  const failures: string[] = [];
  for (const [i, q] of QUESTIONS.entries()) {
    const replies = await bot.app.handle({ team: 'T1', channel: `Q${i}`, user: 'U1', text: q.q });
    const text = textOf(replies);
    const missing = missingFacts(text, q.facts);
    if (replies[0]?.intent !== q.intent) failures.push(`${q.q}: intent ${replies[0]?.intent}, want ${q.intent}`);
    if (missing.length) failures.push(`${q.q}: missing ${missing.join(', ')}\n${text.slice(0, 400)}`);
    for (const r of replies) assert.ok(r.blocks.length > 0 && r.blocks.length <= 50, `${q.q}: ${r.blocks.length} blocks`);
  }
  assert.equal(failures, []);
});

test.run();
