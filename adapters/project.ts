// The two things every layer may need and that depend on nothing: where the
// project is, and the error whose message is already the one line a user
// should see. A leaf module, so that no lower layer (adapters, the store,
// the spec run) imports the CLI or the testsuite locator to get them.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An error whose message is already the one line a user should see (exit status 2). */
export class UserError extends Error {
  override name = 'UserError';
}

/** The project root: the folder holding package.json (works from sources and from dist/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('wasmdiff: cannot find the project root (no package.json above the code)');
    dir = parent;
  }
  return dir;
}
