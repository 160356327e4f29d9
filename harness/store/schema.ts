// The store's schema as a list of migrations. Migration i (1-based) takes a
// database from `PRAGMA user_version` i-1 to i; a released migration is never
// edited, a change is a new entry at the end. JSON columns hold text written
// by json.ts (bigints and byte arrays survive the round trip).

/** What the `meta` table says under `application`, so a foreign SQLite file is recognised. */
export const APPLICATION = 'wasmdiff';

/** `PRAGMA application_id`: "wasd" in ASCII, so `file(1)`-style tools can tell the file apart too. */
export const APPLICATION_ID = 0x77617364;

import type Database from 'better-sqlite3';
import { resignFindings } from './resign-findings.js';

/** SQL, or for a change SQL cannot express (re-signing findings), a function run in the same transaction. */
export type Migration = string | ((db: Database.Database) => void);

export const MIGRATIONS: readonly Migration[] = [
  // 1: the first schema
  `
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE, -- random: identifies the run across merged stores
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    command     TEXT NOT NULL,
    options     TEXT NOT NULL,   -- JSON
    host        TEXT NOT NULL,   -- JSON: hostname, cpus, cpuModel, node, platform, arch
    summary     TEXT             -- JSON, set by finishRun
  );

  CREATE TABLE runtimes (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,      -- the adapter id, e.g. wasmtime, v8-node22
    engine   TEXT NOT NULL,
    version  TEXT NOT NULL,
    features TEXT NOT NULL DEFAULT '{}',  -- JSON: feature -> supported
    UNIQUE (name, version)
  );

  CREATE TABLE modules (
    hash  TEXT PRIMARY KEY,      -- sha256 of bytes, lower-case hex
    bytes BLOB NOT NULL,
    wat   TEXT,
    size  INTEGER NOT NULL
  );

  CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,   -- sha256 of module, invocations, source, origin: putCase is idempotent
    module_hash TEXT NOT NULL REFERENCES modules(hash),
    invocations TEXT NOT NULL,          -- JSON
    source      TEXT NOT NULL,          -- spec | fuzz | bench | ...
    origin      TEXT NOT NULL           -- e.g. i32.wast:120, seed 42 #17
  );
  CREATE INDEX cases_module ON cases(module_hash);

  CREATE TABLE outcomes (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    runtime_id  INTEGER NOT NULL REFERENCES runtimes(id),
    run_id      INTEGER NOT NULL REFERENCES runs(id),
    outcome     TEXT NOT NULL,          -- JSON (adapters/plan.ts RunOutcome or any record)
    duration_ms REAL,
    PRIMARY KEY (run_id, case_id, runtime_id)
  );

  CREATE TABLE findings (
    id           INTEGER PRIMARY KEY,
    signature    TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    summary      TEXT NOT NULL,
    runtimes     TEXT NOT NULL,         -- JSON array of runtime names
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'known')),
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    first_run_id INTEGER REFERENCES runs(id),
    last_run_id  INTEGER REFERENCES runs(id),
    count        INTEGER NOT NULL DEFAULT 1,
    module_hash  TEXT REFERENCES modules(hash),
    wat          TEXT,
    details      TEXT NOT NULL,         -- JSON: expected vs actual per runtime, reason, spec section
    repro        TEXT NOT NULL,         -- JSON: runtime -> command line
    fixed_in     TEXT,                  -- JSON: runtime -> version, while status = fixed
    fixed_run_id INTEGER REFERENCES runs(id)
  );
  CREATE INDEX findings_status ON findings(status);

  CREATE TABLE finding_sightings (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    run_id     INTEGER NOT NULL REFERENCES runs(id),
    seen_at    TEXT NOT NULL,
    note       TEXT                 -- e.g. why a fixed finding was re-opened
  );
  CREATE INDEX sightings_finding ON finding_sightings(finding_id);
  CREATE INDEX sightings_run ON finding_sightings(run_id);

  CREATE TABLE spec_results (
    run_id      INTEGER NOT NULL REFERENCES runs(id),
    runtime_id  INTEGER NOT NULL REFERENCES runtimes(id),
    file        TEXT NOT NULL,
    passed      INTEGER NOT NULL,
    failed      INTEGER NOT NULL,
    unsupported INTEGER NOT NULL,
    reasons     TEXT NOT NULL,          -- JSON array of strings
    PRIMARY KEY (run_id, runtime_id, file)
  );

  CREATE TABLE timings (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs(id),
    runtime_id INTEGER NOT NULL REFERENCES runtimes(id),
    program    TEXT NOT NULL,
    phase      TEXT NOT NULL CHECK (phase IN ('compile', 'instantiate', 'execute', 'wall')),
    iteration  INTEGER NOT NULL,
    ms         REAL NOT NULL,
    rss_kb     INTEGER
  );
  CREATE INDEX timings_run ON timings(run_id);

  CREATE TABLE coverage (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    opcode TEXT NOT NULL,
    count  INTEGER NOT NULL,
    PRIMARY KEY (run_id, opcode)
  );
  `,
  // 2: findings are root causes (family, kind, culprit, operand class); each
  // keeps a few representative sightings, smallest first, and which members
  // of the family showed it on which versions; merged findings keep their
  // old ids as aliases
  `
  ALTER TABLE findings ADD COLUMN family TEXT;
  ALTER TABLE findings ADD COLUMN culprit TEXT;
  ALTER TABLE findings ADD COLUMN operand_class TEXT;
  ALTER TABLE findings ADD COLUMN members TEXT NOT NULL DEFAULT '{}';  -- JSON: runtime -> { first, last: version, count }

  CREATE TABLE finding_examples (
    id          INTEGER PRIMARY KEY,
    finding_id  INTEGER NOT NULL REFERENCES findings(id),
    key         TEXT NOT NULL,          -- runtime, origin and module: the same sighting again only counts
    runtime     TEXT NOT NULL,
    version     TEXT,
    source      TEXT NOT NULL,          -- spec | fuzz | probe | bench
    origin      TEXT NOT NULL,          -- file:line, the fuzz case, probe:feature
    size        INTEGER NOT NULL,       -- module bytes
    module_hash TEXT,
    wat         TEXT,
    details     TEXT NOT NULL,          -- JSON: expected vs actual, invocations, raw output
    repro       TEXT NOT NULL DEFAULT '{}',
    count       INTEGER NOT NULL DEFAULT 1,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    UNIQUE (finding_id, key)
  );
  CREATE INDEX examples_finding ON finding_examples(finding_id);

  CREATE TABLE finding_aliases (
    old_id     INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings(id)
  );
  `,
  // 3: existing findings re-signed as causes, those of one cause merged
  resignFindings,
  // 4: re-signed again: a NaN-rule culprit names the kind of operation (rounding, min/max, ...)
  resignFindings,
  // 5: re-signed again: the operand class counts only the values the culprit takes (one crash in ref.null, whatever the arguments)
  resignFindings,
];

/** The schema version this code writes: the number of migrations. */
export const SCHEMA_VERSION = MIGRATIONS.length;
