// Text clean-up before understanding: Slack markup out, bounded length, placeholders as plain words.

/** Longer messages are cut: nobody asks about a volume in 40 KB, and the work stays bounded. */
export const MAX_CHARS = 600;

const ENTITY_MAP: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Strips Slack formatting: mentions, channel links, URLs, code, bold/italic/strike markers, HTML entities. */
export function cleanSlack(raw: string): string {
  let t = String(raw ?? '');
  if (t.length > MAX_CHARS * 4) t = t.slice(0, MAX_CHARS * 4);
  t = t
    .replace(/<[@!][^>|]*(?:\|[^>]*)?>/g, ' ') // <@U123>, <@U123|bob>, <!here>, <!subteam^S1|@ops>
    .replace(/<#[^>|]*\|([^>]*)>/g, ' $1 ') // <#C123|general> -> general
    .replace(/<#[^>]*>/g, ' ')
    .replace(/<((?:https?|mailto):[^>|]*)\|([^>]*)>/g, ' $2 ') // <http://x|text> -> text
    .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
    .replace(/```([\s\S]*?)```/g, ' $1 ')
    .replace(/`([^`]*)`/g, ' $1 ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITY_MAP[e] ?? ' ')
    .replace(/(^|[\s(])[*_~]+(?=\S)|(?<=\S)[*_~]+(?=$|[\s).,!?:;])/g, '$1')
    .replace(/\u001b\[[0-9;?]*[ -\/]*[@-~]/g, ' ') // ANSI escape sequences from pasted terminal output
    // control characters, zero-width and bidi marks
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t.length > MAX_CHARS) {
    const cut = t.lastIndexOf(' ', MAX_CHARS);
    t = t.slice(0, cut > MAX_CHARS / 2 ? cut : MAX_CHARS);
  }
  return t;
}

/** `%volume%` -> `xxvolumexx`: one plain token that no tokenizer splits and no stemmer changes. */
export function placeholdersToWords(text: string): string {
  return text.replace(/%([a-z]+)%/gi, (_m, t: string) => ` xx${t.toLowerCase()}xx `).replace(/\s+/g, ' ').trim();
}

export function hasLetters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
