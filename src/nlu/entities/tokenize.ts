// Tokens with offsets. A token is a run of letters and digits that may contain the characters Kubernetes names
// use ('-', '.', '_', '/'), so "kafka-logs-1", "payments/pg-data", "1.5" and "50Gi" are each one token.

export interface Token {
  text: string;
  /** lowercase */
  low: string;
  start: number;
  end: number;
  /** true when sentence punctuation (. , ; ! ? : or a line break) separates this token from the previous one */
  breakBefore: boolean;
}

/** Work cap: text past this many characters is not looked at (40 KB pastes must stay cheap). */
export const MAX_CHARS = 4000;
export const MAX_TOKENS = 400;

const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{N}._\/-]*/gu;
const BREAK_RE = /[.,;!?:\n]/;

export function tokenize(text: string): Token[] {
  const src = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const out: Token[] = [];
  let prevEnd = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(src); m && out.length < MAX_TOKENS; m = TOKEN_RE.exec(src)) {
    let t = m[0];
    // trailing '.', '-', '/', '_' belong to the sentence, not the token ("pg-data." "foo/")
    let cut = t.length;
    while (cut > 1 && /[._\/-]/.test(t[cut - 1]!)) cut--;
    t = t.slice(0, cut);
    const start = m.index;
    const end = start + t.length;
    // Slack ids left in the text (<@U123>, <#C123>, <!here>) are not words
    if (start >= 2 && src[start - 2] === '<' && '@#!'.includes(src[start - 1]!)) continue;
    // the clitic of "sc's", "it's", "don't", "we'll" is not a word of its own
    if (/^(?:s|t|d|m|re|ve|ll)$/i.test(t) && start > 0 && /['\u2019]/.test(src[start - 1]!) && /[\p{L}\p{N}]/u.test(src[start - 2] ?? '')) continue;
    const gap = src.slice(prevEnd, start);
    out.push({ text: t, low: t.toLowerCase(), start, end, breakBefore: out.length > 0 && BREAK_RE.test(gap) });
    prevEnd = end;
  }
  return out;
}

/** The text between two tokens (or after the last one when b is undefined). */
export function gapAfter(text: string, tokens: Token[], i: number): string {
  const next = tokens[i + 1];
  return text.slice(tokens[i]!.end, next ? next.start : Math.min(text.length, tokens[i]!.end + 3));
}

export function gapBefore(text: string, tokens: Token[], i: number): string {
  const prev = tokens[i - 1];
  return text.slice(prev ? prev.end : Math.max(0, tokens[i]!.start - 3), tokens[i]!.start);
}
