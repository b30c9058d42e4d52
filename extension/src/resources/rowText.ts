import type { ResourceColumn, ResourceRow } from '../protocol';
import { strings, type Translate } from '../strings';

/**
 * A resource row in words: the description shows the kind's key columns and the age, the tooltip every column. The
 * columns (keys and titles) come from the sidecar with each list; this module only chooses which to put first.
 */

/** The columns worth a glance in the tree, per plural resource name; others show their first few columns. */
const keyColumns: Record<string, readonly string[]> = {
  pods: ['phase', 'ready', 'restarts'],
  deployments: ['ready', 'upToDate', 'available'],
  services: ['type', 'clusterIP', 'ports'],
  nodes: ['status', 'roles', 'kubeletVersion'],
};

/** Shown elsewhere (label, grouping) or computed (age): never a "column" of the description. */
const identityKeys = new Set(['name', 'namespace', 'uid', 'createdAt']);

const fallbackColumnCount = 2;

/** A column value as text: arrays joined, empty values as nothing. */
export function cellText(value: unknown): string {
  if (Array.isArray(value)) {
    return value.map(cellText).filter((v) => v !== '').join(', ');
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** kubectl's style of age: 45s, 12m, 5h, 3d, 2y. Null when the creation time is unknown or unparseable. */
export function age(createdAt: string | null, now: number): string | null {
  const created = createdAt === null ? Number.NaN : Date.parse(createdAt);
  if (Number.isNaN(created)) {
    return null;
  }
  const seconds = Math.max(0, Math.floor((now - created) / 1000));
  if (seconds < 120) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  return days < 730 ? `${days}d` : `${Math.floor(days / 365)}y`;
}

/** The columns the description shows for `resource`, in order: its key columns, else the first non-identity ones. */
export function descriptionColumns(resource: string, columns: readonly ResourceColumn[]): ResourceColumn[] {
  const wanted = keyColumns[resource];
  const known = wanted ? wanted.flatMap((key) => columns.filter((c) => c.key === key)) : [];
  return known.length > 0 ? known : columns.filter((c) => !identityKeys.has(c.key)).slice(0, fallbackColumnCount);
}

/** `Running · 1/1 · 0 · 5d`; stale rows say so first. */
export function rowDescription(resource: string, row: ResourceRow, columns: readonly ResourceColumn[], stale: boolean, now: number, t: Translate): string {
  const parts = descriptionColumns(resource, columns).map((c) => cellText(row[c.key]));
  parts.push(age(row.createdAt, now) ?? '');
  const text = parts.filter((p) => p !== '').join(' · ');
  return stale ? markStale(text, t) : text;
}

/** `(stale) 5d`: the last known state, kept on screen while the cluster is away rather than emptied. */
export function markStale(text: string, t: Translate): string {
  return t(strings.resourceStale, text).trim();
}

/** Every column as `Title: value`, then the age with the creation time; plain text (values come from the cluster). */
export function rowTooltip(row: ResourceRow, columns: readonly ResourceColumn[], now: number, t: Translate): string {
  const lines = columns.filter((c) => c.key !== 'createdAt').map((c) => `${c.title}: ${cellText(row[c.key]) || '—'}`);
  if (!columns.some((c) => c.key === 'name')) {
    lines.unshift(`${t(strings.resourceName)}: ${row.name}`);
  }
  const rowAge = age(row.createdAt, now);
  if (rowAge !== null && row.createdAt !== null) {
    lines.push(t(strings.resourceAge, rowAge, row.createdAt));
  }
  return lines.join('\n');
}
