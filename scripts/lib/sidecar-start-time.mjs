#!/usr/bin/env node
// Measures a sidecar build from process start to the `initialize` answer (JSON-RPC over stdio, LSP framing),
// the figure docs/decisions/0005-sidecar-packaging.md is based on.
//
//   node scripts/lib/sidecar-start-time.mjs [--rounds N] <label>=<path to kubelink-sidecar or kubelink-sidecar.dll> ...
//
// A .dll runs under `dotnet`; anything else is executed directly (the apphost). Each round starts a fresh
// process with an isolated HOME, an empty KUBECONFIG and its own state folder, waits for the answer, then
// sends shutdown + exit. Prints min / median / max per build and the published folder's size.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Start `file`, send initialize, resolve with milliseconds from spawn to the answer. */
export async function timeInitialize(file, { protocolVersion = 1 } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-start-'));
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home);
  const kubeconfig = path.join(tmp, 'kubeconfig');
  fs.writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  const [command, args] = file.endsWith('.dll') ? ['dotnet', [file]] : [file, []];
  const started = process.hrtime.bigint();
  const child = spawn(command, args, {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: {
      ...process.env,
      HOME: home,
      KUBECONFIG: kubeconfig,
      KUBELINK_STATE_DIR: path.join(tmp, 'state'),
      KUBELINK_LOG_LEVEL: 'Warning',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_NOLOGO: '1',
    },
  });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  try {
    const answer = await new Promise((resolve, reject) => {
      let buffer = Buffer.alloc(0);
      child.on('error', reject);
      child.on('exit', (code, signal) => reject(new Error(`${file} exited (${code ?? signal}) before answering initialize`)));
      child.stdout.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const headerEnd = buffer.indexOf('\r\n\r\n');
          if (headerEnd < 0) return;
          const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
          if (buffer.length < headerEnd + 4 + length) return;
          const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
          buffer = buffer.subarray(headerEnd + 4 + length);
          if (message.id === 1) {
            if (message.error) reject(new Error(`initialize failed: ${JSON.stringify(message.error)}`));
            else resolve(Number(process.hrtime.bigint() - started) / 1e6);
          }
        }
      });
      send({ id: 1, method: 'initialize', params: { clientName: 'kubelink-start-time', clientVersion: '0', protocolVersion } });
    });
    send({ id: 2, method: 'shutdown' });
    send({ method: 'exit' });
    child.stdin.end();
    await new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', resolve);
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
    return answer;
  } finally {
    child.removeAllListeners('exit');
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Bytes of every regular file below `dir`. */
export function folderBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  let rounds = 10;
  const builds = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') rounds = Number(argv[++i]);
    else {
      const eq = argv[i].indexOf('=');
      builds.push(eq > 0 ? { label: argv[i].slice(0, eq), file: path.resolve(argv[i].slice(eq + 1)) } : { label: argv[i], file: path.resolve(argv[i]) });
    }
  }
  if (builds.length === 0) {
    console.error('usage: node scripts/lib/sidecar-start-time.mjs [--rounds N] <label>=<kubelink-sidecar[.dll]> ...');
    process.exit(2);
  }
  const results = new Map(builds.map((b) => [b.label, []]));
  // Interleave the builds round by round so that machine load hits them alike; one warm-up each first.
  for (const b of builds) await timeInitialize(b.file);
  for (let round = 0; round < rounds; round++) {
    for (const b of builds) results.get(b.label).push(await timeInitialize(b.file));
  }
  console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${os.cpus().length} cores; ${rounds} rounds`);
  console.log('| build | folder size | start → initialize answer: min / median / max |');
  console.log('| --- | --- | --- |');
  for (const b of builds) {
    const ms = results.get(b.label).sort((x, y) => x - y);
    const mib = (folderBytes(path.dirname(b.file)) / 1024 / 1024).toFixed(1);
    const median = ms[Math.floor(ms.length / 2)];
    console.log(`| ${b.label} | ${mib} MiB | ${ms[0].toFixed(0)} / ${median.toFixed(0)} / ${ms[ms.length - 1].toFixed(0)} ms |`);
  }
}
