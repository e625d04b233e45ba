// Probes for Kubernetes: GET /healthz (the process serves requests: liveness) and GET /readyz (it can do its work:
// the store answers, and in Socket Mode the socket is connected: readiness). The HTTP receiver mounts them next to
// the Slack routes; Socket Mode has no inbound HTTP, so startHealthServer gives it a tiny server of its own
// (MULEBOT_HEALTH_PORT).
import Fastify, { type FastifyInstance } from 'fastify';

export interface Readiness { ok: boolean; checks: Record<string, string> }

export interface HealthOptions {
  /** "http-single", "socket-many", ... (shown on /healthz) */
  mode?: string;
  /** what /readyz reports (default: ready) */
  ready?: () => Promise<Readiness>;
}

const healthSchema = { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, mode: { type: 'string' } } } } } as const;
const readySchema = {
  response: {
    '2xx': { type: 'object', properties: { ok: { type: 'boolean' }, checks: { type: 'object', additionalProperties: { type: 'string' } } } },
    '5xx': { type: 'object', properties: { ok: { type: 'boolean' }, checks: { type: 'object', additionalProperties: { type: 'string' } } } },
  },
} as const;

export function mountHealth(app: FastifyInstance, o: HealthOptions): void {
  app.get('/healthz', { schema: healthSchema }, async () => ({ ok: true, mode: o.mode ?? 'http' }));
  app.get('/readyz', { schema: readySchema }, async (_req, reply) => {
    let r: Readiness;
    try { r = o.ready ? await o.ready() : { ok: true, checks: {} }; } catch (err: any) { r = { ok: false, checks: { ready: String(err?.message ?? err) } }; }
    return reply.code(r.ok ? 200 : 503).send(r);
  });
}

/** A health server alone (Socket Mode): /healthz and /readyz, nothing else. */
export async function startHealthServer(o: HealthOptions & { port: number; host?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false, return503OnClosing: true });
  mountHealth(app, o);
  const url = await app.listen({ port: o.port, host: o.host ?? '0.0.0.0' });
  return { url, close: () => app.close() };
}

/** Runs a check with a bound on its time: "ok", or why not. */
export async function probe(what: () => Promise<unknown>, timeoutMs = 2000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([what(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs); })]);
    return 'ok';
  } catch (err: any) {
    return String(err?.message ?? err).slice(0, 200);
  } finally { clearTimeout(timer); }
}
