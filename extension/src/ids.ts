/** Command ids, shared by package.json, the registrations and the pure status model (which names a click target). */
export const CommandIds = {
  showLog: 'kubelink.showLog',
  restartSidecar: 'kubelink.restartSidecar',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
