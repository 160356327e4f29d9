// Global instances (spec 4.2.9). The value lives in a 16-byte cell, the same
// layout as one slot of the interpreter's value stack, so global.get/set copy
// words and never convert (bit-exact for every NaN); references live beside it.
import type { GlobalType } from '../syntax/types.js';
import type { Value } from './values.js';
import { readCell, writeCell } from './cell.js';

export class GlobalInstance {
  readonly cell = new Int32Array(4);
  ref: unknown = null;

  constructor(
    readonly type: GlobalType,
    value: Value,
  ) {
    this.set(value);
  }

  get(): Value {
    return readCell(this.type.type, this.cell, this.ref);
  }

  set(v: Value): void {
    this.ref = writeCell(v, this.cell);
  }
}
