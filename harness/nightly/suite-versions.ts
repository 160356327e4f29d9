// Which official testsuites the nightly's spec stage rotates through
// (`--suite`). 3.0 is the default because every runtime under test now
// enables 3.0 by default; a 2.0 script is still judged by 2.0 rules
// (harness/conformance/run-suite.ts), so `3.0,2.0` adds what 3.0 changed.
import { UserError } from '../cli/run.js';
import type { SuiteVersion } from '../testsuite.js';

export const DEFAULT_SUITES = '3.0';

/** The suite folders of a `--suite` value, in the order given, each once. */
export function suiteVersions(text: string): SuiteVersion[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UserError('nightly: --suite needs 3.0, 2.0 or both (3.0,2.0)');
  const versions = names.map((v): SuiteVersion => {
    if (v === '2.0' || v === '3.0') return `wasm-${v}`;
    throw new UserError(`nightly: --suite takes 3.0, 2.0 or both (3.0,2.0), got ${v}`);
  });
  return [...new Set(versions)];
}
