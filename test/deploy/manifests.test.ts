// deploy/mulebot.yaml and the Dockerfile agree with the code and with deploy/rbac.yaml: the ServiceAccount is the
// one rbac.yaml binds to its ClusterRole, every env variable is one the code reads, secrets come from the Secret,
// the probes hit routes the health server really serves, the container runs non-root on a read-only root.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { parseCliArgs } from '../../src/app/args.js';
import { startHealthServer } from '../../src/slack/health.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const docs = (file: string) => parseAllDocuments(readFileSync(join(ROOT, file), 'utf8')).map((d) => {
  assert.equal(d.errors, [], `${file}: ${d.errors.map((e) => e.message).join('; ')}`);
  return d.toJS();
}).filter(Boolean);
const manifests = docs('deploy/mulebot.yaml');
const rbac = docs('deploy/rbac.yaml');
const deployment = manifests.find((m: any) => m.kind === 'Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []; });
}
/** every environment variable the code reads (process.env.X, env.X, env['X']) */
const READ = new Set(sources(join(ROOT, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)].map((m) => m[1] ?? m[2]!)));

test('a Deployment of 2 replicas with the ServiceAccount that rbac.yaml binds to its ClusterRole', () => {
  assert.is(deployment.apiVersion, 'apps/v1');
  assert.is(deployment.spec.replicas, 2);
  assert.equal(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels);
  const sa = rbac.find((m: any) => m.kind === 'ServiceAccount' && m.metadata.name === pod.serviceAccountName);
  assert.ok(sa, `ServiceAccount ${pod.serviceAccountName} is in rbac.yaml`);
  assert.is(sa.metadata.namespace, deployment.metadata.namespace, 'same namespace');
  const roles = new Set(rbac.filter((m: any) => m.kind === 'ClusterRole').map((m: any) => m.metadata.name));
  const bound = rbac.filter((m: any) => m.kind === 'ClusterRoleBinding' && roles.has(m.roleRef.name)
    && m.subjects.some((s: any) => s.kind === 'ServiceAccount' && s.name === sa.metadata.name && s.namespace === sa.metadata.namespace));
  assert.ok(bound.length > 0, 'bound to a ClusterRole of rbac.yaml');
  assert.ok(parseCliArgs(container.args.slice(1)) && !('error' in parseCliArgs(container.args.slice(1))), 'mulebot start understands the args');
  assert.is(container.args[0], 'start');
  const svc = manifests.find((m: any) => m.kind === 'Service');
  assert.equal(svc.spec.selector, deployment.spec.template.metadata.labels);
});

test('env: only variables the code reads; tokens, the database URL and the key come from the Secret', () => {
  const env: any[] = container.env;
  const unknown = env.map((e) => e.name).filter((n) => !READ.has(n));
  assert.equal(unknown, [], `not read anywhere in src/: ${unknown.join(', ')}`);
  const byName = new Map(env.map((e) => [e.name, e]));
  for (const name of ['DATABASE_URL', 'MULEBOT_ENCRYPTION_KEY']) {
    const ref = byName.get(name)?.valueFrom?.secretKeyRef;
    assert.ok(ref && !ref.optional, `${name} from the Secret, required`);
  }
  for (const name of ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET']) {
    assert.ok(byName.get(name)?.valueFrom?.secretKeyRef, `${name} from the Secret`);
  }
  assert.ok(env.every((e) => !/TOKEN|SECRET|KEY|DATABASE_URL/.test(e.name) || e.value === undefined), 'no secret as a literal');
  const port = Number(byName.get('PORT').value);
  assert.equal(container.ports.map((p: any) => p.containerPort), [port]);
  assert.is(Number(byName.get('MULEBOT_HEALTH_PORT').value), port, 'Socket Mode serves its probes on the same port');
});

test('probes hit routes the health server serves', async () => {
  const server = await startHealthServer({ port: 0, host: '127.0.0.1' });
  try {
    const portName = container.ports[0].name;
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const p = container[probe].httpGet;
      assert.is(p.port, portName, probe);
      assert.is((await fetch(`${server.url}${p.path}`)).status, 200, `${probe} ${p.path}`);
    }
    assert.is(container.readinessProbe.httpGet.path, '/readyz');
    assert.is(container.livenessProbe.httpGet.path, '/healthz');
  } finally { await server.close(); }
});

test('non-root, read-only root filesystem, no privilege escalation, resources set', () => {
  assert.is(pod.securityContext.runAsNonRoot, true);
  assert.ok(pod.securityContext.runAsUser > 0);
  assert.is(container.securityContext.readOnlyRootFilesystem, true);
  assert.is(container.securityContext.allowPrivilegeEscalation, false);
  assert.equal(container.securityContext.capabilities.drop, ['ALL']);
  assert.ok(container.resources.requests.cpu && container.resources.requests.memory && container.resources.limits.memory);
  // the one writable place is an emptyDir
  assert.equal(container.volumeMounts.map((m: any) => m.mountPath), ['/tmp']);
  assert.ok(pod.volumes.find((v: any) => v.name === container.volumeMounts[0].name).emptyDir);
});

test('Dockerfile: node:20-slim, production dependencies only after the build, non-root, what the code reads at run time', () => {
  const df = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const froms = [...df.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
  assert.ok(froms.length >= 1 && froms.every((f) => f!.startsWith('node:20-slim')), froms.join(', '));
  assert.ok(df.indexOf('npm ci --omit=dev') > df.indexOf('tsc -p'), 'npm ci --omit=dev after the build');
  assert.match(df, /^USER node$/m);
  for (const dir of ['dist', 'bin', 'models', 'node_modules']) assert.match(df, new RegExp(`COPY .*\\b${dir}\\b`), dir);
  assert.match(df, /ENTRYPOINT \["node", "bin\/mulebot\.js"\]/);
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const needed of ['src', 'bin', 'models', 'corpus', 'examples', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    assert.not.ok(ignored.includes(needed), `${needed} is not in .dockerignore`);
  }
  assert.ok(ignored.includes('node_modules') && ignored.includes('.data'));
});

test.run();
