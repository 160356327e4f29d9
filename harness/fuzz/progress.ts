// The fuzz loop's progress on stderr: one line rewritten in place on a
// terminal, a plain line every few seconds otherwise (CI logs).
import type { FuzzProgress } from './loop.js';

export function progressLine(p: FuzzProgress): string {
  return `fuzz: ${p.cases} cases, ${p.casesPerSecond.toFixed(1)} cases/s, ${p.newFindings} new findings, ${p.findings} sightings, ${p.seconds.toFixed(0)} s`;
}

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(p: FuzzProgress): void; end(): void } {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      if (stream.isTTY) {
        stream.write(`\r${progressLine(p)}\x1b[K`);
        shown = true;
      } else if (performance.now() - last >= 5000) {
        last = performance.now();
        stream.write(`${progressLine(p)}\n`);
      }
    },
    end() {
      if (shown) stream.write('\n');
    },
  };
}
