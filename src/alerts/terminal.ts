// The terminal sink: warnings printed between chat lines, each with a bell so they stand apart from answers.
import type { Reply } from '../dialogue/types.js';
import type { AlertSink, AlertTarget } from './types.js';

export function terminalSink(out: NodeJS.WritableStream = process.stdout, o: { json?: boolean } = {}): AlertSink {
  return {
    async post(target: AlertTarget, reply: Reply): Promise<void> {
      if (o.json) out.write(`${JSON.stringify({ alert: true, team: target.team, channel: target.channel, ...(target.thread ? { thread: target.thread } : {}), text: reply.text, blocks: reply.blocks })}\n`);
      // the alert list's own header already starts with a bell: one is enough
      else out.write(`🔔 ${reply.text.replace(/^🔔 /, '').replace(/\n/g, '\n   ')}\n\n`);
    },
  };
}

/** A sink that keeps what it was given (scripts, and tests that wait for the next message). */
export class CollectingSink implements AlertSink {
  readonly messages: { target: AlertTarget; reply: Reply }[] = [];
  private waiters: (() => void)[] = [];

  async post(target: AlertTarget, reply: Reply): Promise<void> {
    this.messages.push({ target, reply });
    const w = this.waiters; this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once at least `count` messages have arrived in all. */
  async until(count: number): Promise<void> {
    while (this.messages.length < count) await new Promise<void>((r) => this.waiters.push(r));
  }
}
