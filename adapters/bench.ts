// Invocations per second per available adapter, for one plan of 1,000
// invocations (a mix of i32 arithmetic and f64 results). Run: npx tsx adapters/bench.ts
import { encodeModule } from '../reference-runtime/binary/encode.js';
import { parseWat } from '../reference-runtime/text/parse-module.js';
import type { Plan } from './plan.js';
import { allAdapters } from './registry.js';
import { f64bits, i32 } from './values.js';

const module = encodeModule(
  parseWat(`(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    (func (export "sqrt") (param f64) (result f64) local.get 0 f64.sqrt))`),
);
const plan: Plan = {
  module,
  invocations: Array.from({ length: 1000 }, (_, k) => (k % 2 === 0 ? { export: 'add', args: [i32(k), i32(7)] } : { export: 'sqrt', args: [f64bits(BigInt(k) << 40n)] })),
};

for (const adapter of allAdapters()) {
  const a = await adapter.available();
  if (!a.ok) {
    console.log(`${adapter.id.padEnd(12)} unavailable: ${a.reason}`);
    continue;
  }
  await adapter.run(plan); // warm-up (worker start, compilation)
  const runs = 3;
  const t = performance.now();
  for (let r = 0; r < runs; r++) {
    const out = await adapter.run(plan);
    if (out.invocations.some((o) => o.kind !== 'values')) throw new Error(`${adapter.id}: not every invocation returned values`);
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(`${adapter.id.padEnd(12)} ${a.version.padEnd(28)} ${Math.round((runs * plan.invocations.length) / seconds)} invocations/s`);
  await adapter.close?.();
}
