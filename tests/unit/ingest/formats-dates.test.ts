import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../../src/domain/dates';
import { detectDateFormat, parseDateAs, type DateFormat } from '../../../src/ingest/formats/dates';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { readDate } from '../../../src/ingest/validate';
import type { StatementRecord } from '../../../src/domain/types';
import { asAsync } from './helpers';

const AMBIGUOUS = readFileSync(
  path.resolve(__dirname, '../../fixtures/formats/ambiguous-dates.csv'),
  'utf8',
);

describe('parseDateAs', () => {
  it.each([
    ['2024-12-18', 'iso', 2024, 12, 18, 'day'],
    ['2024-12', 'iso', 2024, 12, 1, 'month'],
    ['2024', 'iso', 2024, 1, 1, 'year'],
    ['20191024', 'compact', 2019, 10, 24, 'day'],
    ['20191024143000', 'compact', 2019, 10, 24, 'day'],
    ['201910', 'compact', 2019, 10, 1, 'month'],
    ['16 May 2025', 'text', 2025, 5, 16, 'day'],
    ['16-May-2025', 'text', 2025, 5, 16, 'day'],
    ['May 16, 2025', 'text', 2025, 5, 16, 'day'],
    ['September 2024', 'text', 2024, 9, 1, 'month'],
    ['03/04/2024', 'dmy', 2024, 4, 3, 'day'],
    ['03/04/2024', 'mdy', 2024, 3, 4, 'day'],
    ['18.12.2024', 'dmy', 2024, 12, 18, 'day'],
    ['12/2024', 'dmy', 2024, 12, 1, 'month'],
    ['1747353600', 'epoch', 2025, 5, 16, 'day'],
    ['2024-12-18T23:30:00Z', 'dmy', 2024, 12, 18, 'day'],
  ] as const)('reads %s as %s', (text, format, y, m, d, precision) => {
    expect(parseDateAs(text, format)).toEqual({ day: dayNumber(y, m, d), precision });
  });

  it.each([
    ['31/12/2024', 'iso'],
    ['31/12/2024', 'mdy'],
    ['2024-02-30', 'dmy'],
    ['30 Feb 2024', 'text'],
    ['16 Mai 2025', 'text'],
    ['2019102', 'compact'],
    ['2024-12-18T10:00', 'iso'],
    ['yesterday', 'epoch'],
  ] as const)('does not read %s as %s', (text, format) => {
    expect(parseDateAs(text, format as DateFormat)).toBeNull();
  });
});

describe('detectDateFormat', () => {
  it.each([
    [['2024-12-18', '2024-11', '2024'], 'iso'],
    [['03/04/2024', '25/06/2024'], 'dmy'],
    [['03/04/2024', '06/25/2024'], 'mdy'],
    [['18.12.2024', '01.02.2024'], 'dmy'],
    [['05/05/2024', '07/07/2024'], 'dmy'],
    [['20191024', '20191025'], 'compact'],
    [['16 May 2025', '2025-05-20', '17 May 2025'], 'text'],
    [['1747353600', '1747440000'], 'epoch'],
    // One odd date never changes how the others are read: it is rejected on its own.
    [['2024-12-18', '31/12/2024', '2024-11'], 'iso'],
    [[], 'iso'],
  ])('reads %j as %s', (values, format) => {
    expect(detectDateFormat(values)).toMatchObject({ format, ambiguous: false });
  });

  it('says when no value tells day/month from month/day, with examples', () => {
    expect(detectDateFormat(['03/04/2024', '05/06/2024', '', '05/05/2024'])).toEqual({
      format: null,
      ambiguous: true,
      examples: ['03/04/2024', '05/06/2024'],
    });
  });
});

describe('an ambiguous file in the preview', () => {
  it('asks for the date format instead of guessing', () => {
    const preview = previewText(AMBIGUOUS);
    expect(preview.rule.dateFormat).toBeNull();
    expect(preview.dates).toMatchObject({ ambiguous: true });
    expect(preview.needs).toEqual([
      'Dates such as 03/04/2024, 05/06/2024, 07/08/2024 read both as day/month and as month/day: choose the Date format.',
    ]);
    expect(preview.rows).toHaveLength(0);
    expect(preview.issues[0].message).toBe(
      'date "03/04/2024" reads as day/month and as month/day: choose the date format',
    );
  });

  it.each([
    [
      'dmy',
      [
        dayNumber(2024, 4, 3),
        dayNumber(2024, 6, 5),
        dayNumber(2024, 8, 7),
        dayNumber(2024, 11, 10),
      ],
    ],
    [
      'mdy',
      [
        dayNumber(2024, 3, 4),
        dayNumber(2024, 5, 6),
        dayNumber(2024, 7, 8),
        dayNumber(2024, 10, 11),
      ],
    ],
  ] as const)('reads every date the %s way once chosen', async (dateFormat, days) => {
    const preview = previewText(AMBIGUOUS, { rule: { dateFormat } });
    expect(preview.needs).toEqual([]);
    const records: StatementRecord[] = [];
    await importRows(
      asAsync([AMBIGUOUS]),
      { ...preview, format: preview.format, rule: preview.rule },
      { batch: (batch) => void records.push(...batch) },
    );
    expect(records.map((r) => r.day)).toEqual(days);
  });

  it('reads a date that is only a real day one way even before the user chooses', () => {
    expect(readDate('25/04/2024', null)).toEqual({ day: dayNumber(2024, 4, 25), precision: 'day' });
    expect(readDate('04/05/2024', null)).toBeNull();
    expect(readDate('04/04/2024', null)).toEqual({ day: dayNumber(2024, 4, 4), precision: 'day' });
  });
});

describe('undated rows', () => {
  it('are rejected with that reason', async () => {
    const text =
      'date,actor,topic,stance\n,Sergey Lavrov,ceasefire,-1\n2024-12-18,Keith Kellogg,ceasefire,1\n';
    const preview = previewText(text);
    const summary = await importRows(
      asAsync([text]),
      { ...preview, format: preview.format, rule: preview.rule },
      { batch: () => undefined },
    );
    expect(summary).toMatchObject({ rowsRead: 2, added: 1, rejected: 1 });
    expect(summary.issues).toEqual([{ line: 2, column: 'date', message: 'date is empty' }]);
  });
});
