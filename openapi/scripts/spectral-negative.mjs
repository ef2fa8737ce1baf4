// Proves the Spectral ruleset can fail: every fixture in openapi/spectral-fixtures/ breaks one rule
// on purpose and names it in its first line: `# Must FAIL openapi/.spectral.yaml: rule <rule-name> (...)`. Spectral must
// report that rule on that fixture at a severity that fails the lint (error or warn); otherwise this script fails the build.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = 'openapi/spectral-fixtures';
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
if (fixtures.length === 0) {
  console.error(`no fixtures in ${dir}`);
  process.exit(1);
}
let failed = 0;
// one Spectral process lints every fixture (one Node start and one ruleset load instead of one per fixture); each
// result names its file (source), so every fixture is still judged on its own: it must report the rule it names at
// a severity that fails the build on its own (error or warn, as --fail-severity=warn)
const files = fixtures.map((f) => join(dir, f));
let output = '';
let exitCode = 0;
try {
  output = execFileSync('node_modules/.bin/spectral',
    ['lint', '--quiet', '--fail-severity=warn', '--format=json', '--ruleset', 'openapi/.spectral.yaml', ...files],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
} catch (e) {
  exitCode = e.status ?? -1;
  output = e.stdout ?? '';
}
let results = [];
try {
  results = JSON.parse(output);
} catch {
  // spectral prints nothing parseable when it crashes; every fixture fails below
}
if (exitCode === 0) {
  console.error(`FAIL: spectral exited 0 on ${files.length} fixtures that each break a rule`);
  failed++;
}
for (const file of files) {
  const expected = /^#\s*Must FAIL \S+: rule (\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
  if (!expected) {
    console.error(`FAIL ${file}: first line does not name the rule ('# Must FAIL openapi/.spectral.yaml: rule <name> ...')`);
    failed++;
    continue;
  }
  const own = results.filter((r) => resolve(r.source ?? '') === resolve(file));
  const codes = own.map((r) => r.code);
  const failing = own.some((r) => r.code === expected && r.severity <= 1); // 0 error, 1 warn
  if (!failing) {
    console.error(`FAIL ${file}: expected spectral to fail with '${expected}' (error or warn), reported [${[...new Set(codes)].join(', ')}]`);
    failed++;
  } else {
    console.log(`ok   ${file}: rejected by '${expected}'`);
  }
}
console.log(`${fixtures.length - Math.min(failed, fixtures.length)} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
