import { describe, expect, it } from 'vitest';
import { nextBatch } from './spec-stage.js';

const files = [10, 20, 500, 30, 40].map((bytes, k) => ({ path: `f${k}.wast`, bytes }));
const cost = (f: { bytes: number }) => f.bytes / 10; // seconds

describe('nextBatch', () => {
  it('takes files while they fit the share, passing over one that exceeds all that is left', () => {
    expect(nextBatch(files, 0, 2.5, 100, cost)).toEqual({ batch: [files[0]], to: 1, passedOver: 0 });
    expect(nextBatch(files, 0, 3, 100, cost)).toEqual({ batch: [files[0], files[1]], to: 2, passedOver: 0 });
    expect(nextBatch(files, 1, 10, 40, cost)).toEqual({ batch: [files[1], files[3], files[4]], to: 5, passedOver: 1 });
  });
  it('takes one file even past the share, when it fits what is left', () => {
    expect(nextBatch(files, 2, 1, 60, cost)).toEqual({ batch: [files[2]], to: 3, passedOver: 0 });
  });
  it('is empty when nothing fits', () => {
    expect(nextBatch(files, 0, 0.5, 0.5, cost)).toEqual({ batch: [], to: 5, passedOver: 5 });
  });
});
