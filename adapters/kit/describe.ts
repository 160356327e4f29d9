// One line per outcome, for literal expectations and readable failures.
import type { InvocationOutcome, ModuleVerdict } from '../plan.js';
import { showResult } from '../values.js';

export function describeOutcome(o: InvocationOutcome): string {
  switch (o.kind) {
    case 'values':
      return `values ${o.values.map(showResult).join(' ')}`.trim();
    case 'trap':
      return `trap ${o.trap}`;
    case 'not-run':
      return 'not-run';
    default:
      return o.kind;
  }
}

export function describeVerdict(v: ModuleVerdict): string {
  return v.kind;
}
