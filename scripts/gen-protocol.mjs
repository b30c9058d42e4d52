#!/usr/bin/env node
// npm run gen:protocol — regenerate extension/src/protocol.ts and docs/protocol.md from the C# contract.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProtocol, generateProtocolDoc } from './lib/protocol-gen.mjs';
import { readContract, repoRoot } from './lib/sidecar-build.mjs';

const contract = readContract();
for (const [file, text] of [
  [join(repoRoot, 'extension', 'src', 'protocol.ts'), generateProtocol(contract)],
  [join(repoRoot, 'docs', 'protocol.md'), generateProtocolDoc(contract)],
]) {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
