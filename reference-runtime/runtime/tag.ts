// Tag instances and exception instances (spec 4.2: exception handling). A tag
// is identified by its object (imports share it); an exception is a tag and
// the values thrown with it, and is what an exnref refers to.
import type { FuncType } from '../syntax/types.js';
import type { Value } from './values.js';

export class TagInstance {
  constructor(readonly type: FuncType) {}
}

export class ExnInstance {
  constructor(
    readonly tag: TagInstance,
    readonly fields: Value[],
  ) {}
}
