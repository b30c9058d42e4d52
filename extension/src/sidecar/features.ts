/**
 * Names in `initialize`'s `capabilities.features` (the C# side declares them in `SidecarFeatures`). A cluster source
 * adds `source.` and its kind, e.g. `source.eks`; each becomes the context key `kubelink.feature.<name>`.
 */
export const SidecarFeature = {
  clusterChanged: 'clusterChanged',
  graphql: 'graphql',
} as const;

/**
 * What a session says about itself: its `initialize` answer, when it has one (test fakes may not). `features` is
 * optional here although the contract requires it: a sidecar older than the list does not send it.
 */
export interface FeatureSource {
  readonly info?: { readonly capabilities: { readonly features?: readonly string[] } };
}

/** Whether the sidecar of `session` has the feature; an older sidecar without the list has none. */
export function hasFeature(session: FeatureSource | undefined, name: string): boolean {
  return session?.info?.capabilities.features?.includes(name) ?? false;
}

/** The context key a `when` clause uses for a feature. */
export function featureContextKey(name: string): string {
  return `kubelink.feature.${name}`;
}

/**
 * The context-key updates that take the editor from the features of one session to those of the next: every new one
 * set, every one gone cleared (a downgraded or stopped sidecar must hide what it can no longer answer).
 */
export function featureKeyChanges(before: readonly string[], after: readonly string[]): Array<[key: string, value: boolean]> {
  const gone = before.filter((name) => !after.includes(name)).map((name): [string, boolean] => [featureContextKey(name), false]);
  const added = after.filter((name) => !before.includes(name)).map((name): [string, boolean] => [featureContextKey(name), true]);
  return [...gone, ...added];
}

/** The features of the session a sidecar state holds; none while it is not ready. */
export function featuresOf(session: FeatureSource | undefined): readonly string[] {
  return session?.info?.capabilities.features ?? [];
}
