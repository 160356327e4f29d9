// V8 in another node binary (v8-node22, v8-node24, installed side by side by
// `wasmdiff runtimes install`): one long-lived node per adapter serves the
// runs (serve.ts protocol), each request a line of JSON with the driver,
// which SERVER_SOURCE runs with V8_RUNNER_SOURCE, streaming its output
// (v8-runner.ts). A hung or crashed run costs a new node, not the plan.
import type { Adapter, Availability, CommandLine, FeatureSet, RunOptions } from '../adapter.js';
import { DEFAULT_TIMEOUT_MS } from '../adapter.js';
import { limitEnd, runDriverPlan, type DriverRunner, type Segment } from '../driver/run-plan.js';
import { probeFeatures } from '../features.js';
import type { Plan, RunOutcome } from '../plan.js';
import { runProcess, RUNTIME_MEMORY_LIMIT_BYTES } from '../process.js';
import { ServedProcess } from '../serve.js';
import { defaultLocateContext } from '../provision/locate.js';
import { runtimeSpec, type RuntimeName } from '../provision/registry.js';
import { runtimeStatus } from '../provision/status.js';
import { SPEC_WORDING } from '../trap-kinds.js';
import { V8_MESSAGES } from './messages.js';
import { RECORD, segmentsFromStream, v8CommandLine, v8Version, V8_RUNNER_SOURCE } from './v8-runner.js';
import type { V8Input } from './v8-worker.js';

const SERVER_SOURCE = `${V8_RUNNER_SOURCE}
const lines = require('node:readline').createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const input = JSON.parse(line);
  for (const k of ['driver', 'module']) if (input[k] !== undefined) input[k] = new Uint8Array(Buffer.from(input[k], 'base64'));
  // stdout is synchronous for pipes on Linux: what is written survives a kill
  runInV8(input, (text) => process.stdout.write(text));
  process.stderr.write('\\x1dwasmdiff-end\\n');
  process.stdout.write('\\x1dwasmdiff-end 0\\n');
});`;

export class V8NodeAdapter implements Adapter {
  readonly engine = 'V8';
  private version: Promise<Availability> | undefined;
  private command: string[] | undefined;
  private probed: FeatureSet | undefined;
  private server: ServedProcess | undefined;

  /** `name` is a provisioning runtime name (v8-node22, ...), or give the node command directly. */
  constructor(
    readonly id: string,
    private readonly name?: RuntimeName,
    command?: string[],
  ) {
    this.command = command;
  }

  available(): Promise<Availability> {
    return (this.version ??= this.locate());
  }

  async features(): Promise<FeatureSet> {
    return (this.probed ??= await probeFeatures(this));
  }

  async run(plan: Plan, options: RunOptions = {}): Promise<RunOutcome> {
    const a = await this.available();
    if (!a.ok) throw new Error(`${this.id} is not available: ${a.reason}`);
    const runner: DriverRunner = {
      id: this.id,
      messages: [...V8_MESSAGES, ...SPEC_WORDING],
      runDriver: (driverFor, from, timeoutMs) => this.child({ kind: 'driver', driver: driverFor(from), from }, timeoutMs),
      runModule: async (module, timeoutMs) => (await this.child({ kind: 'module', module }, timeoutMs))[0]!,
      processesStarted: () => this.server?.started ?? 0,
    };
    return runDriverPlan(plan, runner, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  async commandLine(kind: 'driver' | 'module', file: string): Promise<CommandLine | undefined> {
    if (!(await this.available()).ok || this.command === undefined) return undefined;
    return v8CommandLine(this.command, kind, file);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  private async child(input: V8Input, timeoutMs: number): Promise<Segment[]> {
    // JSON escapes newlines and tabs: the payload is one protocol field
    const payload = JSON.stringify(input, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
    this.server ??= new ServedProcess([...this.command!, '-e', SERVER_SOURCE], { memoryLimitBytes: RUNTIME_MEMORY_LIMIT_BYTES });
    const r = await this.server.request([payload], { timeoutMs, maxOutputBytes: 16 << 20 });
    const closed = r.stdout.endsWith('\n') && r.stdout.slice(r.stdout.lastIndexOf('\n', r.stdout.length - 2) + 1).startsWith(RECORD);
    const cut: Segment['end'] | undefined =
      limitEnd(r) ??
      (r.signal !== undefined ? { kind: 'signal', signal: r.signal } : closed && r.exitCode === 0 ? undefined : { kind: 'exit', code: r.exitCode ?? -1 });
    const segments = segmentsFromStream(r.stdout, cut, { stderr: r.stderr, exitCode: r.exitCode, signal: r.signal });
    return segments.length > 0 ? segments : [{ stdout: '', end: cut ?? { kind: 'exit', code: -1 }, errorText: r.stderr, raw: { stdout: '', stderr: r.stderr } }];
  }

  private async locate(): Promise<Availability> {
    if (this.command === undefined) {
      const spec = this.name === undefined ? undefined : runtimeSpec(this.name);
      if (spec === undefined) return { ok: false, reason: `unknown runtime ${this.name}`, install: '' };
      const status = await runtimeStatus(spec, defaultLocateContext());
      if (status.found === undefined) return { ok: false, reason: status.notes.join('; ') || 'not found', install: status.howToInstall };
      this.command = status.found.command;
    }
    const r = await runProcess([...this.command, '-p', `process.versions.v8 + ' ' + process.version`], { timeoutMs: 20_000 });
    if (r.exitCode !== 0) return { ok: false, reason: `${this.command.join(' ')} does not run: ${r.stderr.trim()}`, install: 'wasmdiff runtimes install' };
    const [v8, node] = r.stdout.trim().split(' ');
    return { ok: true, version: v8Version(v8!, node ?? '?') };
  }
}
