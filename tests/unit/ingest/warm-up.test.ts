import { afterEach, describe, expect, it, vi } from 'vitest';
import { EncodingSink } from '../../../src/ingest/encoding-sink';
import { previewText } from '../../../src/ingest/preview';
import { warmSample, warmUp } from '../../../src/ingest/warm-up';

describe('warming up a new import worker', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads its generated 20,000-row file through the whole check, keeping every row', async () => {
    // A sample that stopped reading (a renamed column, a stricter check) would warm nothing.
    expect(await warmUp()).toBe(20_000);
  });

  it('stops mid-run when the worker gets a message, so the message does not wait for it', async () => {
    // The message arrives as a task while rows are being read, as a worker's message does: the
    // warm-up must let it in and stop, well before its 20,000 rows.
    const controller = new AbortController();
    const original = EncodingSink.prototype.add;
    let added = 0;
    vi.spyOn(EncodingSink.prototype, 'add').mockImplementation(function (this: EncodingSink, r) {
      if (added++ === 0) setTimeout(() => controller.abort(), 0);
      original.call(this, r);
    });
    await expect(warmUp(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(20_000);
  });

  it('generates a file in the native format with quoted fields and non-ASCII names', () => {
    const preview = previewText(warmSample(40));
    expect(preview.format).toBe('native');
    expect(preview.missing).toEqual([]);
    expect(preview.sampleProblemRows).toBe(0);
    expect(preview.rows[1].quote).toBe('We will not move on nato-membership, "now", row 2.');
    expect(preview.rows.map((r) => r.actor)).toContain('Дмитрий Шевченко');
  });
});
