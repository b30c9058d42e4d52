// The contract is declared once per side: C# records in server/Kubelink.Protocol, and extension/src/protocol/.
// The folder is generated from the sidecar's `contract` verb; this test regenerates it from the real built sidecar
// and fails when the committed file differs, so a field removed on either side without the other breaks the build.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateProtocol, generateProtocolDoc } from '../../scripts/lib/protocol-gen.mjs';
import { readContract, repoRoot } from '../../scripts/lib/sidecar-build.mjs';

const folder = join(repoRoot, 'extension', 'src', 'protocol');
const joined = (files) => Object.entries(files).map(([name, text]) => `// ${name}\n${text}`).join('\n');

test('extension/src/protocol/ matches the contract printed by the real sidecar', () => {
  const fresh = generateProtocol(readContract());
  assert.deepEqual(readdirSync(folder).sort(), Object.keys(fresh).sort(), 'extension/src/protocol/ holds other files than the generator writes');
  for (const [name, text] of Object.entries(fresh)) {
    assert.equal(readFileSync(join(folder, name), 'utf8'), text, `extension/src/protocol/${name} drifted from the C# contract: run \`npm run gen:protocol\` and review the diff`);
  }
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
  assert.notEqual(joined(generateProtocol(edited)), joined(generateProtocol(contract)));
  assert.doesNotMatch(joined(generateProtocol(edited)), /clientVersion/);
});
