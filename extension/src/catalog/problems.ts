import type { KubeconfigProblem } from '../protocol';
import type { StringKey } from '../strings';

/**
 * A few words per kubeconfig problem, for the tree item's description; the sidecar's full message (cause and next
 * step) goes in the tooltip. Keyed by the generated union, so a new problem on the C# side fails the type check here.
 */
export const problemLabels: Record<KubeconfigProblem, StringKey> = {
  unreadableFile: 'problemUnreadableFile',
  fileTooLarge: 'problemFileTooLarge',
  notText: 'problemNotText',
  yamlSyntax: 'problemYamlSyntax',
  notAKubeconfig: 'problemNotAKubeconfig',
  missingCluster: 'problemMissingCluster',
  missingUser: 'problemMissingUser',
  missingServer: 'problemMissingServer',
  invalidServerUrl: 'problemInvalidServerUrl',
  unreadableCredentialFile: 'problemUnreadableCredentialFile',
  invalidBase64: 'problemInvalidBase64',
  unknownAuthProvider: 'problemUnknownAuthProvider',
  execCommandNotFound: 'problemExecCommandNotFound',
  clusterAccessUnresolved: 'problemClusterAccessUnresolved',
  eksUnavailable: 'problemEksUnavailable',
};
