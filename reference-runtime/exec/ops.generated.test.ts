// The generated files are what gen-ops.ts makes of ops.ts today: a row edited
// without running the generator (or a generated file edited by hand) fails here.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from './gen-ops.js';

describe('the files generated from ops.ts', () => {
  it.each([...generate()].map(([path, text]) => [relative(process.cwd(), path), path, text] as const))(
    '%s is current (else run: npx tsx reference-runtime/exec/gen-ops.ts)',
    (_name, path, text) => {
      expect(readFileSync(path, 'utf8') === text).toBe(true);
    },
  );
});
