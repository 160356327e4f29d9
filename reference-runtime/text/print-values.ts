// Literal values and strings in the text format (spec 6.3): integers in signed
// decimal, v128 as four hexadecimal i32 lanes, and strings as pure ASCII with
// every other byte escaped, so any name or data segment prints as valid text.

/** i32.const operand: the value as a signed 32-bit decimal. */
export function formatI32(value: number): string {
  return String(value | 0);
}

/** i64.const operand: the value as a signed 64-bit decimal. */
export function formatI64(value: bigint): string {
  return BigInt.asIntN(64, value).toString();
}

/** v128.const operands: `i32x4 0x... 0x... 0x... 0x...` from 16 little-endian bytes. */
export function formatV128(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lanes: string[] = [];
  for (let i = 0; i < 4; i++) lanes.push('0x' + view.getUint32(i * 4, true).toString(16).padStart(8, '0'));
  return `i32x4 ${lanes.join(' ')}`;
}

/** A text string literal holding exactly these bytes. */
export function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) out += escapeByte(b);
  return out + '"';
}

const utf8 = new TextEncoder();

/** A text string literal for a name: its UTF-8 bytes, non-ASCII escaped. */
export function quoteString(name: string): string {
  return quoteBytes(utf8.encode(name));
}

function escapeByte(b: number): string {
  if (b === 0x22) return '\\"';
  if (b === 0x5c) return '\\\\';
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  return '\\' + b.toString(16).padStart(2, '0');
}

/**
 * A string for use inside a block comment `(; ... ;)`: quoted like a literal,
 * and with `(`, `)` and `;` escaped too, so it can neither end nor nest a comment.
 */
export function commentString(name: string): string {
  return quoteString(name).replace(/[();]/g, (c) => '\\' + c.charCodeAt(0).toString(16));
}
