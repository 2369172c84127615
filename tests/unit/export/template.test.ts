import { describe, expect, it } from 'vitest';
import { NATIVE_COLUMNS } from '../../../src/domain/types';
import { previewText } from '../../../src/ingest/preview';
import { templateCsv } from '../../../src/export/template';

describe('templateCsv', () => {
  it('starts with the native header', () => {
    expect(templateCsv().split('\n')[0]).toBe(NATIVE_COLUMNS.join(','));
  });

  it('imports cleanly: every example row is a statement, none rejected', () => {
    const preview = previewText(templateCsv());
    expect(preview.missing).toEqual([]);
    expect(preview.issues).toEqual([]);
    expect(preview.sampleRows).toBe(3);
    expect(preview.rows).toHaveLength(3);
  });

  it("carries the seed article's facts: Lavrov's truce quote and Putin's conditional stance", () => {
    const [truce, , putin] = previewText(templateCsv()).rows;
    expect(truce).toMatchObject({
      actor: 'Sergey Lavrov',
      topic: 'ceasefire',
      stance: -2,
      quote: 'A truce leads to nowhere',
    });
    expect(putin).toMatchObject({
      actor: 'Vladimir Putin',
      precision: 'month',
      stance: 1,
      conditional: true,
      reportedVia: 'Reuters report',
    });
  });
});
