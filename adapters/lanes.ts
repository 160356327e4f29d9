// Lanes: the private resources of an in-process engine (a worker thread
// each), handed out one run at a time, so that an adapter may be asked for
// several runs at once (the fuzzer keeps cases in flight) without two runs
// sharing a worker. A lane is made on first need and reused; a caller waits
// when every lane is busy.
export class Lanes<T> {
  private readonly made: T[] = [];
  private readonly idle: T[] = [];
  private readonly waiting: ((lane: T) => void)[] = [];

  constructor(
    private readonly make: () => T,
    private readonly limit: number,
  ) {}

  /** Runs `work` on a lane of its own. */
  async use<R>(work: (lane: T) => Promise<R>): Promise<R> {
    const lane = await this.take();
    try {
      return await work(lane);
    } finally {
      this.give(lane);
    }
  }

  /** Every lane made so far (to close them). */
  all(): readonly T[] {
    return this.made;
  }

  private take(): Promise<T> {
    const lane = this.idle.pop();
    if (lane !== undefined) return Promise.resolve(lane);
    if (this.made.length < this.limit) {
      const fresh = this.make();
      this.made.push(fresh);
      return Promise.resolve(fresh);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(lane: T): void {
    const next = this.waiting.shift();
    if (next !== undefined) next(lane);
    else this.idle.push(lane);
  }
}

/** Lanes per in-process engine: more than the fuzzer keeps in flight, fewer than would crowd the machine's memory. */
export const IN_PROCESS_LANES = 4;
