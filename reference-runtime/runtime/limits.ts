// Resource limits the reference runtime chooses where the spec leaves them to
// the implementation (spec 4.4.7 memory.grow and 4.4.6 table.grow "may fail";
// call depth is unbounded in the spec). They are fixed so that outcomes are
// deterministic; growth beyond them fails with -1, deeper calls are Exhaustion.

/** The spec's most pages and elements by address type: 2^16 pages (4 GiB) and 2^32-1 elements for i32, 2^48 pages and 2^64-1 elements for i64 (memory64/table64). */
export const SPEC_MAX_PAGES = { i32: 2n ** 16n, i64: 2n ** 48n } as const;
export const SPEC_MAX_ELEMS = { i32: 2n ** 32n - 1n, i64: 2n ** 64n - 1n } as const;

/** The pages a memory may actually have here: beyond, memory.grow returns -1 and instantiation fails with a "resource exhausted" trap. */
export const GROW_PAGES_LIMIT = 16384; // 1 GiB

/** The elements a table may actually have here (same rule as memories). */
export const TABLE_ELEMS_LIMIT = 10_000_000;

/** Maximum nested wasm calls before `Exhaustion`. */
export const MAX_CALL_DEPTH = 20_000;

/** Value-stack slots (16 bytes each) for locals and operands of all frames. */
export const STACK_SLOTS = 1 << 20;

export const PAGE_SIZE = 65536;

/**
 * Bytes that GC objects (structs and arrays) may take per outermost
 * invocation or instantiation, by a fixed cost model (runtime/aggregate.ts):
 * an allocation beyond it ends the call as `Exhaustion`, a deterministic
 * outcome (the spec lets any allocation fail for resource exhaustion) rather
 * than the host running out of memory. Objects kept alive across invocations
 * (in globals or tables) are not counted again by later ones.
 */
export const GC_ALLOC_LIMIT = 2 ** 30;

/**
 * The most elements an array of references may have here: V8 keeps a JS
 * array of up to 2^25 elements in its fast form and makes a longer one a
 * dictionary (slower by orders of magnitude, and several times larger), so
 * a longer one ends as `Exhaustion` too, whatever the budget says.
 */
export const REF_ARRAY_LIMIT = 2 ** 25;
