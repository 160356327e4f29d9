// The order of bench runs: rounds, each running every still-active cell
// (program x engine) once, in an order shuffled afresh with a seeded PRNG,
// so that drift in the machine (other load, thermal state, caches) spreads
// over all engines instead of biasing whichever ran last. The first `warmup`
// rounds are discarded. Budget-aware: after the first round the cost of a
// round is known; the slowest cells are dropped (with the reason) until the
// runs needed for a 99% interval fit in what is left, and no round starts
// that the budget would not cover. Each cell's count of kept runs is known.
import { MIN_SAMPLES_99, prng } from './stats.js';

export interface Cell {
  program: string;
  engine: string;
}

export interface ScheduleOptions {
  /** Measured runs wanted per cell. */
  runs: number;
  /** Rounds run first and discarded. */
  warmup: number;
  budgetMs: number;
  seed: number;
}

export interface Slot {
  cell: Cell;
  round: number;
  /** A warm-up run: timed to learn its cost, its samples discarded. */
  warmup: boolean;
}

interface CellState {
  cell: Cell;
  kept: number;
  lastMs: number | undefined;
  dropped?: string;
}

export const cellKey = (c: Cell): string => `${c.program}\u0000${c.engine}`;

export class Schedule {
  private readonly states = new Map<string, CellState>();
  private readonly rand: () => number;
  private round = 0;
  /** Why the schedule stopped before every cell had its runs, if it did. */
  stopReason: string | undefined;

  constructor(
    cells: readonly Cell[],
    private readonly options: ScheduleOptions,
  ) {
    for (const cell of cells) this.states.set(cellKey(cell), { cell, kept: 0, lastMs: undefined });
    this.rand = prng(options.seed);
  }

  /** The next round's slots in run order, or undefined when the schedule is over. */
  nextRound(elapsedMs: number): Slot[] | undefined {
    const warmup = this.round < this.options.warmup;
    let active = this.active().filter((s) => warmup || s.kept < this.options.runs);
    if (active.length === 0) return undefined;
    if (!warmup) {
      const left = this.options.budgetMs - elapsedMs;
      if (this.round === this.options.warmup) active = this.fitToBudget(active, left);
      const cost = roundCost(active);
      if (active.length === 0 || cost > left) {
        this.stopReason = `the budget left (${seconds(left)}) does not cover another round (${seconds(cost)})`;
        return undefined;
      }
    }
    const round = this.round++;
    return shuffle(active, this.rand).map((s) => ({ cell: s.cell, round, warmup }));
  }

  /** One run of `cell` took `ms`; `kept` says whether its sample counts. */
  record(cell: Cell, ms: number, kept: boolean): void {
    const s = this.state(cell);
    s.lastMs = ms;
    if (kept) s.kept++;
  }

  /** No more runs for this cell (timed out, wrong checksum, failed, ...). */
  drop(cell: Cell, reason: string): void {
    this.state(cell).dropped ??= reason;
  }

  dropped(cell: Cell): string | undefined {
    return this.state(cell).dropped;
  }

  kept(cell: Cell): number {
    return this.state(cell).kept;
  }

  private active(): CellState[] {
    return [...this.states.values()].filter((s) => s.dropped === undefined);
  }

  /** Drops the slowest cells until each remaining one can get min(runs, 8) runs in `leftMs`. */
  private fitToBudget(active: CellState[], leftMs: number): CellState[] {
    const need = Math.min(this.options.runs, MIN_SAMPLES_99);
    const kept = [...active].sort((a, b) => (a.lastMs ?? 0) - (b.lastMs ?? 0));
    while (kept.length > 0 && roundCost(kept) * need > leftMs) {
      const slowest = kept.pop()!;
      slowest.dropped = `too slow for the budget: one run takes ${seconds(slowest.lastMs ?? 0)}, and ${need} runs of every cell would not fit in the ${seconds(leftMs)} left`;
    }
    return kept;
  }

  private state(cell: Cell): CellState {
    const s = this.states.get(cellKey(cell));
    if (s === undefined) throw new Error(`no such cell: ${cell.program} on ${cell.engine}`);
    return s;
  }
}

function roundCost(states: readonly CellState[]): number {
  return states.reduce((sum, s) => sum + (s.lastMs ?? 0), 0);
}

/** Fisher-Yates with the given PRNG. */
export function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function seconds(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
