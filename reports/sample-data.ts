// Synthetic report data: a few runtimes and testsuite files, findings and
// timings, with a hostile string planted in every field that comes from a
// module, a runtime or a user. The tests render it; it also shows what the
// page looks like without a database.
import type { FindingInfo, MatrixCell, ReportData, TimingSample } from './data.js';

/** Would set window.__pwned, open a dialog, or close the element it sits in, if it ever ran as markup. */
export const HOSTILE = `<script>window.__pwned=1;alert(1)</script>"'</textarea><img src=x onerror="window.__pwned=2;alert(2)">`;
/** Ends a JSON script block early, if JSON were embedded naively. */
export const HOSTILE_SCRIPT_END = `</script><script>window.__pwned=3;alert(3)</script><!--`;

const RUNTIMES = ['wasmtime', 'wasm3', 'wamr-fast', `evil${HOSTILE}`];

function cell(passed: number, failed: number, unsupported: number, reasons: string[] = []): MatrixCell {
  return { passed, failed, unsupported, reasons };
}

function matrixRows(): ReportData['matrix'] {
  const [wasmtime, wasm3, wamr, evil] = RUNTIMES as [string, string, string, string];
  const rows = [
    { file: 'i32.wast', cells: { [wasmtime]: cell(374, 0, 0), [wasm3]: cell(374, 0, 0), [wamr]: cell(372, 2, 0), [evil]: cell(374, 0, 0) } },
    { file: 'f32.wast', cells: { [wasmtime]: cell(2500, 0, 0), [wasm3]: cell(2480, 20, 0), [wamr]: cell(2500, 0, 0), [evil]: cell(2500, 0, 0) } },
    {
      file: 'simd_i8x16_arith.wast',
      cells: { [wasmtime]: cell(240, 0, 0), [wasm3]: cell(0, 0, 240, ['simd: not supported by wasm3 0.5.0']), [wamr]: cell(200, 0, 40, ['v128 results not printed by the driver']) },
    },
    { file: `names${HOSTILE}.wast`, cells: { [wasmtime]: cell(1, 0, 0), [evil]: cell(0, 3, 1, [HOSTILE, HOSTILE_SCRIPT_END]) } },
  ];
  return { runId: 3, runtimes: RUNTIMES, rows };
}

function findings(): FindingInfo[] {
  const base = { firstSeen: '2024-05-01T10:00:00.000Z', lastSeen: '2024-05-03T10:00:00.000Z', fixedIn: null };
  return [
    {
      ...base,
      id: 1,
      kind: 'wrong-result',
      summary: 'f32.nearest of -0.5 returns +0 instead of -0',
      runtimes: ['wasm3'],
      count: 4,
      isNew: false,
      status: 'open',
      wat: '(module\n  (func (export "f") (result f32)\n    f32.const -0.5\n    f32.nearest))',
      details: { expected: { f32: '0x80000000' }, actual: { wasm3: { f32: '0x00000000' } }, reason: 'nearest keeps the sign (spec 4.3.3)' },
      repro: { wasm3: 'wasm3 --func f finding-1.wasm' },
    },
    {
      ...base,
      id: 2,
      kind: `trap-missing${HOSTILE}`,
      summary: `export ${HOSTILE} ${HOSTILE_SCRIPT_END}`,
      runtimes: ['wamr-fast', RUNTIMES[3]!],
      count: 1,
      isNew: true,
      status: 'open',
      wat: `(module (func (export "${HOSTILE}")) ;; ${HOSTILE_SCRIPT_END}\n)`,
      details: { runtimes: { 'wamr-fast': { expected: 'trap: out of bounds memory access', actual: HOSTILE } }, [HOSTILE]: HOSTILE_SCRIPT_END },
      repro: { 'wamr-fast': `iwasm --invoke '${HOSTILE}' finding-2.wasm`, [RUNTIMES[3]!]: HOSTILE_SCRIPT_END },
    },
    {
      ...base,
      id: 3,
      kind: 'validation',
      summary: 'accepts a module with a misaligned memarg',
      runtimes: ['wasmtime'],
      count: 2,
      isNew: false,
      status: 'fixed',
      wat: null,
      details: [HOSTILE],
      repro: {},
      fixedIn: { wasmtime: '21.0.0' },
    },
  ];
}

function timings(): TimingSample[] {
  const speed: Record<string, number> = { wasmtime: 1, 'wamr-fast': 1.8, wasm3: 9, [RUNTIMES[3]!]: 3 };
  const samples: TimingSample[] = [];
  const programs = ['fib', `nbody${HOSTILE}`];
  for (const [runtime, factor] of Object.entries(speed)) {
    programs.forEach((program, p) => {
      for (let iteration = 0; iteration < 7; iteration++) {
        const jitter = 1 + ((iteration * 7 + p * 3) % 5) / 50;
        const phases = { compile: 4 * jitter, instantiate: 0.5 * jitter, execute: (20 + 30 * p) * factor * jitter };
        for (const [phase, ms] of Object.entries(phases)) samples.push({ runtime, program, phase, iteration, ms, rssKb: null });
        const wall = phases.compile + phases.instantiate + phases.execute;
        samples.push({ runtime, program, phase: 'wall', iteration, ms: wall, rssKb: Math.round(30000 * factor) });
      }
    });
  }
  return samples;
}

export function sampleReportData(): ReportData {
  return {
    generatedAt: '2024-05-03T12:00:00.000Z',
    source: `results${HOSTILE}.db`,
    runs: [
      { id: 3, startedAt: '2024-05-03T10:00:00.000Z', finishedAt: '2024-05-03T10:20:00.000Z', command: `spec ${HOSTILE}` },
      { id: 2, startedAt: '2024-05-02T10:00:00.000Z', finishedAt: '2024-05-02T10:20:00.000Z', command: 'bench' },
      { id: 1, startedAt: '2024-05-01T10:00:00.000Z', finishedAt: null, command: 'fuzz' },
    ],
    runtimes: RUNTIMES.map((name) => ({ name, engine: name === RUNTIMES[3] ? HOSTILE : name.split('-')[0]!, version: name === RUNTIMES[3] ? HOSTILE : '1.0.0' })),
    matrix: matrixRows(),
    findings: findings(),
    performance: { runId: 2, samples: timings() },
    fuzz: {
      runId: 1, startedAt: '2024-05-01T10:00:00.000Z', cases: 400, seconds: 20, casesPerSecond: 20, newFindings: 1,
      runtimes: [{ runtime: 'wasmtime', ran: 380, setAside: 20 }, { runtime: RUNTIMES[3]!, ran: 40, setAside: 360 }],
      phases: { generate: 2000, run: 15000, compare: 3000, triage: 0, recheck: 0 },
      coverage: { executed: 380, total: 495 },
      growth: [{ cases: 1, opcodes: 120, triples: 300 }, { cases: 20, opcodes: 300, triples: 2100 }, { cases: 350, opcodes: 380, triples: 3900 }],
      operands: { covered: 3900, total: 6060 },
      trapConditions: 41,
    },
  };
}

export function emptyReportData(source = 'empty.db'): ReportData {
  return { generatedAt: '2024-05-03T12:00:00.000Z', source, runs: [], runtimes: [], matrix: undefined, findings: [], performance: undefined };
}

/** A report of causes: findings of several severities and families, each with sightings, WAT and issue text, linked from the matrix. */
export function causeReportData(): ReportData {
  const base = { firstSeen: '2024-05-01T10:00:00.000Z', lastSeen: '2024-05-03T10:00:00.000Z', fixedIn: null, isNew: false, status: 'open', repro: {} };
  const nanWat = '(module\n  (func (export "floor") (param f32) (result f32)\n    local.get 0\n    f32.floor))';
  const finding = (id: number, kind: string, family: string, runtimes: string[], culprit: string, operandClass: string, origin: string, extra: Partial<FindingInfo> = {}): FindingInfo => ({
    ...base,
    id,
    kind,
    family,
    culprit,
    operandClass,
    runtimes,
    count: 10 * id,
    summary: `${runtimes.join(', ')}: ${kind} in ${culprit}`,
    wat: nanWat,
    details: { expected: 'f32:nan:arithmetic', actual: Object.fromEntries(runtimes.map((r) => [r, 'f32:7fa00000'])) },
    members: Object.fromEntries(runtimes.map((r) => [r, { first: '1.1.2', last: '1.1.2', count: 5 * id }])),
    examples: runtimes.map((r, k) => ({ runtime: r, version: '1.1.2', source: 'spec', origin, size: 40 + k, count: 5, wat: nanWat })),
    markdown: `# ${family}: ${kind} in \`${culprit}\`\n\n\`\`\`wat\n${nanWat}\n\`\`\`\n`,
    repro: Object.fromEntries(runtimes.map((r) => [r, `${r} driver.wasm`])),
    ...extra,
  });
  return {
    generatedAt: '2024-05-03T12:00:00.000Z',
    source: 'causes.db',
    runs: [{ id: 1, startedAt: '2024-05-03T10:00:00.000Z', finishedAt: '2024-05-03T10:20:00.000Z', command: 'nightly' }],
    runtimes: ['wamr-fast', 'wamr-classic', 'wasmedge', 'wasmtime'].map((name) => ({ name, engine: name, version: '1.1.2' })),
    matrix: {
      runId: 1,
      runtimes: ['wamr-fast', 'wamr-classic', 'wasmedge', 'wasmtime'],
      rows: [
        { file: 'wasm-2.0/f32.wast', cells: { 'wamr-fast': cell(2490, 10, 0), 'wamr-classic': cell(2490, 10, 0), wasmedge: cell(2494, 6, 0), wasmtime: cell(2500, 0, 0) } },
        { file: 'wasm-2.0/binary.wast', cells: { 'wamr-fast': cell(134, 2, 0), 'wamr-classic': cell(136, 0, 0), wasmedge: cell(130, 6, 0), wasmtime: cell(136, 0, 0) } },
      ],
    },
    findings: [
      finding(4, 'misclassified', 'wasmedge', ['wasmedge'], 'module: zero byte expected', 'module', 'wasm-2.0/binary.wast:125', { note: true }),
      finding(2, 'wrong-result', 'wasmedge', ['wasmedge'], 'NaN result not quieted (spec 4.3.3)', 'snan', 'wasm-2.0/f32.wast:2010'),
      finding(1, 'wrong-result', 'wamr', ['wamr-fast', 'wamr-classic'], 'NaN result not quieted (spec 4.3.3)', 'snan', 'wasm-2.0/f32.wast:2010', { isNew: true }),
      finding(3, 'accepts-invalid', 'wamr', ['wamr-fast'], 'module: data count and data section have inconsistent lengths', 'module', 'wasm-2.0/binary.wast:300'),
      finding(5, 'crash', 'wamr', ['wamr-fast'], 'table.get', 'ordinary', 'probe:reference-types', { examples: [{ runtime: 'wamr-fast', version: '1.1.2', source: 'probe', origin: 'probe:reference-types', size: 53, count: 1, wat: nanWat }] }),
    ],
    performance: undefined,
  };
}
