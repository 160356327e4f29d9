import { expect, it } from 'vitest';
import { parseDuration } from './duration.js';

it('parses the units bench takes and rejects the rest', () => {
  expect([parseDuration('10m'), parseDuration('90s'), parseDuration('1h'), parseDuration('1500ms'), parseDuration('250')]).toEqual([600_000, 90_000, 3_600_000, 1500, 250]);
  expect([parseDuration('0s'), parseDuration('ten'), parseDuration('5 days'), parseDuration('')]).toEqual([undefined, undefined, undefined, undefined]);
});
