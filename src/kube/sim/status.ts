// meta/v1 Status bodies, shaped as the apiserver sends them, so client-node's error handling sees real answers.
import type { ServerResponse } from 'node:http';

export interface StatusBody {
  kind: 'Status'; apiVersion: 'v1'; metadata: Record<string, never>; status: 'Failure' | 'Success';
  message: string; reason: string; code: number; details?: Record<string, unknown>;
}

export function status(code: number, reason: string, message: string, details?: Record<string, unknown>): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: code < 400 ? 'Success' : 'Failure', message, reason, code, ...(details ? { details } : {}) };
}

export function notFound(resource: string, name?: string, group = ''): StatusBody {
  return name === undefined
    ? status(404, 'NotFound', 'the server could not find the requested resource')
    : status(404, 'NotFound', `${resource}${group ? '.' + group : ''} "${name}" not found`, { name, group, kind: resource });
}

/** What the apiserver says when RBAC denies a request. */
export function forbidden(verb: string, resource: string, group: string, namespace?: string, name?: string): StatusBody {
  const full = group ? `${resource}.${group}` : resource;
  const subject = 'User "system:serviceaccount:openebs:mulebot"';
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const res = resource.includes('/') ? `resource "${resource.split('/')[0]}" subresource "${resource.split('/')[1]}"` : `resource "${resource}"`;
  return status(403, 'Forbidden', `${full}${name ? ` "${name}"` : ''} is forbidden: ${subject} cannot ${verb} ${res} in API group "${group}" ${scope}`,
    { ...(name ? { name } : {}), group, kind: resource });
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendStatus(res: ServerResponse, body: StatusBody): void { sendJson(res, body.code, body); }
