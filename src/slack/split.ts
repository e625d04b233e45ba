// Answers within Slack's message limits: at most 50 blocks and about 4,000 characters of text a message.
// Longer answers are split into follow-up messages (at most maxMessages), and what is still left over is
// summarised in one closing line instead of flooding the channel.
import type { KnownBlock } from '@slack/types';
import type { Reply } from '../dialogue/types.js';

export const MAX_BLOCKS = 50;
export const MAX_TEXT = 3900;          // under Slack's 4,000 with room for a "(continued)" marker
export const MAX_SECTION = 3000;

export interface OutMessage { text: string; blocks?: KnownBlock[] }

export function splitReply(reply: Pick<Reply, 'text' | 'blocks'>, maxMessages = 4): OutMessage[] {
  const blocks = (reply.blocks ?? []).map(clampBlock);
  const out: OutMessage[] = [];
  if (blocks.length) {
    const textParts = splitText(reply.text || ' ', MAX_TEXT);
    for (let i = 0; i < blocks.length; i += MAX_BLOCKS) {
      out.push({ text: i === 0 ? textParts[0]! : '(continued)', blocks: blocks.slice(i, i + MAX_BLOCKS) });
    }
  } else {
    for (const t of splitText(reply.text || ' ', MAX_TEXT)) out.push({ text: t });
  }
  if (out.length <= maxMessages) return out;
  const kept = out.slice(0, maxMessages - 1);
  const left = out.length - kept.length;
  kept.push({ text: `…and more (${left} more message${left === 1 ? '' : 's'} not shown). Ask a narrower question, e.g. by namespace or engine.` });
  return kept;
}

/** Splits text at line breaks (else spaces, else hard) into parts of at most `max` characters. */
export function splitText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts;
}

/** A section longer than Slack allows would make the whole message fail (invalid_blocks): shorten it. */
function clampBlock(b: KnownBlock): KnownBlock {
  if (b.type === 'section' && b.text && b.text.text.length > MAX_SECTION) {
    return { ...b, text: { ...b.text, text: b.text.text.slice(0, MAX_SECTION - 1) + '…' } };
  }
  return b;
}
