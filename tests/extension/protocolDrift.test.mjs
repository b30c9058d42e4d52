// The contract is declared once per side: C# records in server/Kubelink.Protocol, and extension/src/protocol.ts.
// protocol.ts is generated from the sidecar's `contract` verb; this test regenerates it from the real built sidecar
// and fails when the committed file differs, so a field removed on either side without the other breaks the build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateProtocol, generateProtocolDoc } from '../../scripts/lib/protocol-gen.mjs';
import { readContract, repoRoot } from '../../scripts/lib/sidecar-build.mjs';

test('protocol.ts matches the contract printed by the real sidecar', () => {
  const committed = readFileSync(join(repoRoot, 'extension', 'src', 'protocol.ts'), 'utf8');
  const fresh = generateProtocol(readContract());
  assert.equal(committed, fresh, 'extension/src/protocol.ts drifted from the C# contract: run `npm run gen:protocol` and review the diff');
});

test('docs/protocol.md matches the contract (the protocol page stays true)', () => {
  const committed = readFileSync(join(repoRoot, 'docs', 'protocol.md'), 'utf8');
  assert.equal(committed, generateProtocolDoc(readContract()), 'docs/protocol.md drifted: run `npm run gen:protocol`');
});

test('the generator renders a removed field as a different file (the check can fail)', () => {
  const contract = readContract();
  const edited = structuredClone(contract);
  const init = edited.types.find((t) => t.name === 'InitializeParams');
  init.fields = init.fields.filter((f) => f.name !== 'clientVersion');
  assert.notEqual(generateProtocol(edited), generateProtocol(contract));
  assert.doesNotMatch(generateProtocol(edited), /clientVersion/);
});
