// Chart.js's browser bundle, read from node_modules when a report needs it,
// so the page is self-contained (no CDN, no network).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function chartJsSource(): string {
  if (cached === undefined) {
    // the package's exports hide dist/; its main entry sits beside the UMD bundle
    const main = createRequire(import.meta.url).resolve('chart.js');
    const source = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
    // the page has no source map to offer
    cached = source.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  }
  return cached;
}
