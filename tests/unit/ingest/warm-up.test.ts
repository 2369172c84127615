import { describe, expect, it } from 'vitest';
import { warmUp } from '../../../src/ingest/tasks';

describe('warming up a new import worker', () => {
  it('reads its built-in two-row file through the whole check, keeping both rows', async () => {
    // A sample that stopped reading (a renamed column, a stricter check) would warm nothing.
    expect(await warmUp()).toBe(2);
  });
});
