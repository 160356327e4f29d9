// Names from the name section as text identifiers (spec 6.3.5). A name-section
// name may be any UTF-8 string. WebAssembly 2.0 text has no quoted `$"..."`
// identifiers, so by default a name that is not a valid identifier is
// sanitized (each bad character becomes `_`), and clashes are resolved
// deterministically by appending the index; with `quoted` (3.0 text) such a
// name prints exactly as `$"..."` instead (only the empty name cannot).
// Names already valid and unique keep their spelling.
import { quoteString } from './print-values.js';

/** One printed identifier, with the name it came from. */
export interface Ident {
  /** `$name`, ready to print */
  text: string;
  /** the original name, when `text` had to change it */
  original?: string;
}

const ID_CHAR = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]$/;

export function isIdChar(c: string): boolean {
  return ID_CHAR.test(c);
}

export function isValidIdName(name: string): boolean {
  return name.length > 0 && [...name].every(isIdChar);
}

function sanitize(name: string): string {
  const chars = [...name].map((c) => (isIdChar(c) ? c : '_'));
  return chars.length === 0 ? '_' : chars.join('');
}

/** Identifiers for one index space (functions, or one function's locals), unique within it. */
export function assignIdents(names: ReadonlyMap<number, string> | undefined, quoted = false): Map<number, Ident> {
  const result = new Map<number, Ident>();
  if (names === undefined) return result;
  const taken = new Set<string>();
  const sorted = [...names.entries()].sort((a, b) => a[0] - b[0]);
  // Names printable as they are claim their spelling first, so no sanitized name can steal it.
  for (const [index, name] of sorted) {
    const plain = isValidIdName(name);
    if ((plain || (quoted && name !== '')) && !taken.has(name)) {
      taken.add(name);
      result.set(index, { text: '$' + (plain ? name : quoteString(name)) });
    }
  }
  for (const [index, name] of sorted) {
    if (result.has(index)) continue;
    const base = sanitize(name);
    let candidate = taken.has(base) ? `${base}_${index}` : base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${index}_${n}`;
    taken.add(candidate);
    result.set(index, { text: '$' + candidate, original: name });
  }
  return result;
}
