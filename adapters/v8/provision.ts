// V8 in other Node versions (v8-node22, v8-node24; the V8 of the Node running
// wasmdiff needs no provisioning): where a copy is found, how `runtimes
// install` gets one (the npm `node` package), and how its version is asked.
import { ask } from '../provision/ask-version.js';
import { quietNodeEnv } from '../provision/exec.js';
import type { Probe } from '../provision/probe.js';
import type { RuntimeSpec } from '../provision/registry.js';

export const V8_RUNTIMES: readonly RuntimeSpec[] = [
  {
    name: 'v8-node22',
    family: 'v8',
    pathCommands: ['node'],
    nodeMajor: 22,
    acquisition: { method: 'npm-package', spec: 'node@22', binary: 'node_modules/node/bin/node' },
    howToInstall: 'wasmdiff runtimes install v8-node22 (npm i node@22), or set WASMDIFF_V8_NODE22 to a Node 22 binary',
  },
  {
    name: 'v8-node24',
    family: 'v8',
    pathCommands: ['node'],
    nodeMajor: 24,
    acquisition: { method: 'npm-package', spec: 'node@24', binary: 'node_modules/node/bin/node' },
    howToInstall: 'wasmdiff runtimes install v8-node24 (npm i node@24), or set WASMDIFF_V8_NODE24 to a Node 24 binary',
  },
];

export async function probeNode(command: readonly string[]): Promise<Probe> {
  const script = 'process.stdout.write(process.versions.v8 + " " + process.version)';
  const out = await ask(command, ['-e', script], quietNodeEnv());
  const match = /^(\S+) (v\d+\.\d+\.\d+)$/.exec(out.trim());
  if (match === null) throw new Error(`unexpected answer from ${command[0]}: ${out.trim().slice(0, 80)}`);
  return { version: match[1]!, detail: `Node ${match[2]!}`, dialect: 'node' };
}

/** `major` of a probe's `Node vMAJOR.x.y` detail. */
export function nodeMajor(probe: Probe): number | undefined {
  const match = /Node v(\d+)\./.exec(probe.detail);
  return match === null ? undefined : Number(match[1]);
}
