import type { CatalogEntry, EksClusterSummary, EksCredentials } from '../protocol';
import { format, strings, type Translate } from '../strings';

/**
 * The Amazon EKS pieces of the UI as pure functions (no VS Code), so the QuickPick rows, the tree's descriptions and
 * the SSO login command are unit-tested: what the sidecar reports (status, version, created) in a few words.
 */

/** How the user chose to authenticate in Add EKS Clusters…; typed keys never leave SecretStorage but for a call. */
export type CredentialChoice =
  | { readonly kind: 'profile'; readonly profile: string }
  | { readonly kind: 'default' }
  | { readonly kind: 'keys'; readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };

export function credentialsOf(choice: CredentialChoice): EksCredentials {
  switch (choice.kind) {
    case 'profile':
      return { profile: choice.profile };
    case 'default':
      return {};
    case 'keys':
      return { accessKeyId: choice.accessKeyId, secretAccessKey: choice.secretAccessKey, sessionToken: choice.sessionToken ?? null };
  }
}

export interface ClusterPickRow {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly name: string;
  /** Only ACTIVE clusters can be connected; the others are listed with their status and refused with the reason. */
  readonly connectable: boolean;
}

/** One QuickPick row per cluster: ACTIVE ones first, each with status, version, endpoint and age. */
export function clusterPickRows(clusters: readonly EksClusterSummary[], now: number, t: Translate = format): ClusterPickRow[] {
  return [...clusters]
    .sort((a, b) => Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE') || a.name.localeCompare(b.name))
    .map((cluster) => {
      const connectable = cluster.status === 'ACTIVE';
      return {
        label: cluster.name,
        description: connectable ? t(strings.eksPickActive, cluster.version ?? '?') : t(strings.eksPickNotActive, cluster.status),
        detail: [cluster.endpoint ?? t(strings.eksNoEndpoint), age(cluster.createdAt, now, t)].join(' · '),
        name: cluster.name,
        connectable,
      };
    });
}

/** The tree item's description for an EKS entry: status · version · age. */
export function eksDescription(entry: CatalogEntry, now: number, t: Translate = format): string | undefined {
  const eks = entry.eks;
  if (!eks) {
    return undefined;
  }
  return [eks.status, eks.version === null ? undefined : `v${eks.version}`, age(eks.createdAt, now, t)].filter((part) => part !== undefined).join(' · ');
}

/** `aws sso login --profile NAME`, the name quoted for a POSIX shell or PowerShell (single quotes doubled/escaped). */
export function ssoLoginCommand(profile: string, windows: boolean): string {
  const quoted = windows ? `'${profile.replaceAll("'", "''")}'` : `'${profile.replaceAll("'", "'\\''")}'`;
  return `aws sso login --profile ${quoted}`;
}

/** Profile names in the text of `~/.aws/config` (`[profile X]`, `[default]`) or `~/.aws/credentials` (`[X]`). */
export function profileNames(configText: string, credentialsText: string): string[] {
  const names = new Set<string>();
  for (const [text, isConfig] of [
    [configText, true],
    [credentialsText, false],
  ] as const) {
    for (const match of text.matchAll(/^\s*\[([^\]]+)\]\s*$/gm)) {
      const section = (match[1] ?? '').trim();
      if (isConfig) {
        if (section === 'default') {
          names.add(section);
        } else if (section.startsWith('profile ')) {
          names.add(section.slice('profile '.length).trim());
        }
      } else {
        names.add(section);
      }
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** Regions offered first in the region QuickPick (any other can be typed). */
export const commonRegions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1', 'eu-north-1', 'ap-south-1', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'sa-east-1'];

function age(createdAt: string | null, now: number, t: Translate): string | undefined {
  if (createdAt === null) {
    return undefined;
  }
  const ms = now - Date.parse(createdAt);
  if (!Number.isFinite(ms)) {
    return undefined;
  }
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor(ms / 3_600_000);
  return days >= 1 ? t(strings.eksAgeDays, String(days)) : hours >= 1 ? t(strings.eksAgeHours, String(hours)) : t(strings.eksAgeMinutes, String(Math.max(0, Math.floor(ms / 60_000))));
}
