// JSON for the store's JSON columns. Plans and outcomes hold bigints (i64,
// f64 bits) and byte arrays (v128, modules), which plain JSON loses or
// rejects; they are written as {"$bigint": "..."} and {"$bytes": "hex"} and
// revived on reading, so what is read back equals what was written. (An
// object whose one key is `$bigint` or `$bytes` is read as such; NaN,
// Infinity and -0 are JSON-lossy: store float bits, as outcomes do.)

export function toJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value, function (this: Record<string, unknown>, key, v: unknown) {
    // the holder's own value: a Buffer has already become {type, data} by toJSON
    const raw = this[key];
    if (typeof raw === 'bigint') return { $bigint: raw.toString() };
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex') };
    return v;
  });
}

export function fromJson<T = unknown>(text: string): T {
  // the reviver costs several times the parse: only pay it when a marker is there
  if (!text.includes('"$')) return JSON.parse(text) as T;
  return JSON.parse(text, revive) as T;
}

function revive(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const { $bigint, $bytes } = v as { $bigint?: unknown; $bytes?: unknown };
  if (typeof $bigint === 'string' && Object.keys(v).length === 1) return BigInt($bigint);
  if (typeof $bytes === 'string' && Object.keys(v).length === 1) return new Uint8Array(Buffer.from($bytes, 'hex'));
  return v;
}

/** A nullable JSON column. */
export function fromJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : fromJson<T>(text);
}
