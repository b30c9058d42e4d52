// A skip is never a pass (issue 11 item 9): `npm run e2e` reads its TAP report back with this and fails on any skip.

/** The names of the skipped tests in a TAP report (`ok 3 - name # SKIP reason`, at any nesting). */
export function skippedTests(tap) {
  return tap
    .split('\n')
    .filter((line) => /^\s*ok \d+ - .* # SKIP\b/i.test(line))
    .map((line) => line.trim().replace(/^ok \d+ - /, ''));
}
