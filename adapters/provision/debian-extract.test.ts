import { describe, expect, it } from 'vitest';
import { parseSimulatedInstall } from './debian-extract.js';

const SIMULATED = `Reading package lists...
The following NEW packages will be installed:
  gcc-16-base libc6 wasmedge
Inst gcc-16-base (16.2.0-4 Debian:unstable [amd64])
Inst libc6 (2.43-7 Debian:unstable [amd64])
Inst libllvm21 (1:21.1.8-14 Debian:unstable [amd64])
Inst wasmedge (0.17.1-1+b1 Debian:unstable [amd64])
Conf libc6 (2.43-7 Debian:unstable [amd64])
`;

describe('parseSimulatedInstall', () => {
  it('reads every Inst line as name=version, epochs kept', () => {
    expect(parseSimulatedInstall(SIMULATED, 'wasmedge')).toEqual([
      'gcc-16-base=16.2.0-4',
      'libc6=2.43-7',
      'libllvm21=1:21.1.8-14',
      'wasmedge=0.17.1-1+b1',
    ]);
  });

  it('fails when apt would not install the package itself', () => {
    expect(() => parseSimulatedInstall('E: Unable to locate package wasmedge\n', 'wasmedge')).toThrow(/would not install wasmedge/);
  });
});
