#!/usr/bin/env node
// npm run gen:protocol — regenerate extension/src/protocol.ts from the C# contract.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProtocol } from './lib/protocol-gen.mjs';
import { readContract, repoRoot } from './lib/sidecar-build.mjs';

const target = join(repoRoot, 'extension', 'src', 'protocol.ts');
writeFileSync(target, generateProtocol(readContract()));
console.log(`wrote ${target}`);
