#!/usr/bin/env node
// npm run gen:protocol — regenerate extension/src/protocol/ and docs/protocol.md from the C# contract.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProtocol, generateProtocolDoc } from './lib/protocol-gen.mjs';
import { readContract, repoRoot } from './lib/sidecar-build.mjs';

const contract = readContract();
const folder = join(repoRoot, 'extension', 'src', 'protocol');
mkdirSync(folder, { recursive: true });
const files = Object.entries(generateProtocol(contract)).map(([name, text]) => [join(folder, name), text]);
for (const [file, text] of [...files, [join(repoRoot, 'docs', 'protocol.md'), generateProtocolDoc(contract)]]) {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
