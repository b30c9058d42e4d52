// Issue #13 end to end in a real VS Code: the simulator's local AWS (`--aws`) and its profile files are all Kubelink
// knows about AWS (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE for code-server, HOME isolated, no `aws` needed).
// Kubelink: Add EKS Clusters… → profile kubelink-sim → us-east-1 → both clusters (multi-select): they appear under the
// Amazon EKS group, the CREATING one marked; a click connects the ACTIVE one with the in-process token → ready →
// Resources → core → Pod lists the pods, and a pod created with kubectl appears live.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  childRows,
  expand,
  expandPath,
  kubectl,
  kubelinkSession,
  podManifest,
  podNames,
  podsPath,
  rowAt,
  startSimulator,
  waitForReady,
  waitForRows,
  writeKubeconfig,
  type Simulator,
} from './harness/index.js';

const CLUSTER = 'kubelink-sim'; // AwsSimulator.ClusterName
const CREATING = 'kubelink-sim-creating'; // AwsSimulator.CreatingClusterName
const GROUP = 'Amazon EKS · profile kubelink-sim · us-east-1';
const NEW_POD = 'e2e-eks';

describe('Amazon EKS in a real VS Code', () => {
  // The simulator writes its AWS profile files into <dir>/sim/aws when it starts (before code-server does).
  const k = kubelinkSession('eks', {}, undefined, (dir) => ({
    AWS_CONFIG_FILE: path.join(dir, 'sim', 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'sim', 'aws', 'credentials'),
  }));
  const s = k.session;
  let sim: Simulator | undefined;

  before(async () => {
    sim = await startSimulator({ name: 'eks', aws: true, namespaces: 1, nodes: 1, podsPerNamespace: 2, kubeconfigDir: path.join(k.dir, 'sim') });
    writeKubeconfig(k.kubeconfig, { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [] });
    await s.start();
  }, { timeout: 240_000 });

  after(() => k.stop(sim), { timeout: 60_000 });

  test('Add EKS Clusters… with the simulator\'s profile → Amazon EKS group → click → ready → pods listed live', { timeout: 300_000 }, s.case(async ({ wb, server, t }) => {
    await server.waitForExtensionActivation('kubelink.kubelink', 90_000);
    await wb.openViewContainer('Kubelink');
    await wb.runCommand('Kubelink: Add EKS Clusters…');
    await wb.waitForQuickInput(/How should Kubelink sign in to AWS/);
    await wb.pickQuickItem('Profile kubelink-sim');
    await wb.waitForQuickInput(/Region of the EKS clusters/);
    await wb.pickQuickItem('us-east-1');
    await wb.waitForQuickInput(/EKS clusters to add \(2 found in us-east-1\)/);
    const offered = await wb.quickItemLabels();
    t.diagnostic(`clusters offered: ${JSON.stringify(offered)}`);
    assert.ok(offered.some((l) => l?.includes(CREATING) && l.includes('CREATING: cannot be connected until ACTIVE')), 'the CREATING cluster is marked in the pick');
    await wb.pickQuickItem(CLUSTER); // multi-select: a click ticks the row
    await wb.pickQuickItem(CREATING);
    await wb.page.keyboard.press('Enter');
    await wb.waitForNotification(/Added 2 EKS cluster\(s\)/, 60_000);

    // The group, its two clusters: the ACTIVE one with status and version, the CREATING one marked as not connectable.
    await expand(await rowAt(wb, [GROUP], 60_000));
    const rows = await waitForRows(wb, [GROUP], 'both EKS clusters', (r) => r.some((x) => x.label === CLUSTER) && r.some((x) => x.label === CREATING));
    t.diagnostic(`Amazon EKS rows: ${JSON.stringify(rows.map((r) => `${r.label} | ${r.description} | ${r.icons.join(',')}`))}`);
    assert.match(rows.find((r) => r.label === CLUSTER)?.description ?? '', /^ACTIVE · v1\.32/);
    assert.match(rows.find((r) => r.label === CREATING)?.description ?? '', /cannot connect/);
    assert.ok(rows.find((r) => r.label === CREATING)?.icons.includes('warning'), 'the CREATING cluster has the warning icon');
    await wb.screenshot('eks-group');

    await (await rowAt(wb, [GROUP, CLUSTER])).locator('.label-name').click();
    await waitForReady(wb, CLUSTER, 120_000);
    // The connection log under the cluster: the seed's check as a stage of its own, between version and ready.
    await expand(await rowAt(wb, [GROUP, CLUSTER]));
    const stages = await waitForRows(wb, [CLUSTER], 'the validated stage', (r) => r.some((x) => x.label === 'validated'));
    t.diagnostic(`stages: ${JSON.stringify(stages.map((r) => `${r.label} | ${r.description}`))}`);
    assert.match(stages.find((r) => r.label === 'validated')?.description ?? '', /^Validated by listing namespaces: the credentials are accepted; \d+ namespaces\.$/);
    const order = stages.map((r) => r.label);
    assert.ok(order.indexOf('version') < order.indexOf('validated') && order.indexOf('validated') < order.indexOf('ready'), `stage order: ${order.join(', ')}`);
    await expandPath(wb, podsPath(CLUSTER), 60_000);
    const seeded = await podNames(sim!.adminKubeconfig);
    await waitForRows(wb, podsPath(CLUSTER), 'the seeded pods', (r) => JSON.stringify(r.map((x) => x.label).sort()) === JSON.stringify(seeded));
    await kubectl(sim!.adminKubeconfig, ['create', '-f', '-'], podManifest('default', NEW_POD));
    await waitForRows(wb, podsPath(CLUSTER), `the new pod ${NEW_POD}`, (r) => r.some((x) => x.label === NEW_POD));
    t.diagnostic(`pods: ${JSON.stringify((await childRows(wb, podsPath(CLUSTER))).map((r) => r.label))}`);
    await wb.screenshot('eks-pods');
  }));
});
