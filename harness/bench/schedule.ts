// The order of bench runs, built so that a budget yields complete cells.
// Programs are taken whole, one row (every engine on that program) at a time,
// in an order shuffled with the seed (so successive seeds rotate which
// programs come first). A row runs its warm-up rounds (discarded, but they
// give the cost of a round), then measured rounds; each round runs every
// still-active cell of the row once in an order shuffled afresh, so drift in
// the machine spreads over the engines being compared instead of biasing
// whichever ran last. Ratios are only taken within a row, so the row is where
// interleaving matters.
//
// Budget rule: a row is started only if its measured rounds up to 8 runs per
// cell (what a 99% interval of the median needs) fit in what is left, by the
// cost of its warm-up round; otherwise the program is left out whole ("left
// out: budget (N of M programs fit)") rather than every cell getting too few
// runs. Rounds past 8, up to `runs`, are run while they fit. An engine that
// timed out on `timeoutsToExclude` programs is not tried on later ones, so
// that slow interpreters do not spend the budget on runs that cannot finish.
import { MIN_SAMPLES_99, prng } from './stats.js';

export interface Cell {
  program: string;
  engine: string;
}

export interface ScheduleOptions {
  /** Measured runs wanted per cell. */
  runs: number;
  /** Rounds run first in each row and discarded. */
  warmup: number;
  budgetMs: number;
  seed: number;
  /** An engine that timed out on this many programs is not tried on later ones (default 2). */
  timeoutsToExclude?: number;
}

export interface Slot {
  cell: Cell;
  round: number;
  /** A warm-up run: timed to learn its cost, its samples discarded. */
  warmup: boolean;
}

/** Why a cell got no more runs: it timed out, its program was left out for the budget, or anything else. */
export type DropKind = 'timeout' | 'left-out' | 'other';

interface CellState {
  cell: Cell;
  kept: number;
  lastMs: number | undefined;
  dropped?: { reason: string; kind: DropKind };
}

export const cellKey = (c: Cell): string => `${c.program}\u0000${c.engine}`;

export class Schedule {
  private readonly states = new Map<string, CellState>();
  private readonly rows = new Map<string, CellState[]>();
  /** Programs in run order. */
  readonly programs: readonly string[];
  private readonly rand: () => number;
  private readonly leftOut = new Set<string>();
  /** Per engine: the programs it timed out on, and the first reason given. */
  private readonly timeouts = new Map<string, { programs: string[]; reason: string }>();
  private current = 0;
  private roundInRow = 0;
  private round = 0;
  /** The cheapest measured round of a row so far: below (8 + warm-up) of it, no further row can fit. */
  private cheapestRoundMs: number | undefined;
  /** Why the schedule stopped before every program was measured, if it did. */
  stopReason: string | undefined;

  constructor(
    cells: readonly Cell[],
    private readonly options: ScheduleOptions,
  ) {
    for (const cell of cells) {
      const s: CellState = { cell, kept: 0, lastMs: undefined };
      this.states.set(cellKey(cell), s);
      const row = this.rows.get(cell.program);
      if (row === undefined) this.rows.set(cell.program, [s]);
      else row.push(s);
    }
    this.rand = prng(options.seed);
    this.programs = shuffle([...this.rows.keys()], this.rand);
  }

  /** The next round's slots in run order, or undefined when the schedule is over. */
  nextRound(elapsedMs: number): Slot[] | undefined {
    const need = Math.min(this.options.runs, MIN_SAMPLES_99);
    const left = this.options.budgetMs - elapsedMs;
    while (this.current < this.programs.length) {
      const program = this.programs[this.current]!;
      const row = this.rows.get(program)!;
      if (this.roundInRow === 0) {
        const floor = (need + this.options.warmup) * (this.cheapestRoundMs ?? 0);
        if (left <= 0 || left < floor) return this.stop(`the budget left (${seconds(left)}) is less than one more program needs (about ${seconds(floor)})`);
        this.excludeTimedOutEngines(row);
      }
      const active = row.filter((s) => s.dropped === undefined);
      const warmup = this.roundInRow < this.options.warmup;
      const kept = Math.max(0, ...active.map((s) => s.kept));
      if (active.length === 0 || (!warmup && kept >= this.options.runs)) {
        this.nextProgram(row);
        continue;
      }
      if (!warmup) {
        const cost = roundCost(active);
        if (kept < need && (need - kept) * cost > left) {
          this.leaveOut(program);
          continue;
        }
        if (cost > left) {
          this.nextProgram(row);
          continue;
        }
      }
      this.roundInRow++;
      const round = this.round++;
      return shuffle(active, this.rand).map((s) => ({ cell: s.cell, round, warmup }));
    }
    return undefined;
  }

  /** One run of `cell` took `ms`; `kept` says whether its sample counts. */
  record(cell: Cell, ms: number, kept: boolean): void {
    const s = this.state(cell);
    s.lastMs = ms;
    if (kept) s.kept++;
  }

  /** No more runs for this cell; a timeout also counts against its engine on later programs. */
  drop(cell: Cell, reason: string, kind: DropKind = 'other'): void {
    const s = this.state(cell);
    if (s.dropped !== undefined) return;
    s.dropped = { reason, kind };
    if (kind !== 'timeout') return;
    const t = this.timeouts.get(cell.engine);
    if (t === undefined) this.timeouts.set(cell.engine, { programs: [cell.program], reason });
    else t.programs.push(cell.program);
  }

  dropped(cell: Cell): string | undefined {
    const d = this.state(cell).dropped;
    if (d?.kind === 'left-out') return `left out: budget (${this.programs.length - this.leftOut.size} of ${this.programs.length} programs fit)`;
    return d?.reason;
  }

  droppedKind(cell: Cell): DropKind | undefined {
    return this.state(cell).dropped?.kind;
  }

  kept(cell: Cell): number {
    return this.state(cell).kept;
  }

  /** The programs left out for the budget, in run order. */
  programsLeftOut(): string[] {
    return this.programs.filter((p) => this.leftOut.has(p));
  }

  private excludeTimedOutEngines(row: CellState[]): void {
    const limit = this.options.timeoutsToExclude ?? 2;
    for (const s of row) {
      const t = this.timeouts.get(s.cell.engine);
      if (s.dropped !== undefined || t === undefined || t.programs.length < limit) continue;
      s.dropped = { reason: `${t.reason} on ${t.programs.join(' and ')}: not tried`, kind: 'timeout' };
    }
  }

  private nextProgram(row: CellState[]): void {
    const measured = row.filter((s) => s.dropped === undefined && s.kept > 0);
    if (measured.length > 0) {
      const cost = roundCost(measured);
      this.cheapestRoundMs = Math.min(this.cheapestRoundMs ?? cost, cost);
    }
    this.current++;
    this.roundInRow = 0;
  }

  private leaveOut(program: string): void {
    this.leftOut.add(program);
    const row = this.rows.get(program)!;
    this.excludeTimedOutEngines(row); // an engine not tried says so on every later program alike
    for (const s of row) if (s.dropped === undefined) s.dropped = { reason: '', kind: 'left-out' };
    this.current++;
    this.roundInRow = 0;
  }

  private stop(reason: string): undefined {
    this.stopReason = reason;
    while (this.current < this.programs.length) this.leaveOut(this.programs[this.current]!);
    return undefined;
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
