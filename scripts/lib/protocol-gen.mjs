// Turns the contract printed by `kubelink-sidecar contract` into extension/src/protocol.ts.
// The C# records are the source; this file is the only way the TypeScript side learns their shapes,
// and tests/extension/protocolDrift.test.mjs fails when the committed protocol.ts differs from a fresh run.

const header = `// GENERATED from the sidecar's contract (\`kubelink-sidecar contract\`) by scripts/gen-protocol.mjs.
// Do not edit by hand: change the C# records in server/Kubelink.Protocol, then run \`npm run gen:protocol\`.
// A test regenerates this file and fails when it drifts from the C# side.
`;

/** @param {string | null | undefined} doc @param {string} indent */
function comment(doc, indent = '') {
  if (!doc) return '';
  const lines = doc.split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`).join('\n')}\n${indent} */\n`;
}

const arrow = { clientToServer: 'client → server', serverToClient: 'server → client' };

/** @param {any} contract the parsed JSON @returns {string} the TypeScript source */
export function generateProtocol(contract) {
  const out = [header];
  out.push(`import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';\n`);
  out.push(`/** The protocol version this extension speaks; the sidecar must answer the same in \`initialize\`. */`);
  out.push(`export const protocolVersion = ${contract.protocolVersion};\n`);

  out.push(`/** Error codes on the wire. Branch on these, never on message text. */`);
  out.push(`export const ErrorCodes = {`);
  for (const code of contract.errorCodes) {
    out.push(comment(code.doc, '  ') + `  ${code.name}: ${code.code},`);
  }
  out.push(`} as const;\n`);

  for (const e of contract.enums) {
    out.push(comment(e.doc) + `export type ${e.name} = ${e.values.map((v) => `'${v}'`).join(' | ')};\n`);
  }

  for (const type of contract.types) {
    out.push(comment(type.doc) + `export interface ${type.name} {`);
    for (const field of type.fields) {
      const nullable = field.nullable ? ' | null' : '';
      out.push(comment(field.doc, '  ') + `  ${field.name}${field.optional ? '?' : ''}: ${field.type}${nullable};`);
    }
    out.push(`}\n`);
  }

  for (const m of contract.methods) {
    const suffix = m.kind === 'request' ? 'Request' : 'Notification';
    const doc = [m.doc, `Direction: ${arrow[m.direction]}.`].filter(Boolean).join('\n');
    let value;
    if (m.kind === 'request') {
      const result = m.result ?? 'null';
      value = m.params ? `new RequestType<${m.params}, ${result}, void>('${m.name}')` : `new RequestType0<${result}, void>('${m.name}')`;
    } else {
      value = m.params ? `new NotificationType<${m.params}>('${m.name}')` : `new NotificationType0('${m.name}')`;
    }
    out.push(comment(doc) + `export const ${m.identifier}${suffix} = ${value};\n`);
  }

  out.push(`/** Every method of the contract, by wire name. */`);
  out.push(`export const allMethods = [${contract.methods.map((m) => `'${m.name}'`).join(', ')}] as const;`);
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
