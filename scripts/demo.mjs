#!/usr/bin/env node
// npm run demo — Kubelink on the embedded simulated cluster (docs/demo.md). scripts/demo.sh sets up a fresh clone first.
//
//   npm run demo                      simulator + code-server (browser VS Code) with Kubelink; prints the URL
//   npm run demo -- --port 8080       code-server on 127.0.0.1:8080 instead of a free port
//   npm run demo -- --fresh           forget the simulator's saved objects and Kubelink's state first
//   npm run demo -- --desktop         build the VSIX, install it into the local VS Code (`code`), run the simulator
//   npm run demo -- --namespaces 20 --nodes 6 --pods-per-namespace 10    a bigger cluster (defaults 12 / 4 / 6)
//
// Everything it starts runs in its own process group and ends on Ctrl-C or SIGTERM; throwaway folders (code-server's
// root, the simulator's kubeconfig dir) are removed. What is kept, in .demo/ (gitignored): the simulator's objects
// (simulator-state.json: a restart keeps what you created), Kubelink's state folder, and workspace/kubeconfig.yaml.
// The browser-free e2e harness (tests/e2e/harness/services.ts) does the starting and stopping.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const t0 = Date.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line = '') => console.log(line ? `[demo] ${line}` : '');
const fail = (message) => {
  console.error(`[demo] ERROR: ${message}`);
  process.exit(1);
};

// ------------------------------------------------------------------ arguments
const HELP = `usage: npm run demo -- [--desktop] [--port N] [--fresh] [--namespaces N] [--nodes N] [--pods-per-namespace N]
  (no flag)   start the simulator and code-server with Kubelink; open the printed URL in a browser
  --desktop   build dist/kubelink-linux-x64-<version>.vsix, install it with \`code --install-extension\`, run the simulator
  --port N    code-server's port on 127.0.0.1 (default: a free one)
  --fresh     delete .demo/simulator-state.json and .demo/kubelink-state first
Ctrl-C stops everything it started.`;
const opts = { desktop: false, fresh: false, port: 0, namespaces: 12, nodes: 4, podsPerNamespace: 6 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const num = () => {
    const v = Number(argv[++i]);
    if (!Number.isInteger(v) || v < 0) fail(`${a} expects a number\n${HELP}`);
    return v;
  };
  if (a === '--desktop') opts.desktop = true;
  else if (a === '--fresh') opts.fresh = true;
  else if (a === '--port') opts.port = num();
  else if (a === '--namespaces') opts.namespaces = num();
  else if (a === '--nodes') opts.nodes = num();
  else if (a === '--pods-per-namespace') opts.podsPerNamespace = num();
  else if (a === '-h' || a === '--help') {
    console.log(HELP);
    process.exit(0);
  } else fail(`unknown option ${a}\n${HELP}`);
}

// -------------------------------------------------------------- prerequisites
const require = createRequire(path.join(root, 'package.json'));
const missingModules = ['esbuild', 'js-yaml', ...(opts.desktop ? ['@vscode/vsce/package.json'] : [])].filter((m) => {
  try {
    require.resolve(m);
    return false;
  } catch {
    return true;
  }
});
if (missingModules.length > 0) fail(`node_modules lacks ${missingModules.join(', ')}: run scripts/demo.sh (or npm ci)`);
const sidecarDll = path.join(root, 'server', 'Kubelink.Sidecar', 'bin', 'Debug', 'net10.0', 'kubelink-sidecar.dll');
if (!fs.existsSync(sidecarDll)) fail(`the sidecar is not built (${path.relative(root, sidecarDll)}): run scripts/demo.sh (or dotnet build server/Kubelink.Sidecar)`);
if (!opts.desktop) {
  if (!fs.existsSync(path.join(root, 'out', 'extension.js'))) fail('the extension is not built (out/extension.js): run scripts/demo.sh (or npm run build:ext)');
  const entry = path.join(root, '.tools', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) fail('code-server is not installed: run scripts/demo.sh (or bash scripts/e2e/install.sh --code-server-only)');
}

// The harness, bundled (it is TypeScript; Node 20 runs only JavaScript).
const esbuild = await import('esbuild');
const servicesFile = path.join(root, 'out', 'demo', 'services.mjs');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['tests/e2e/harness/services.ts'],
  outfile: servicesFile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: (await import('./e2e/build.mjs')).ESM_REQUIRE_BANNER,
});
process.env.KUBELINK_E2E_ROOT = root;
/** @type {typeof import('../tests/e2e/harness/services.ts')} */
const h = await import(pathToFileURL(servicesFile).href);

// --------------------------------------------------------------- demo folder
// KUBELINK_DEMO_DIR: another folder than .demo/ (tests/e2e/demo.test.ts runs the demo without touching yours).
const demoDir = process.env.KUBELINK_DEMO_DIR ? path.resolve(process.env.KUBELINK_DEMO_DIR) : path.join(root, '.demo');
const stateFile = path.join(demoDir, 'simulator-state.json');
const kubelinkState = path.join(demoDir, 'kubelink-state');
const workspace = path.join(demoDir, 'workspace');
const kubeconfig = path.join(workspace, 'kubeconfig.yaml');
// The simulator's kubeconfigs and AWS profiles (rewritten at each start: the ports change). A fixed folder, so the
// editor's environment can name the AWS files before the simulator has written them (both start side by side).
const simulatorDir = path.join(demoDir, 'simulator');
const awsEnv = h.simulatedAwsEnv({ configFile: path.join(simulatorDir, 'aws', 'config'), credentialsFile: path.join(simulatorDir, 'aws', 'credentials') });
/** The simulated cluster the demo starts with (the seed's name), created when Kubelink's state holds none. */
const SIMULATED_NAME = 'test-cluster-012';
if (opts.fresh) {
  fs.rmSync(stateFile, { force: true });
  fs.rmSync(kubelinkState, { recursive: true, force: true });
}
fs.mkdirSync(workspace, { recursive: true });
fs.mkdirSync(kubelinkState, { recursive: true });
const restored = fs.existsSync(stateFile);

let stopping = false;
/** A person at a terminal can toggle an outage with a key; CI and pipes get no raw mode. */
const interactive = process.stdin.isTTY === true;

/** `o` makes the simulator refuse connections and accept them again (its admin endpoint: same process, same port). */
function outageKey(admin) {
  let down = false;
  process.stdin.setRawMode(true);
  process.stdin.resume();
  process.stdin.on('data', (key) => {
    const k = key.toString();
    if (k === '\u0003') {
      process.kill(process.pid, 'SIGINT'); // raw mode swallows Ctrl-C: pass it on
    } else if (k === 'o' || k === 'O') {
      down = !down;
      (down ? admin.refuse() : admin.accept()).then(
        () => say(down ? 'simulator refuses connections (press o to bring it back)' : 'simulator accepts connections again'),
        (err) => say(`outage toggle failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  });
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // The harness's own handler ends every process group it started (SIGTERM, grace, SIGKILL) and exits.
  process.on(sig, () => {
    if (!stopping) say(`${sig}: stopping everything the demo started (the simulator saves its objects)…`);
    stopping = true;
  });
}
// `npm run demo` killed with SIGTERM: npm passes it to its `sh -c`, which dies without passing it on, and this process
// is re-parented. Node has no event for that; check the parent once a second (as the sidecar's ParentWatcher does).
const parentPid = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid !== parentPid) {
    clearInterval(parentWatch);
    say(`parent process ${parentPid} is gone`);
    process.kill(process.pid, 'SIGTERM');
  }
}, 1000);
parentWatch.unref();
process.on('exit', (code) => {
  if (stopping) console.log(`[demo] stopped (exit ${code}); kept: ${path.relative(root, demoDir)}/ (--fresh forgets it)`);
});

// ------------------------------------------------------------------ start
const header = [
  'Kubelink demo kubeconfig, written by scripts/demo.mjs at each start (edits are lost at the next start).',
  `${h.ADMIN_CONTEXT}: cluster-admin on the simulator (client certificate)`,
  `${h.RESTRICTED_CONTEXT}: view in team-a and team-b only (bearer token)`,
  `${h.BROKEN_CONTEXT}: deliberately broken: its exec plugin ${h.MISSING_EXEC_PLUGIN} is not on PATH`,
].join('\n');

async function startSimulator() {
  const sim = await h.startSimulator({
    name: 'demo',
    namespaces: opts.namespaces,
    nodes: opts.nodes,
    podsPerNamespace: opts.podsPerNamespace,
    stateFile,
    logFile: path.join(demoDir, 'simulator.log'),
    kubeconfigDir: simulatorDir,
    aws: true,
  });
  h.writeKubeconfig(kubeconfig, h.demoKubeconfig(sim), header);
  say(`simulator ${sim.url} ready in ${(sim.startMs / 1000).toFixed(1)} s (${restored ? 'objects restored from' : 'fresh cluster, saved at stop to'} ${path.relative(root, stateFile)}); AWS ${sim.aws.endpoint}`);
  return sim;
}

/**
 * The simulated cluster and the simulator's EKS cluster, made through a short-lived sidecar's RPC into Kubelink's state
 * folder (tests/e2e/harness/demoSeed.ts) before the editor's sidecar starts. EKS is connected again at every start:
 * the simulator's port, and so the cluster's endpoint, is new each time.
 */
async function seedClusters(sim) {
  const started = Date.now();
  const logFile = path.join(demoDir, 'seed-sidecar.log');
  const seed = await h.seedDemoClusters({ stateDir: kubelinkState, kubeconfig, aws: sim.aws, simulatedName: SIMULATED_NAME, logFile }).catch((err) => {
    // The kubeconfig part of the demo still works: say what is missing and go on.
    say(`WARNING: the simulated and EKS clusters could not be set up (${err instanceof Error ? err.message : String(err)}); the demo goes on without them`);
    return undefined;
  });
  if (!seed) return undefined;
  const names = seed.simulated.map((c) => c.name).join(', ');
  say(`simulated cluster${seed.simulated.length > 1 ? 's' : ''} ${names} ready (${seed.created ? 'created' : 'kept from the last run'}), EKS ${seed.eks.name} connected with profile ${h.SIM_AWS_PROFILE}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return seed;
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, command);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Resolves when either process dies on its own: the demo is then over. */
function whenAnyExits(...procs) {
  return Promise.race(procs.map((p) => p.exited));
}

if (opts.desktop) {
  const { buildVsix } = await import('./package.mjs');
  const { file } = await buildVsix();
  const sim = await startSimulator();
  const code = onPath('code');
  say('');
  if (code) {
    say(`installing ${path.relative(root, file)} into VS Code: code --install-extension --force`);
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(code, ['--install-extension', file, '--force'], { stdio: 'inherit' });
    if (r.status !== 0) say(`code --install-extension failed (exit ${r.status ?? r.signal}); install ${file} by hand (below)`);
  } else {
    say('`code` is not on PATH: install the VSIX by hand —');
    say(`  VS Code → Extensions view → ⋯ → Install from VSIX… → ${file}`);
    say(`  or, where \`code\` exists: code --install-extension ${file}`);
  }
  console.log(`
Kubelink demo (desktop) — the simulator keeps running until Ctrl-C.

  kubeconfig:  ${kubeconfig}
  simulator:   ${sim.url}   (log: ${path.relative(root, sim.logFile)})

Point Kubelink at the demo kubeconfig, either way:
  - start VS Code from a shell:  KUBECONFIG=${kubeconfig} code
  - or in VS Code: "Kubelink: Add Kubeconfig File or Folder" → ${kubeconfig}
    (it goes into the setting kubelink.kubeconfig.syncPaths)
The packaged sidecar is framework-dependent: it needs \`dotnet\` with the .NET 10 ASP.NET Core runtime on PATH.
kubectl works too:  KUBECONFIG=${kubeconfig} kubectl get pods -A
`);
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const why = await whenAnyExits(sim);
  if (!stopping) fail(`${why}; log: ${sim.logFile}`);
} else {
  // Simulator and code-server start side by side; the extension host only starts when a browser connects,
  // by which time the kubeconfig is written.
  const [{ sim, seed }, server] = await Promise.all([
    startSimulator().then(async (sim) => ({ sim, seed: await seedClusters(sim) })),
    h.startCodeServer({
      name: 'demo',
      port: opts.port,
      extensions: [root],
      workspaceFolder: workspace,
      env: { KUBECONFIG: kubeconfig, KUBELINK_STATE_DIR: kubelinkState, ...awsEnv },
      settings: { 'workbench.startupEditor': 'none', 'files.autoSave': 'afterDelay' },
    }),
  ]).catch(async (err) => {
    await h.endAllGroups();
    fail(err instanceof Error ? err.message : String(err));
  });
  const commands = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes?.commands ?? [];
  console.log(`
Kubelink demo — open this in a browser (on this machine; from elsewhere: ssh -L ${new URL(server.url).port}:127.0.0.1:${new URL(server.url).port} …):

    ${server.workbenchUrl}

  kubeconfig:  ${kubeconfig}   (KUBECONFIG of that VS Code and its terminals)
  simulator:   ${sim.url}, ${opts.namespaces} namespaces + team-a/team-b, ${opts.nodes} nodes, ${opts.podsPerNamespace} pods each
  logs:        simulator ${path.relative(root, sim.logFile)}; VS Code's under ${server.userDataDir}/logs

What to try:
  1. Click the Kubelink icon in the activity bar: the Clusters view lists ${h.ADMIN_CONTEXT}, ${h.RESTRICTED_CONTEXT}
     and ${h.BROKEN_CONTEXT} with a warning icon — hover it for the reason (exec plugin not on PATH).
  2. The status bar shows the Kubelink sidecar running; click it (or "Kubelink: Show Log") for its log.
  3. Open kubeconfig.yaml in the Explorer and copy a context under a new name (or delete one): the Clusters view
     follows the file without a click.
  4. Click ${h.ADMIN_CONTEXT} to connect: the stage log unfolds under it and ends in ready; the status bar shows the
     cluster. Expand Resources → core → Pod: the rows follow the cluster live; right-click one → Open YAML.
  5. Open a terminal (Ctrl+\`) and run kubectl against the simulator:  kubectl get pods -A
     kubectl --context ${h.RESTRICTED_CONTEXT} get pods -n team-b   (allowed)
     kubectl --context ${h.RESTRICTED_CONTEXT} get pods -n ns-0000  (forbidden: RBAC)
     kubectl run demo --image=nginx -n team-a   (the Pod view shows it without a click)
  6. ${interactive ? 'Press o here to cut the simulator off (it refuses connections) and o again to bring it back: one\n     "Lost connection" notification, the status bar counting attempts, rows marked (stale), then "Reconnected" by itself.' : 'Outages: run the demo in a terminal and press o to cut the simulator off and o again to bring it back.'}
  7. GraphQL: with ${h.ADMIN_CONTEXT} connected, right-click it → "Open GraphQL for Cluster". VS Code asks once before
     opening https://kubelink.localhost:PORT/graphql/… (Open); the browser warns once about Kubelink's own loopback
     certificate (Advanced → Proceed). GraphiQL runs  { v1 { Pods(namespace: "team-a") { items { metadata { name } } } } }
     and  subscription { v1_pods(namespace: "team-a") { type object { metadata { name } } } }  (then kubectl run … -n team-a).
     "Register Cluster for GraphQL…" writes a ClusterAccess (first: kubectl apply -f deploy/crd-clusteraccess.yaml).
  8. Simulated clusters (group "Simulated clusters"): ${seed?.simulated.map((c) => c.name).join(', ') ?? '(none: see the warning above)'} is a tenant of a main cluster
     inside the sidecar, with its own endpoint; click it to connect (Resources → core → Node / Pod). Palette →
     "Kubelink: Create Simulated Cluster…" makes another (creating → ready); "Kubelink: Delete Simulated Cluster".
     kubectl --kubeconfig ${seed?.simulated[0] ? path.relative(root, seed.simulated[0].kubeconfig) : '<state>/simulated/clusters/NAME/kubeconfig'} get nodes,pods
  9. Amazon EKS (group "Amazon EKS · profile ${h.SIM_AWS_PROFILE} · ${h.SIM_EKS_REGION}"): the simulator's EKS cluster ${h.SIM_EKS_CLUSTER}; click
     to connect with a token made in-process (no aws binary). "Kubelink: Add EKS Clusters…" → profile ${h.SIM_AWS_PROFILE}
     → ${h.SIM_EKS_REGION} lists it beside one still CREATING. AWS_CONFIG_FILE in the terminals points at the profiles.
 10. Palette (F1): ${commands.map((c) => `"${c.category ? c.category + ': ' : ''}${c.title}"`).join(', ')}.

Ctrl-C stops the simulator (objects kept in ${path.relative(root, stateFile)}) and code-server.`);
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (code-server answered HTTP in ${(server.startMs / 1000).toFixed(1)} s)`);
  if (interactive) outageKey(h.simulatorAdmin(sim.kubeconfigDir));
  const why = await whenAnyExits(sim, server);
  if (!stopping) {
    await h.endAllGroups();
    fail(`${why}; logs: ${sim.logFile}, ${server.serverLog}`);
  }
}
