// `wasmdiff fuzz [--time 10m | --cases N] [--seed S] [--shard i/n]
// [--runtimes LIST] [--focus OPS] [--db FILE] [--json]`: the differential
// fuzzing loop (harness/fuzz/loop.ts). Progress on stderr; Ctrl-C stops it
// after the case in flight, with everything found already stored. Exit
// status: 1 when the run found new findings, 0 otherwise, 2 for bad input.
import type { Command } from 'commander';
import { parseDuration } from '../../bench/duration.js';
import { fuzz } from '../../fuzz/loop.js';
import { summaryJson, summaryText } from '../../fuzz/print.js';
import { progressPrinter } from '../../fuzz/progress.js';
import { pickFuzzRuntimes } from '../../fuzz/runtimes.js';
import { unknownInstruction } from '../../fuzz/source.js';
import { addDbOption } from '../../store/db-option.js';
import { openStore } from '../../store/store.js';
import { UserError } from '../run.js';

interface FuzzCliOptions {
  time?: string;
  cases?: string;
  seed?: string;
  shard?: string;
  runtimes: string;
  focus?: string;
  timeout: string;
  inFlight: string;
  batch: string;
  digest: boolean;
  steer: boolean;
  db: string;
  json?: boolean;
}

export function registerFuzz(program: Command): void {
  const cmd = program
    .command('fuzz')
    .description('generate modules, run them on the oracle and the runtimes, compare every observable, minimise and store divergences as findings')
    .option('--time <duration>', 'stop after this long (e.g. 90s, 10m, 1h)')
    .option('--cases <n>', 'stop after this many cases (default 1000 when --time is not given)')
    .option('--seed <n>', 'the generator seed (default: random, printed)')
    .option('--shard <i/n>', 'take every n-th chunk of cases starting at chunk i (0 <= i < n), to split one seed across machines')
    .option('--runtimes <list>', 'comma-separated adapter ids, or all (the available ones); faulty-<fault> injects a known bug into the oracle', 'all')
    .option('--focus <ops>', 'comma-separated instructions whose boundary cases are interleaved with the generated ones')
    .option('--timeout <ms>', 'per process and per oracle run', '5000')
    .option('--batch <n>', 'cases given to each runtime in one call (Wasmtime in wizer runs them in one process); the findings do not depend on it', '1')
    .option('--in-flight <n>', 'batches run at once (their results are taken in order: the findings do not depend on it)', '1')
    .option('--no-digest', 'do not compare the final memory/global/table digest')
    .option('--no-steer', 'no coverage feedback: do not steer constants toward the operand classes the oracle has not executed yet')
    .option('--json', 'print the summary as one JSON document');
  addDbOption(cmd).action(async (opts: FuzzCliOptions) => {
    const timeMs = opts.time === undefined ? undefined : parseDuration(opts.time);
    if (opts.time !== undefined && timeMs === undefined) throw new UserError(`fuzz: --time must be a duration like 90s, 10m or 1h, got ${opts.time}`);
    const cases = opts.cases === undefined ? (timeMs === undefined ? 1000 : undefined) : positive(opts.cases, '--cases');
    const seed = opts.seed === undefined ? Math.floor(Math.random() * 0x7fffffff) : integer(opts.seed, '--seed');
    const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
    const focus = opts.focus?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const unknown = focus && unknownInstruction(focus);
    if (unknown) throw new UserError(`fuzz: --focus names no 2.0 instruction: ${unknown}`);
    const timeoutMs = positive(opts.timeout, '--timeout');
    const inFlight = positive(opts.inFlight, '--in-flight');
    const batch = positive(opts.batch, '--batch');
    const picked = await pickFuzzRuntimes(opts.runtimes).catch((e: Error) => {
      throw new UserError(e.message);
    });
    for (const s of picked.skipped) process.stderr.write(`fuzz: skipping ${s}\n`);
    const versions: Record<string, string> = {};
    for (const a of picked.adapters) {
      const av = await a.available();
      versions[a.id] = av.ok ? av.version : '';
    }
    const store = openStore(opts.db);
    const abort = new AbortController();
    const onSigint = () => {
      process.stderr.write('\nfuzz: stopping after the case in flight (Ctrl-C again to kill)\n');
      abort.abort();
      process.off('SIGINT', onSigint);
    };
    process.on('SIGINT', onSigint);
    const progress = progressPrinter();
    try {
      const summary = await fuzz({
        seed, runtimes: picked.adapters, store, timeoutMs, inFlight, batch, digest: opts.digest, steer: opts.steer, signal: abort.signal,
        ...(cases !== undefined ? { cases } : {}), ...(timeMs !== undefined ? { timeMs } : {}), ...(shard ? { shard } : {}), ...(focus ? { focus } : {}),
        progress: (p) => progress.update(p),
        command: { seed, cases, timeMs, shard, runtimes: picked.adapters.map((a) => a.id), focus, digest: opts.digest },
      });
      progress.end();
      process.stdout.write(opts.json ? summaryJson(summary, seed, versions) : summaryText(summary, seed, versions));
      process.exitCode = summary.newFindings > 0 ? 1 : 0;
    } finally {
      process.off('SIGINT', onSigint);
      store.close();
      await Promise.all(picked.adapters.map((a) => a.close?.()));
    }
  });
}

function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new UserError(`fuzz: --shard must be i/n with 0 <= i < n, got ${text}`);
  return { index, count };
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`fuzz: ${name} must be a positive integer, got ${text}`);
  return n;
}

function integer(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || Math.abs(n) > 0x7fffffff) throw new UserError(`fuzz: ${name} must be a 32-bit integer, got ${text}`);
  return n;
}
