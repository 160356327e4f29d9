// A finding as the issue a runtime maintainer wants to receive (what
// Wasmtime's fuzzing guide and the WAMR and WasmEdge trackers ask for): a
// title; the runtime, exact version, flags and platform; the minimal module
// as WAT, inline; expected vs actual, and why the expected is right (the
// spec section) and what the other runtimes do; one command per runtime to
// reproduce it; how often it was seen. `wasmdiff show ID --markdown` prints
// it, and the HTML report carries it under each cause.
import type { ExampleRecord, FindingRecord, HostInfo, RuntimeRecord } from '../store/store.js';
import { familyName } from './family.js';
import { specReference } from './spec-reference.js';
import { invocationText, type StoredInvocation } from '../conformance/repro.js';

export interface IssueInput {
  finding: FindingRecord;
  examples: readonly ExampleRecord[];
  /** every runtime (name, engine, version) the store knows */
  runtimes: readonly RuntimeRecord[];
  /** the machine of the run that last saw it */
  host?: HostInfo;
}

interface Details {
  at?: string;
  command?: string;
  expected?: unknown;
  oracle?: string;
  actual?: Record<string, unknown>;
  others?: Record<string, string>;
  invocations?: StoredInvocation[];
  message?: string;
}

const KIND_TITLES: Record<string, string> = {
  'wrong-result': 'wrong result',
  'wrong-state': 'wrong final state',
  'missing-trap': 'missing trap',
  'unexpected-trap': 'unexpected trap',
  'wrong-trap': 'wrong trap',
  'accepts-invalid': 'accepts a module the spec rejects',
  'rejects-valid': 'rejects a valid module',
  verdict: 'rejects a module at the wrong stage',
  crash: 'crash',
  timeout: 'hang',
  exhaustion: 'resource exhaustion far below any limit',
  misclassified: 'malformed/invalid confusion (note)',
  'unclassified-trap': 'trap with an unclassified message (note)',
};

const OPERANDS: Record<string, string> = { snan: 'signalling NaN operands', nan: 'NaN operands', zero: '±0 operands', boundary: 'boundary operands' };

export function issueTitle(f: FindingRecord): string {
  const family = familyName(f.family ?? f.runtimes[0] ?? 'runtime');
  const operands = OPERANDS[f.operandClass ?? ''];
  return `${family}: ${KIND_TITLES[f.kind] ?? f.kind} in \`${f.culprit ?? f.kind}\`${operands ? ` with ${operands}` : ''}`;
}

export function issueMarkdown(x: IssueInput): string {
  const f = x.finding;
  const example = x.examples[0];
  const d = ((example?.details ?? f.details) ?? {}) as Details;
  const wat = example?.wat ?? f.wat;
  const repro = { ...(example?.repro ?? {}), ...f.repro };
  const lines: string[] = [`# ${issueTitle(f)}`, ''];

  lines.push('## Environment', '');
  for (const rt of f.runtimes) {
    const m = f.members[rt];
    const rec = x.runtimes.filter((r) => r.name === rt);
    const latest = rec.find((r) => r.version === m?.last) ?? rec.at(-1);
    const since = m && m.first !== m.last ? ` (first seen on ${m.first})` : '';
    lines.push(`- **${latest?.engine ?? rt}** (\`${rt}\`), version ${m?.last ?? latest?.version ?? 'unknown'}${since}${m ? `, ${m.count} sighting${m.count === 1 ? '' : 's'}` : ''}`);
    if (repro[rt]) lines.push(`  - command line and flags: \`${repro[rt]}\``);
  }
  if (x.host) lines.push(`- **Platform:** ${x.host.platform} ${x.host.arch}, ${x.host.cpuModel} (${x.host.cpus} cores), harness on Node ${x.host.node}`);
  lines.push('');

  const origin = example?.source === 'spec' ? `The module of the spec testsuite's \`${example.origin.replace(/^.*\//, '')}\` that shows it:` : example?.source === 'probe' ? "wasmdiff's feature probe:" : 'The minimal module (reduced automatically):';
  lines.push('## Test case', '', origin, '', '```wat', (wat ?? '(no WAT: the module does not decode)').trimEnd(), '```', '');
  const invs = d.invocations ?? [];
  if (invs.length > 0) {
    lines.push('Invoked, in order, on one instance (a fresh one after a trap):', '');
    for (const inv of invs) lines.push(`- ${invocationText(inv, (code) => `\`${code}\``)}`);
    lines.push('');
  }
  if (d.command || d.at) lines.push(`First shown by: \`${d.command ?? ''}\`${d.at ? ` at \`${d.at}\`` : ''}.`, '');

  lines.push('## Expected vs actual', '', '| | outcome |', '| --- | --- |');
  lines.push(`| expected | ${cell(d.expected ?? '')} |`);
  if (d.oracle && d.oracle !== d.expected) lines.push(`| reference interpreter (same plan) | ${cell(d.oracle)} |`);
  for (const [rt, actual] of Object.entries(d.actual ?? {})) lines.push(`| **${rt}** | ${cell(actual)} |`);
  lines.push('');

  const why = specReference({ kind: f.kind, culprit: f.culprit ?? f.kind });
  lines.push('## Why the expected outcome is right', '', `WebAssembly 2.0 specification, section ${why.section}: ${why.text}.`, '');

  const others = Object.entries(d.others ?? {});
  if (others.length > 0) {
    lines.push('## Other runtimes', '');
    for (const [rt, what] of others) lines.push(`- \`${rt}\`: ${what}`);
    lines.push('');
  }

  lines.push('## Reproduce', '', `Write the files (module.wasm, driver.wasm, helpers) with \`wasmdiff show ${f.id} --out DIR\`, then in DIR:`, '');
  for (const rt of f.runtimes) lines.push(`- ${rt}: \`${repro[rt] ?? '(no command line: the engine has none)'}\``);
  lines.push('');

  const sources = [...new Set(x.examples.map((e) => e.source))].join(', ');
  lines.push('## Sightings', '', `Seen ${f.count} time${f.count === 1 ? '' : 's'} (${sources || 'unknown source'}), first ${f.firstSeen}, last ${f.lastSeen}. Representative sightings, smallest module first:`, '');
  for (const e of x.examples) lines.push(`- ${e.runtime}${e.version ? ` ${e.version}` : ''}: ${e.source} ${e.origin} (${e.size} bytes, seen ${e.count}x)`);
  lines.push('', `<sub>Reported by wasmdiff, finding #${f.id}, signature ${f.signature.slice(0, 12)}.</sub>`);
  return `${lines.join('\n')}\n`;
}

function cell(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? '');
  return `\`${text.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\n/g, ' ')}\``;
}
