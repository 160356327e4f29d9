// How a suite file is named in results and findings: relative to the working
// folder when inside it, so results from two checkouts agree.
import { relative } from 'node:path';

export function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
