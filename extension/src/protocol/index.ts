// GENERATED from the sidecar's contract (`kubelink-sidecar contract`) by scripts/gen-protocol.mjs.
// Do not edit by hand: change the C# records in server/Kubelink.Protocol, then run `npm run gen:protocol`.
// A test regenerates this file and fails when it drifts from the C# side.

export * from './codes';
export type * from './types';
export * from './methods';
