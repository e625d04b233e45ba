// A structural check of Block Kit messages against Slack's documented limits (docs: reference/slack.md §4):
// the shapes this renderer emits, strictly. Returns the problems found (empty = valid).
import type { KnownBlock } from '@slack/types';

export function validateMessage(blocks: KnownBlock[]): string[] {
  const errs: string[] = [];
  if (!Array.isArray(blocks) || blocks.length === 0) errs.push('no blocks');
  if (blocks.length > 50) errs.push(`${blocks.length} blocks > 50`);
  const blockIds = new Set<string>();
  blocks.forEach((b: any, i) => {
    const at = `block ${i} (${b.type})`;
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== 'string' || !b.block_id || b.block_id.length > 255) errs.push(`${at}: bad block_id`);
      if (blockIds.has(b.block_id)) errs.push(`${at}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    const text = (t: any, where: string, max: number, types = ['mrkdwn', 'plain_text']) => {
      if (!t || !types.includes(t.type)) errs.push(`${at} ${where}: text type ${t?.type}`);
      else if (typeof t.text !== 'string' || t.text.length < 1 || t.text.length > max) errs.push(`${at} ${where}: text length ${t?.text?.length} not in 1..${max}`);
    };
    switch (b.type) {
      case 'header': text(b.text, 'text', 150, ['plain_text']); break;
      case 'divider': break;
      case 'section':
        if (!b.text && !b.fields) errs.push(`${at}: neither text nor fields`);
        if (b.text) text(b.text, 'text', 3000);
        if (b.fields) {
          if (!Array.isArray(b.fields) || b.fields.length < 1 || b.fields.length > 10) errs.push(`${at}: ${b.fields?.length} fields`);
          b.fields.forEach((f: any, j: number) => text(f, `field ${j}`, 2000));
        }
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > 10) errs.push(`${at}: ${b.elements?.length} elements`);
        b.elements?.forEach((e: any, j: number) => text(e, `element ${j}`, 3000));
        break;
      case 'actions': {
        if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > 25) errs.push(`${at}: ${b.elements?.length} elements`);
        const ids = new Set<string>();
        b.elements?.forEach((e: any, j: number) => {
          if (e.type !== 'button') errs.push(`${at} element ${j}: type ${e.type}`);
          text(e.text, `button ${j}`, 75, ['plain_text']);
          if (typeof e.action_id !== 'string' || !e.action_id || e.action_id.length > 255) errs.push(`${at} button ${j}: action_id`);
          if (ids.has(e.action_id)) errs.push(`${at}: duplicate action_id ${e.action_id}`);
          ids.add(e.action_id);
          if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) errs.push(`${at} button ${j}: value`);
          if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') errs.push(`${at} button ${j}: style ${e.style}`);
        });
        break;
      }
      default: errs.push(`${at}: unexpected block type`);
    }
  });
  return errs;
}
