// Proves the Spectral ruleset can fail: every fixture in openapi/spectral-fixtures/ breaks one rule
// on purpose and names it in its first line: `# Must FAIL openapi/.spectral.yaml: rule <rule-name> (...)`. Spectral must exit
// non-zero on each fixture AND report that rule; otherwise this script fails the build.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'openapi/spectral-fixtures';
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
if (fixtures.length === 0) {
  console.error(`no fixtures in ${dir}`);
  process.exit(1);
}
let failed = 0;
for (const fixture of fixtures) {
  const file = join(dir, fixture);
  const expected = /^#\s*Must FAIL \S+: rule (\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
  if (!expected) {
    console.error(`FAIL ${file}: first line does not name the rule ('# Must FAIL openapi/.spectral.yaml: rule <name> ...')`);
    failed++;
    continue;
  }
  let output = '';
  let exitCode = 0;
  try {
    output = execFileSync('node_modules/.bin/spectral',
      ['lint', '--quiet', '--fail-severity=warn', '--format=json', '--ruleset', 'openapi/.spectral.yaml', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    exitCode = e.status ?? -1;
    output = e.stdout ?? '';
  }
  let codes = [];
  try {
    codes = JSON.parse(output).map((r) => r.code);
  } catch {
    // spectral prints nothing parseable when it crashes; treated as a failure below
  }
  if (exitCode === 0 || !codes.includes(expected)) {
    console.error(`FAIL ${file}: expected spectral to fail with '${expected}', exit ${exitCode}, reported [${[...new Set(codes)].join(', ')}]`);
    failed++;
  } else {
    console.log(`ok   ${file}: rejected by '${expected}'`);
  }
}
console.log(`${fixtures.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
