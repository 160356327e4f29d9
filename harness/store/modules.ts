// Modules, stored once by the sha256 of their bytes: a case, an outcome or
// a finding refers to its module by hash.
import { createHash } from 'node:crypto';
import type { ModuleRecord, StoreContext } from './types.js';

export function moduleHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function modulesApi({ db }: StoreContext) {
  // a later caller may know the WAT an earlier one did not
  const put = db.prepare(
    `INSERT INTO modules (hash, bytes, wat, size) VALUES (?, ?, ?, ?)
     ON CONFLICT (hash) DO UPDATE SET wat = COALESCE(modules.wat, excluded.wat)`,
  );
  const get = db.prepare(`SELECT hash, bytes, wat FROM modules WHERE hash = ?`);
  return {
    /** Stores the module (idempotent); returns its hash. */
    putModule(bytes: Uint8Array, wat?: string): string {
      const hash = moduleHash(bytes);
      put.run(hash, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), wat ?? null, bytes.byteLength);
      return hash;
    },
    getModule(hash: string): ModuleRecord | undefined {
      const row = get.get(hash) as { hash: string; bytes: Buffer; wat: string | null } | undefined;
      return row && { hash: row.hash, bytes: new Uint8Array(row.bytes), wat: row.wat };
    },
  };
}
