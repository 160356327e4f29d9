// A worker thread that runs V8_RUNNER_SOURCE, so that a driver stuck in an
// infinite loop can be stopped (worker.terminate) without stopping the
// harness. Output goes through a shared buffer, readable even after a kill.
import { Worker } from 'node:worker_threads';
import type { Segment } from '../driver/run-plan.js';
import { segmentsFromStream, V8_RUNNER_SOURCE } from './v8-runner.js';

const CAPACITY = 16 << 20;
const RESERVE = 4096; // kept free for the record lines

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${V8_RUNNER_SOURCE}
parentPort.on('message', ({ input, buffer, length }) => {
  const bytes = new Uint8Array(buffer);
  const size = new Int32Array(length);
  const encoder = new TextEncoder();
  const write = (text) => {
    const b = encoder.encode(text);
    const at = Atomics.load(size, 0);
    const room = bytes.length - (text.charCodeAt(0) === 0x1e ? 0 : ${RESERVE});
    if (at + b.length > room) return;
    bytes.set(b, at);
    Atomics.store(size, 0, at + b.length);
  };
  try {
    runInV8(input, write);
  } catch (e) {
    write('\\x1e' + JSON.stringify({ end: { kind: 'error', name: 'InternalError', message: String(e) } }) + '\\n');
  }
  parentPort.postMessage('done');
});
`;

export type V8Input = { kind: 'driver'; driver: Uint8Array; from: number } | { kind: 'module'; module: Uint8Array };

export class V8Worker {
  private worker: Worker | undefined;
  private readonly buffer = new SharedArrayBuffer(CAPACITY);
  private readonly length = new SharedArrayBuffer(4);

  async run(input: V8Input, timeoutMs: number): Promise<Segment[]> {
    const worker = (this.worker ??= this.start());
    const size = new Int32Array(this.length);
    Atomics.store(size, 0, 0);
    const ended = await new Promise<Segment['end'] | undefined>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
      const settle = (end: Segment['end'] | undefined) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(end);
      };
      const onMessage = () => settle(undefined);
      const onError = (e: Error) => settle({ kind: 'signal', signal: `worker died: ${e.message}` });
      const onExit = (code: number) => settle({ kind: 'signal', signal: `worker exited with ${code}` });
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ input, buffer: this.buffer, length: this.length });
    });
    if (ended !== undefined) await this.stop();
    const stream = Buffer.from(this.buffer, 0, Atomics.load(size, 0)).toString('utf8');
    return segmentsFromStream(stream, ended);
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) await w.terminate();
  }

  private start(): Worker {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref(); // an idle worker must not keep the harness alive
    return w;
  }
}
