// Side tables the compiled code refers to by index (a numeric function, a
// memory access, an operand shape to count): one entry per distinct key,
// made the first time it is asked for and kept for the process, since the
// compiled code of any instance may carry its index.
export class EntryTable<T> {
  /** the entries, addressed by the index the compiled code carries */
  readonly entries: T[] = [];
  private readonly byKey = new Map<string, number>();

  /** The index of the entry for `key`, made by `make` the first time. */
  index(key: string, make: () => T): number {
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.entries.push(make()) - 1;
      this.byKey.set(key, i);
    }
    return i;
  }
}
