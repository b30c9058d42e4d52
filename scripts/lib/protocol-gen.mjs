// Turns the contract printed by `kubelink-sidecar contract` into extension/src/protocol/ (and docs/protocol.md).
// The C# records are the source; this file is the only way the TypeScript side learns their shapes,
// and tests/extension/protocolDrift.test.mjs fails when a committed file differs from a fresh run.

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

/** The names among `names` that `text` mentions as whole words, sorted (what a generated file must import). */
function mentioned(names, text) {
  return names.filter((n) => new RegExp(`\\b${n}\\b`).test(text)).sort();
}

/** @param {string[]} lines */
const finish = (lines) => lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';

/**
 * The TypeScript side of the contract, one file per concern under extension/src/protocol/ (codes and enums, message
 * shapes, methods) and an index that re-exports them, so `import … from '../protocol'` sees one module.
 * @param {any} contract the parsed JSON @returns {Record<string, string>} file name → TypeScript source
 */
export function generateProtocol(contract) {
  const codes = [header];
  codes.push(`/** The protocol version this extension speaks; the sidecar must answer the same in \`initialize\`. */`);
  codes.push(`export const protocolVersion = ${contract.protocolVersion};\n`);
  codes.push(`/** Error codes on the wire. Branch on these, never on message text. */`);
  codes.push(`export const ErrorCodes = {`);
  for (const code of contract.errorCodes) {
    codes.push(comment(code.doc, '  ') + `  ${code.name}: ${code.code},`);
  }
  codes.push(`} as const;\n`);
  for (const e of contract.enums) {
    codes.push(comment(e.doc) + `export type ${e.name} = ${e.values.map((v) => `'${v}'`).join(' | ')};\n`);
  }

  const shapes = [];
  for (const type of contract.types) {
    shapes.push(comment(type.doc) + `export interface ${type.name} {`);
    for (const field of type.fields) {
      if (field.spread) {
        // [JsonExtensionData] on the C# side: extra fields sit beside the named ones.
        shapes.push(comment(field.doc, '  ') + `  [${field.name}: string]: unknown;`);
        continue;
      }
      const nullable = field.nullable ? ' | null' : '';
      shapes.push(comment(field.doc, '  ') + `  ${field.name}${field.optional ? '?' : ''}: ${field.type}${nullable};`);
    }
    shapes.push(`}\n`);
  }
  const shapeFields = contract.types.flatMap((t) => t.fields.map((f) => f.type)).join(' ');
  const enumImports = mentioned(contract.enums.map((e) => e.name), shapeFields);
  const types = [header, ...(enumImports.length ? [`import type { ${enumImports.join(', ')} } from './codes';\n`] : []), ...shapes];

  const methodLines = [];
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
    methodLines.push(comment(doc) + `export const ${m.identifier}${suffix} = ${value};\n`);
  }
  methodLines.push(`/** Every method of the contract, by wire name. */`);
  methodLines.push(`export const allMethods = [${contract.methods.map((m) => `'${m.name}'`).join(', ')}] as const;`);
  const signatures = contract.methods.map((m) => `${m.params ?? ''} ${m.result ?? ''}`).join(' ');
  const typeImports = mentioned(contract.types.map((t) => t.name), signatures);
  const methods = [
    header,
    `import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';`,
    ...(typeImports.length ? [`import type { ${typeImports.join(', ')} } from './types';\n`] : ['']),
    ...methodLines,
  ];

  const index = [header, `export * from './codes';`, `export type * from './types';`, `export * from './methods';`];
  return { 'index.ts': finish(index), 'codes.ts': finish(codes), 'types.ts': finish(types), 'methods.ts': finish(methods) };
}

/** @param {any} contract @returns {string} docs/protocol.md */
export function generateProtocolDoc(contract) {
  const out = [];
  out.push('# The Kubelink protocol');
  out.push('');
  out.push('<!-- GENERATED by scripts/gen-protocol.mjs from `kubelink-sidecar contract`; a test fails when it drifts. Edit the C# contract, then `npm run gen:protocol`. -->');
  out.push('');
  out.push(`JSON-RPC 2.0 over the sidecar's stdin/stdout with LSP framing (\`Content-Length\` headers). Protocol version **${contract.protocolVersion}**.`);
  out.push('The extension sends `initialize` first; a version mismatch fails with `ProtocolMismatch` and the extension shows the message with a next step.');
  out.push('Fields are camelCase; enums are camelCase strings; a field marked optional may be absent; `| null` means the value may be null.');
  out.push('Errors carry a code from the table below and a message that names the cause and the next step.');
  out.push('');
  out.push('## Methods');
  out.push('');
  out.push('| method | kind | direction | params | result | what it does |');
  out.push('| --- | --- | --- | --- | --- | --- |');
  for (const m of contract.methods) {
    const doc = (m.doc ?? '').replace(/\n/g, ' ').replace(/\|/g, '\\|');
    out.push(`| \`${m.name}\` | ${m.kind} | ${arrow[m.direction]} | ${m.params ? `[${m.params}](#${m.params.toLowerCase()})` : '—'} | ${m.result ? `[${m.result}](#${m.result.toLowerCase()})` : m.kind === 'request' ? '`null`' : '—'} | ${doc} |`);
  }
  out.push('');
  out.push('## Types');
  for (const t of contract.types) {
    out.push('');
    out.push(`### ${t.name}`);
    out.push('');
    if (t.doc) out.push(t.doc.replace(/\n/g, ' ') + '\n');
    out.push('| field | type | notes |');
    out.push('| --- | --- | --- |');
    for (const f of t.fields) {
      const notes = [f.optional ? 'optional' : '', f.nullable ? 'nullable' : '', (f.doc ?? '').replace(/\n/g, ' ')].filter(Boolean).join('; ').replace(/\|/g, '\\|');
      if (f.spread) {
        out.push(`| \`...${f.name}\` | \`unknown\` | spread: ${(f.doc ?? '').replace(/\n/g, ' ').replace(/\|/g, '\\|')} |`);
        continue;
      }
      out.push(`| \`${f.name}\` | \`${f.type.replace(/\|/g, '\\|')}\` | ${notes} |`);
    }
  }
  out.push('');
  out.push('## Enums');
  for (const e of contract.enums) {
    out.push('');
    out.push(`### ${e.name}`);
    out.push('');
    if (e.doc) out.push(e.doc.replace(/\n/g, ' ') + '\n');
    out.push(e.values.map((v) => `\`${v}\``).join(', '));
  }
  out.push('');
  out.push('## Error codes');
  out.push('');
  out.push('| code | name | meaning |');
  out.push('| --- | --- | --- |');
  for (const c of contract.errorCodes) out.push(`| ${c.code} | ${c.name} | ${(c.doc ?? '').replace(/\n/g, ' ')} |`);
  return out.join('\n') + '\n';
}
