import * as vscode from 'vscode';
import type { Event } from '../sidecar/events';
import { featureKeyChanges, featuresOf, type FeatureSource } from '../sidecar/features';
import type { SidecarState } from '../sidecar/state';

export interface FeatureSidecar {
  readonly state: SidecarState;
  readonly onDidChangeState: Event<SidecarState>;
  readonly session: FeatureSource | undefined;
}

/**
 * Keeps one context key per sidecar feature (`kubelink.feature.graphql`, `kubelink.feature.source.eks`) in step with
 * the running session, so package.json's `when` and `enablement` clauses show a source's commands only when the
 * sidecar can answer them. Keys are cleared while no session is ready.
 */
export function createFeatureContext(sidecar: FeatureSidecar): vscode.Disposable {
  let current: readonly string[] = [];
  const follow = (state: SidecarState): void => {
    const next = state.kind === 'ready' ? featuresOf(sidecar.session) : [];
    for (const [key, value] of featureKeyChanges(current, next)) {
      void vscode.commands.executeCommand('setContext', key, value);
    }
    current = next;
  };
  follow(sidecar.state);
  return sidecar.onDidChangeState(follow);
}
