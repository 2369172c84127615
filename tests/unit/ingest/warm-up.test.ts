import { describe, expect, it } from 'vitest';
import { previewText } from '../../../src/ingest/pipeline';
import { warmSample, warmUp } from '../../../src/ingest/tasks';

describe('warming up a new import worker', () => {
  it('reads its generated 20,000-row file through the whole check, keeping every row', async () => {
    // A sample that stopped reading (a renamed column, a stricter check) would warm nothing.
    expect(await warmUp()).toBe(20_000);
  });

  it('stops when the worker gets a message, so the message does not wait for it', async () => {
    const controller = new AbortController();
    const run = warmUp(controller.signal);
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
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
