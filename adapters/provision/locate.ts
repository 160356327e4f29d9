// Where a runtime's binary may be, in the order wasmdiff prefers them:
//   1. the environment variable WASMDIFF_<NAME> (an explicit choice wins),
//   2. PATH (a real, user-installed CLI; RUNTIMES.md: a real `wasmtime` or
//      `iwasm` must be used when present, rather than a stand-in),
//   3. the project's install folder `.wasmdiff/runtimes/<name>/`.
// This file only looks at the file system; probing a candidate (running it)
// is status.ts's job.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { projectRoot } from '../project.js';
import { manifestCommand, readManifest, type Manifest } from './manifest.js';
import { envVarName, type RuntimeSpec } from './registry.js';

export type CandidateSource = 'env' | 'path' | 'install';

export interface Candidate {
  source: CandidateSource;
  /** The executable file found. */
  binary: string;
  /** The argv prefix that runs it (a bundled loader first, for Debian extracts). */
  command: string[];
  manifest?: Manifest;
}

export interface LocateContext {
  env: NodeJS.ProcessEnv;
  /** The folder holding one subfolder per installed runtime. */
  installRoot: string;
}

/** `<project root>/.wasmdiff/runtimes`. */
export function defaultInstallRoot(): string {
  return join(projectRoot(), '.wasmdiff', 'runtimes');
}

export function defaultLocateContext(): LocateContext {
  return { env: process.env, installRoot: defaultInstallRoot() };
}

export function installDir(installRoot: string, spec: RuntimeSpec): string {
  return join(installRoot, spec.name);
}

/** Every place the runtime is, best first, and why other places were passed over. */
export function findCandidates(spec: RuntimeSpec, ctx: LocateContext): { candidates: Candidate[]; notes: string[] } {
  const candidates: Candidate[] = [];
  const notes: string[] = [];

  const variable = envVarName(spec.name);
  const fromEnv = ctx.env[variable];
  if (fromEnv !== undefined && fromEnv !== '') {
    // a bare name is looked up on PATH, a path is taken as it is
    const binary = fromEnv.includes('/') ? resolve(fromEnv) : findOnPath(fromEnv, ctx.env.PATH);
    if (binary !== undefined && isExecutableFile(binary)) candidates.push({ source: 'env', binary, command: [binary] });
    else notes.push(`${variable}=${fromEnv} is not an executable file`);
  }

  for (const name of spec.pathCommands) {
    const binary = findOnPath(name, ctx.env.PATH);
    if (binary !== undefined) candidates.push({ source: 'path', binary, command: [binary] });
  }

  const dir = installDir(ctx.installRoot, spec);
  const manifest = readManifest(dir);
  if (manifest !== undefined) {
    const command = manifestCommand(dir, manifest);
    const binary = join(dir, manifest.binary);
    if (isExecutableFile(command[0]!) && existsSync(binary)) candidates.push({ source: 'install', binary, command, manifest });
    else notes.push(`the install in ${dir} is damaged (${manifest.binary} missing): reinstall with --force`);
  } else if (existsSync(dir)) {
    notes.push(`${dir} holds an unfinished install (no manifest): run \`wasmdiff runtimes install ${spec.name}\``);
  }

  return { candidates, notes };
}

/** The first executable called `command` on a PATH string, as `which` finds it. */
export function findOnPath(command: string, pathVar: string | undefined): string | undefined {
  if (pathVar === undefined) return undefined;
  for (const dir of pathVar.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue; // a relative PATH entry depends on the cwd: skip it
    const file = join(dir, command);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
