// The two pure tree models share their view types through clusters/treeViews.ts and no longer import each other
// both ways (the cycle issue 12 names): clusterTreeModel must not import catalogTreeModel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findRepoRoot } from '../support/repoRoot';

const src = join(findRepoRoot(__dirname), 'extension', 'src');
const importsOf = (file: string): string[] => [...readFileSync(join(src, file), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1] ?? '');

test('clusterTreeModel and treeViews import nothing from the catalog tree model', () => {
  assert.ok(importsOf('catalog/catalogTreeModel.ts').includes('../clusters/clusterTreeModel'));
  assert.equal(importsOf('clusters/clusterTreeModel.ts').some((i) => i.includes('catalogTreeModel')), false);
  assert.equal(importsOf('clusters/treeViews.ts').some((i) => i.includes('TreeModel')), false);
});
