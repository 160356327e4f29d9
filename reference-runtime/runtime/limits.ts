// Resource limits the reference runtime chooses where the spec leaves them to
// the implementation (spec 4.4.7 memory.grow and 4.4.6 table.grow "may fail";
// call depth is unbounded in the spec). They are fixed so that outcomes are
// deterministic; growth beyond them fails with -1, deeper calls are Exhaustion.

/** The most pages a memory may ever have (2^16 pages = 4 GiB is the 2.0 maximum). */
export const MAX_PAGES = 65536;

/** The pages a memory may actually have here: beyond, memory.grow returns -1 and instantiation fails with a "resource exhausted" trap. */
export const GROW_PAGES_LIMIT = 16384; // 1 GiB

/** The elements a table may actually have here (same rule as memories). */
export const TABLE_ELEMS_LIMIT = 10_000_000;

/** Maximum nested wasm calls before `Exhaustion`. */
export const MAX_CALL_DEPTH = 20_000;

/** Value-stack slots (16 bytes each) for locals and operands of all frames. */
export const STACK_SLOTS = 1 << 20;

export const PAGE_SIZE = 65536;
