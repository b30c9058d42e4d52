// Real clients as the judge of the GraphQL gateway: the whole headless flow runs as a user would run it (simulator,
// `kubectl apply` of the CRD, `clusteraccess create`, the listener writing the schema file, the gateway serving it), then
// graphql-js introspects the schema and validates it with buildClientSchema + validateSchema (also for the real
// kube-apiserver 1.26 OpenAPI document), and the graphql-ws client sees a pod that kubectl creates.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, getIntrospectionQuery, validateSchema, type IntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { isolatedHome } from './support/isolatedHome';
import { repoRoot, startSimulator, type SimulatorProcess } from './support/simulatorProcess';
import { eventually, startVerb, type VerbProcess } from './support/verbProcess';

const isolated = isolatedHome('kubelink-gql-it-');
const kubeconfigDir = join(isolated.home, 'sim');
const definitions = join(isolated.home, 'definitions');
const admin = join(kubeconfigDir, 'admin.kubeconfig');
const processes: { kill(): void }[] = [];
let simulator: SimulatorProcess;
let gateway: VerbProcess;
let listener: VerbProcess;
let token = '';

function kubectl(...args: string[]): string {
  return execFileSync('kubectl', args, { env: { ...isolated.env, KUBECONFIG: admin }, encoding: 'utf8' });
}

async function post(path: string, query: string): Promise<{ status: number; body: { data?: unknown; errors?: { message: string }[] } }> {
  const response = await fetch(`${gateway.value}/${path}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string }[] } };
}

before(async () => {
  simulator = await startSimulator(kubeconfigDir, isolated.env);
  processes.push(simulator);
  // The restricted user (view in team-a and team-b) calls the gateway: its bearer token is in its kubeconfig.
  const restricted = /token: "?([^"\s]+)/.exec(readFileSync(join(kubeconfigDir, 'restricted.kubeconfig'), 'utf8'));
  assert.ok(restricted, 'restricted.kubeconfig carries a token');
  token = restricted[1] ?? '';
  kubectl('apply', '-f', join(repoRoot, 'deploy', 'crd-clusteraccess.yaml'));
  const created = execFileSync('dotnet', [join(repoRoot, 'server', 'Kubelink.Sidecar', 'bin', 'Debug', 'net10.0', 'kubelink-sidecar.dll'),
    'clusteraccess', 'create', '--target-kubeconfig', admin, '--management-kubeconfig', admin, '--name', 'sim'], { env: isolated.env, encoding: 'utf8' });
  assert.match(created, /clusteraccess\.gateway\.platform-mesh\.io\/sim created/);
  listener = await startVerb(['listener', '--definitions', definitions], { ...isolated.env, KUBECONFIG: admin }, /(listener watching)/);
  processes.push(listener);
  mkdirSync(definitions, { recursive: true });
  gateway = await startVerb(['gateway', '--definitions', definitions, '--port', '0'], { ...isolated.env, KUBECONFIG: '' }, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  processes.push(gateway);
  await eventually(() => Promise.resolve(existsSync(join(definitions, 'sim.json')) ? true : undefined), 'the listener writes sim.json');
  await eventually(async () => ((await post('sim', '{ __typename }')).status === 200 ? true : undefined), 'the gateway serves /sim/graphql');
});

after(() => {
  for (const proc of processes) proc.kill();
  isolated.dispose();
});

async function introspect(path: string): Promise<IntrospectionQuery> {
  const { status, body } = await post(path, getIntrospectionQuery());
  assert.equal(status, 200, JSON.stringify(body.errors));
  assert.equal(body.errors, undefined);
  return body.data as IntrospectionQuery;
}

describe('the GraphQL gateway, judged by graphql-js and graphql-ws', { timeout: 180_000 }, () => {
  test('the simulator schema (written by the listener) passes buildClientSchema + validateSchema', async () => {
    const schema = buildClientSchema(await introspect('sim'));
    assert.deepEqual(validateSchema(schema).map((e) => e.message), []);
    assert.ok(schema.getType('V1Pod'));
    assert.ok(schema.getType('AppsV1Deployment'));
    assert.ok(schema.getSubscriptionType()?.getFields()['v1_pods']);
    const { body } = await post('sim', '{ v1 { Pods(namespace: "team-a") { items { metadata { name } } } } }');
    assert.equal(body.errors, undefined);
  });

  test('the schema of the real kube-apiserver 1.26 OpenAPI document passes buildClientSchema + validateSchema', async () => {
    const raw = JSON.parse(gunzipSync(readFileSync(join(repoRoot, 'tests', 'Kubelink.Sidecar.Tests', 'GraphQL', 'Fixtures', 'k8s-1.26-openapi-v2.json.gz'))).toString('utf8')) as Record<string, unknown>;
    raw['x-cluster-metadata'] = { host: simulator.url, path: 'k126', auth: { type: 'token' } };
    writeFileSync(join(definitions, '.k126.tmp'), JSON.stringify(raw));
    execFileSync('mv', [join(definitions, '.k126.tmp'), join(definitions, 'k126.json')]);
    const data = await eventually(async () => {
      const { status, body } = await post('k126', getIntrospectionQuery());
      return status === 200 && body.errors === undefined ? (body.data as IntrospectionQuery) : undefined;
    }, 'the gateway serves /k126/graphql');
    const schema = buildClientSchema(data);
    assert.deepEqual(validateSchema(schema).map((e) => e.message), []);
    for (const name of ['V1Pod', 'AppsV1Deployment', 'NetworkingK8sIoV1Ingress', 'RbacAuthorizationK8sIoV1ClusterRole', 'ApiextensionsK8sIoV1CustomResourceDefinition']) {
      assert.ok(schema.getType(name), `${name} is in the schema`);
    }
  });

  test('a graphql-ws subscription sees a pod that kubectl creates', async () => {
    const client = createClient({
      url: gateway.value.replace('http://', 'ws://') + '/sim/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      const events = client.iterate<{ v1_pods: { type: string; object: { metadata: { name: string } } } }>({
        query: 'subscription { v1_pods(namespace: "team-a") { type object { metadata { name } } } }',
      });
      const seen: string[] = [];
      let created = false;
      for await (const event of events) {
        assert.equal(event.errors, undefined, JSON.stringify(event.errors));
        const change = event.data!.v1_pods;
        seen.push(`${change.type} ${change.object.metadata.name}`);
        if (!created) {
          created = true; // the initial list has arrived (ADDED per pod): now the change
          kubectl('run', 'gql-watched', '-n', 'team-a', '--image=nginx', '--restart=Never');
        }
        if (change.type === 'ADDED' && change.object.metadata.name === 'gql-watched') break;
      }
      assert.ok(seen.includes('ADDED gql-watched'), seen.join(', '));
    } finally {
      await client.dispose();
    }
  });
});
