// The one entry point from install.ts to the acquisition methods, one file
// each: npm-package.ts, debian-extract.ts, and WAMR's own build
// (adapters/wamr/wamr-build.ts).
import { debianExtract } from './debian-extract.js';
import type { AcquisitionMethod, CliDialect, ServeRecord } from './manifest.js';
import { npmInstallPackage } from './npm-package.js';
import type { Acquisition } from './registry.js';
import { buildWamr } from '../wamr/wamr-build.js';

export interface InstallContext {
  /** The runtime's own folder; empty when acquisition starts. */
  dir: string;
  /** One progress line for the user (stderr). */
  log: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** What an acquisition produced; paths are relative to the install folder. */
export interface Acquired {
  method: AcquisitionMethod;
  binary: string;
  loader?: { interpreter: string; libraryPath: string[] };
  obtainedBy: string;
  components: string[];
  /** sha256 of the wasmdiff sources compiled into the binary (Manifest.builtFrom). */
  builtFrom?: string;
  /** Dialect known from the method itself (a probe confirms the rest). */
  dialect?: CliDialect;
  /** A request server built beside the binary (debian-extract with a `server`). */
  serve?: ServeRecord;
}

export function acquire(acquisition: Acquisition, ctx: InstallContext): Promise<Acquired> {
  switch (acquisition.method) {
    case 'npm-package':
      return npmInstallPackage(ctx, acquisition.spec, acquisition.binary);
    case 'wamr-build':
      return buildWamr(ctx, acquisition.pkg, acquisition.fastInterp);
    case 'debian-extract':
      return debianExtract(ctx, acquisition);
  }
}
