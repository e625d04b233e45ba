// Writes an answer twice at once: Block Kit for Slack and plain text for the terminal, from the same marked
// strings (see format.ts), and keeps the blocks within Slack's limits whatever the data.
import type { Button, KnownBlock } from '@slack/types';
import { clip, mdLength, mrkdwn, plain } from './format.js';

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  header: 150,
  contextElements: 10,
  buttonsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
} as const;

export interface Rendered { text: string; blocks: KnownBlock[] }

/** Action ids of the buttons this renderer makes (Slack block_actions `action_id`). */
export const ACTION_IDS = {
  /** a choice button; the id is `mulebot.choice:<index>` (unique within its block), the value is the option value */
  choicePrefix: 'mulebot.choice:',
  confirm: 'mulebot.confirm',
  cancel: 'mulebot.cancel',
} as const;

export class Out {
  readonly blocks: KnownBlock[] = [];
  readonly lines: string[] = [];

  constructor(readonly maxBlocks: number = LIMITS.blocks) {}

  get room(): number { return this.maxBlocks - this.blocks.length; }

  header(t: string): this {
    const text = plain(t);
    this.blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.header), emoji: true } });
    this.lines.push(text);
    return this;
  }

  /** a section; longer text is split at line ends over several sections */
  section(md: string, opts: { text?: boolean } = {}): this {
    if (!md.trim()) return this;
    for (const part of splitLines(md, LIMITS.sectionText)) {
      this.blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clipMd(part, LIMITS.sectionText) } });
    }
    if (opts.text !== false) this.lines.push(plain(md));
    return this;
  }

  /** label/value pairs, two columns in Slack, "label: value" lines in text */
  fields(pairs: [string, string][]): this {
    const shown = pairs.filter(([, v]) => v !== '');
    for (let i = 0; i < shown.length; i += LIMITS.fields) {
      this.blocks.push({ type: 'section', fields: shown.slice(i, i + LIMITS.fields)
        .map(([k, v]) => ({ type: 'mrkdwn' as const, text: clipMd(`*${mrkdwn(k)}*\n${mrkdwn(v)}`, LIMITS.fieldText, true) })) });
    }
    this.lines.push(shown.map(([k, v]) => `${plain(k)}: ${plain(v)}`).join('\n'));
    return this;
  }

  context(md: string): this {
    if (!md.trim()) return this;
    this.blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clipMd(md, LIMITS.sectionText) }] });
    this.lines.push(plain(md));
    return this;
  }

  divider(): this {
    this.blocks.push({ type: 'divider' });
    return this;
  }

  buttons(buttons: { text: string; actionId: string; value: string; style?: 'primary' | 'danger' }[], blockId?: string): this {
    for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerActions) {
      this.blocks.push({ type: 'actions', ...(blockId ? { block_id: clip(blockId, LIMITS.actionId) } : {}),
        elements: buttons.slice(i, i + LIMITS.buttonsPerActions).map((x): Button => ({
          type: 'button', text: { type: 'plain_text', text: clip(plain(x.text), LIMITS.buttonText), emoji: true },
          action_id: clip(x.actionId, LIMITS.actionId), value: clip(x.value, LIMITS.buttonValue), ...(x.style ? { style: x.style } : {}) })) });
    }
    return this;
  }

  /** a text-only line (the terminal's), e.g. numbered choices the buttons stand for */
  textLine(s: string): this {
    this.lines.push(plain(s));
    return this;
  }

  /** the finished answer; blocks beyond the budget are dropped and counted in a last context line */
  done(): Rendered {
    // Slack refuses a message with neither blocks nor text
    if (!this.blocks.length) this.blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(this.lines.join('\n').trim() || '…').slice(0, LIMITS.sectionText) } });
    let blocks = this.blocks;
    if (blocks.length > this.maxBlocks) {
      const keep = blocks.slice(0, Math.max(0, this.maxBlocks - 1));
      const dropped = blocks.length - keep.length;
      blocks = [...keep, { type: 'context', elements: [{ type: 'mrkdwn', text: `_${dropped} more block(s) not shown: ask for a narrower list_` }] }];
    }
    return { text: this.lines.filter((l) => l !== '').join('\n'), blocks };
  }
}

/** split marked text at line ends into parts whose mrkdwn fits `max` */
export function splitLines(md: string, max: number): string[] {
  if (mdLength(md) <= max) return [md];
  const parts: string[] = [];
  let cur = '';
  for (const line of md.split('\n')) {
    const next = cur ? `${cur}\n${line}` : line;
    if (mdLength(next) <= max) { cur = next; continue; }
    if (cur) parts.push(cur);
    cur = line;
  }
  if (cur) parts.push(cur);
  return parts;
}

/** mrkdwn of marked text, cut to `max` (already-mrkdwn text with `raw`) */
function clipMd(s: string, max: number, raw = false): string {
  const md = raw ? s : mrkdwn(s);
  return md.length <= max ? md : `${md.slice(0, max - 1)}…`;
}
