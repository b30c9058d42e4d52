// A skip is never a pass (issue 11 item 9): `npm run e2e` once exited 0 with "pass 8" while five suites had skipped
// themselves ("extension not built"). Now it builds what the tests need and fails on any skip in its TAP report; and
// no e2e test skips itself for a missing build.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { skippedTests } from '../../scripts/e2e/skips.mjs';
import { repoRoot } from '../../scripts/lib/sidecar-build.mjs';

test('skipped tests are found in a TAP report, nested or not', () => {
  const tap = [
    'TAP version 13',
    '# Subtest: Clusters view',
    '    ok 1 - lists the contexts # SKIP extension not built (npm run build:ext)',
    '    ok 2 - connects',
    'ok 1 - Clusters view # SKIP extension not built',
    'not ok 2 - health',
    '# pass 1',
    '# skipped 2',
  ].join('\n');

  assert.deepEqual(skippedTests(tap), ['lists the contexts # SKIP extension not built (npm run build:ext)', 'Clusters view # SKIP extension not built']);
  assert.deepEqual(skippedTests('TAP version 13\nok 1 - a\n# skipped 0\n'), []);
});

test('no e2e test skips itself because a build is missing (npm run e2e builds it)', () => {
  const dir = join(repoRoot, 'tests', 'e2e');
  const offenders = readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => /skip[^\n]*not built|kubelinkBuildMissing/.test(readFileSync(join(dir, file), 'utf8')));
  assert.deepEqual(offenders, []);
});
