// Tag instances and exception instances (spec 4.2: exception handling). A tag
// is identified by its object (imports share it); an exception is a tag and
// the values thrown with it, and is what an exnref refers to.
import type { FuncType } from '../syntax/types.js';
import { internFuncType, type TypeId } from '../types/canonical.js';
import type { Value } from './values.js';

/** A tag of a (closed) function type; imports match it by TypeId. */
export class TagInstance {
  constructor(
    readonly type: FuncType,
    readonly typeId: TypeId = internFuncType(type),
  ) {}
}

export class ExnInstance {
  constructor(
    readonly tag: TagInstance,
    readonly fields: Value[],
  ) {}
}
