// Issue #7, literally: "after the simulator is stopped the disconnection notification appears once and the status bar
// says so, and after it restarts both recover with no click". Unlike health.test.ts (the API refuses connections
// inside a live simulator), the simulator PROCESS ends here (SIGTERM: it saves its state file) and a new process starts
// on the same port from that state file: same objects, same CA, same users and tokens, so the kubeconfig Kubelink
// connected with stays valid and recovery needs nothing from the user.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN_CONTEXT,
  HEALTH_SETTINGS,
  connectByClick,
  demoKubeconfig,
  expandPath,
  freeLocalPort,
  isFreshRow,
  isStaleRow,
  kubectl,
  assertKubelinkBuilt,
  kubelinkSession,
  lostStatus,
  lostToast,
  podManifest,
  podNames,
  podsPath,
  readyStatus,
  startSimulator,
  toastCount,
  waitForClusterStatus,
  waitForRows,
  waitUntil,
  writeKubeconfig,
  type RowInfo,
  type Simulator,
  type SimulatorOptions,
} from './harness/index.js';

assertKubelinkBuilt();

/** Created before the stop; it exists after the restart only if the state file carried it over. */
const KEPT_POD = 'e2e-kept';

const sameNames = (rows: RowInfo[], names: string[]): boolean => JSON.stringify(rows.map((r) => r.label).sort()) === JSON.stringify(names);

describe('The simulator process stops and restarts on the same port', () => {
  const k = kubelinkSession('restart', HEALTH_SETTINGS);
  const s = k.session;
  /** The options of both processes: a small cluster (its pods fit on screen), a fixed port, one state file. */
  let simOptions: SimulatorOptions = {};
  let sim: Simulator | undefined;
  /** The pods of the first process, as its own kubeconfig lists them. */
  let pods: string[] = [];

  before(async () => {
    simOptions = {
      name: 'restart',
      port: await freeLocalPort(),
      stateFile: path.join(k.dir, 'simulator-state.json'),
      kubeconfigDir: path.join(k.dir, 'sim'),
      namespaces: 1,
      nodes: 1,
      podsPerNamespace: 2,
    };
    sim = await startSimulator(simOptions);
    writeKubeconfig(k.kubeconfig, demoKubeconfig(sim));
    await s.start();
  }, { timeout: 240_000 });

  after(() => k.stop(sim), { timeout: 60_000 });

  test('connected by a click, the pods listed', { timeout: 180_000 }, s.case(async ({ wb, server, t }) => {
    await connectByClick(wb, server, ADMIN_CONTEXT);
    await waitForClusterStatus(wb, 'the admin cluster ready', readyStatus(ADMIN_CONTEXT));
    await expandPath(wb, podsPath(ADMIN_CONTEXT));
    // A pod the seed does not make: only the state file can bring it back after the restart (the seeded names are the
    // same in every run).
    await kubectl(sim!.adminKubeconfig, ['create', '-f', '-'], podManifest('default', KEPT_POD));
    pods = await podNames(sim!.adminKubeconfig);
    t.diagnostic(`pods: ${JSON.stringify(pods)}`);
    assert.ok(pods.includes(KEPT_POD), `kubectl lists ${KEPT_POD}`);
    await waitForRows(wb, podsPath(ADMIN_CONTEXT), `the seeded pods and ${KEPT_POD}, fresh`, (rows) => sameNames(rows, pods) && rows.every(isFreshRow));
  }));

  test('the process stops: one notification, status bar lost, rows stale; a new process on the same port: all recover with no click', { timeout: 240_000 }, s.case(async ({ wb, t }) => {
    assert.ok(pods.length > 0, 'the previous case connected and listed the pods');
    await wb.markNotifications(); // the episode's toasts only
    const first = sim!;
    await first.stop();
    t.diagnostic(`first simulator: ${await first.exited}`);
    assert.ok(fs.existsSync(simOptions.stateFile!), 'the stopped simulator saved its state file');

    const lost = await wb.waitForNotification(lostToast(ADMIN_CONTEXT), 30_000);
    t.diagnostic(`lost toast: ${lost}`);
    assert.match(lost, /Reconnecting…/);
    const down = await waitForClusterStatus(wb, 'the admin cluster disconnected or reconnecting', lostStatus(ADMIN_CONTEXT));
    t.diagnostic(`status bar while stopped: ${JSON.stringify(down)}`);
    assert.match(down.ariaLabel, /lost connection/);
    // Several attempts fail while nothing listens (back-off capped at 1 s): the one notification is updated in place.
    await waitForClusterStatus(wb, 'reconnecting, attempt 2 or later', (item) => /: reconnecting \(attempt ([2-9]|\d\d+)\)$/.test(item.text));
    await waitForRows(wb, podsPath(ADMIN_CONTEXT), 'the rows are not kept and marked stale', (rows) => sameNames(rows, pods) && rows.every(isStaleRow));
    assert.equal(await toastCount(wb, lostToast(ADMIN_CONTEXT)), 1, 'one lost-connection toast while stopped');
    await wb.screenshot('restart-stopped');

    sim = await startSimulator(simOptions);
    t.diagnostic(`second simulator: pid ${sim.pid} (first ${first.pid}), ${sim.url}`);
    assert.notEqual(sim.pid, first.pid, 'a new process');
    assert.equal(sim.url, first.url, 'the same port');
    assert.deepEqual(await podNames(sim.adminKubeconfig), pods, `the state file brought back the same pods, ${KEPT_POD} too`);

    await waitForClusterStatus(wb, 'the admin cluster ready again', readyStatus(ADMIN_CONTEXT));
    await wb.waitForNotification(`Reconnected to ${ADMIN_CONTEXT}`, 30_000);
    await waitUntil(async () => (await wb.notificationToasts()).every((m) => !lostToast(ADMIN_CONTEXT).test(m)), {
      timeoutMs: 30_000,
      message: 'e2e: the lost-connection notification is still shown after the recovery',
    });
    const fresh = await waitForRows(wb, podsPath(ADMIN_CONTEXT), 'the rows are not fresh again', (rows) => sameNames(rows, pods) && rows.every(isFreshRow));
    t.diagnostic(`after the restart: ${JSON.stringify(fresh.map((r) => `${r.label} | ${r.description}`))}`);
    const episode = await wb.seenToasts(lostToast(ADMIN_CONTEXT));
    t.diagnostic(`lost-connection messages over the episode: ${JSON.stringify(episode)}`);
    assert.equal(await toastCount(wb, lostToast(ADMIN_CONTEXT)), 1, 'exactly one lost-connection toast over the whole episode');
    assert.equal(await toastCount(wb, `Reconnected to ${ADMIN_CONTEXT}`), 1, 'one "Reconnected to" toast');
    await wb.screenshot('restart-recovered');
  }));
});
