import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRows, type ImportSummary } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { decodeChunks } from '../../../src/ingest/decode';
import type { FormatId, Rule } from '../../../src/ingest/formats/types';
import { cameoLabel, cameoTopic } from '../../../src/ingest/formats/cameo';
import type { StatementRecord } from '../../../src/domain/types';
import { dayNumber } from '../../../src/domain/dates';
import { asAsync, cut } from './helpers';

const FORMATS_DIR = path.resolve(__dirname, '../../fixtures/formats');
/** The real GDELT 2.0 export, copied whole (source and citation in tests/fixtures/README.md). */
const GDELT_FILE = path.join(FORMATS_DIR, 'gdelt/20191024143000.export.CSV');

function bytesOf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FORMATS_DIR, name)));
}

/**
 * Imports a fixture the way the worker does: a preview (format, rule) of its text, then the
 * whole file streamed in small byte chunks with the preview's choices.
 */
async function importFixture(
  name: string,
  options: { rule?: Partial<Rule>; format?: FormatId } = {},
) {
  const bytes = bytesOf(name);
  const preview = previewText(new TextDecoder().decode(bytes), options);
  const records: StatementRecord[] = [];
  const summary = await importRows(
    decodeChunks(asAsync(cut(bytes, 61))),
    {
      delimiter: preview.delimiter,
      newline: preview.newline,
      format: preview.format,
      rule: preview.rule,
      mapping: preview.mapping,
    },
    { batch: (batch) => void records.push(...batch) },
  );
  return { preview, summary, records };
}

function rejectedLines(summary: ImportSummary): number[] {
  return [...new Set(summary.issues.map((i) => i.line))];
}

interface Case {
  name: string;
  format: FormatId;
  rule?: Partial<Rule>;
  rows: number;
  added: number;
  duplicates: number;
  rejected: number;
  lines: number[];
}

/** From tests/fixtures/README.md, "Formats". */
const CASES: Case[] = [
  {
    name: 'gdelt1-mixed.tsv',
    format: 'gdelt1',
    rows: 6,
    added: 4,
    duplicates: 1,
    rejected: 1,
    lines: [3],
  },
  {
    name: 'gdelt2-header.csv',
    format: 'gdelt2',
    rows: 4,
    added: 3,
    duplicates: 0,
    rejected: 1,
    lines: [4],
  },
  {
    name: 'phoenix.tsv',
    format: 'phoenix',
    rows: 4,
    added: 3,
    duplicates: 0,
    rejected: 1,
    lines: [3],
  },
  { name: 'icews.tab', format: 'icews', rows: 5, added: 4, duplicates: 0, rejected: 1, lines: [4] },
  { name: 'acled.csv', format: 'acled', rows: 5, added: 4, duplicates: 0, rejected: 1, lines: [6] },
  {
    name: 'acled-old.csv',
    format: 'acled',
    rows: 3,
    added: 3,
    duplicates: 0,
    rejected: 0,
    lines: [],
  },
  {
    name: 'timelinejs.csv',
    format: 'timelinejs',
    rows: 7,
    added: 3,
    duplicates: 0,
    rejected: 4,
    lines: [2, 3, 7, 8],
  },
  {
    name: 'unga-votes.csv',
    format: 'unga',
    rows: 7,
    added: 6,
    duplicates: 0,
    rejected: 1,
    lines: [5],
  },
  {
    name: 'wide-agreements.csv',
    format: 'wide',
    // GeWom, HrGen, Ce, Polps, TerPower: the provision columns, without Lgt (the length).
    rule: { topicColumns: [6, 7, 8, 9, 10] },
    rows: 9,
    added: 7,
    duplicates: 0,
    rejected: 2,
    lines: [5, 6],
  },
  {
    name: 'ambiguous-dates.csv',
    format: 'native',
    rule: { dateFormat: 'dmy' },
    rows: 4,
    added: 4,
    duplicates: 0,
    rejected: 0,
    lines: [],
  },
];

describe.each(CASES)('$name', (c) => {
  it(`is detected as ${c.format}`, () => {
    const preview = previewText(new TextDecoder().decode(bytesOf(c.name)));
    expect(preview.format).toBe(c.format);
    expect(preview.candidates[0]).toBe(c.format);
  });

  it('accounts for every row: added, duplicates and rejected as the README lists', async () => {
    const { summary, records } = await importFixture(c.name, { rule: c.rule });
    expect(summary).toMatchObject({
      rowsRead: c.rows,
      added: c.added,
      duplicates: c.duplicates,
      rejected: c.rejected,
    });
    expect(summary.added + summary.duplicates + summary.updated + summary.rejected).toBe(
      summary.rowsRead,
    );
    expect(records).toHaveLength(c.added);
    expect(rejectedLines(summary)).toEqual(c.lines);
  });
});

describe('the real GDELT 2.0 export (a fixture)', () => {
  it('is detected as GDELT 2.0 without a header, tab-separated', () => {
    const sample = readFileSync(GDELT_FILE).subarray(0, 256 * 1024);
    const preview = previewText(new TextDecoder().decode(sample), { truncated: true });
    expect(preview).toMatchObject({ format: 'gdelt2', delimiter: '\t', needs: [], missing: [] });
    expect(preview.rule).toMatchObject({
      header: false,
      dateFormat: 'compact',
      stanceRule: 'quadclass',
    });
    expect(preview.headers).toHaveLength(61);
    expect(preview.ruleText).toMatch(/^GDELT 2\.0 events: .*QuadClass/);
  });

  it('imports streamed from disk with all 2,111 rows accounted for', async () => {
    const sample = readFileSync(GDELT_FILE).subarray(0, 256 * 1024);
    const preview = previewText(new TextDecoder().decode(sample), { truncated: true });
    const records: StatementRecord[] = [];
    const summary = await importRows(
      decodeChunks(createReadStream(GDELT_FILE, { highWaterMark: 16 * 1024 })),
      {
        delimiter: preview.delimiter,
        newline: preview.newline,
        format: preview.format,
        rule: preview.rule,
        mapping: preview.mapping,
      },
      { batch: (batch) => void records.push(...batch) },
    );
    expect(summary.rowsRead).toBe(2111);
    expect(summary.added + summary.duplicates + summary.updated + summary.rejected).toBe(2111);
    // The README: 174 rows have no Actor1 at all; they are the rejected ones, with that reason.
    expect(summary.rejected).toBe(174);
    expect(new Set(summary.issues.map((i) => i.message))).toEqual(
      new Set(['Actor1Name and Actor1Code are both empty']),
    );
    expect(records.every((r) => r.id.startsWith('gdelt-'))).toBe(true);
    expect(records.every((r) => r.url === '' || /^https?:/.test(r.url))).toBe(true);
  });

  it('maps one event as the codebook says', async () => {
    const { records } = await importLines(readFileSync(GDELT_FILE, 'utf8').split('\n').slice(0, 4));
    const event = records.find((r) => r.id === 'gdelt-881990835')!;
    expect(event).toMatchObject({
      day: dayNumber(2018, 10, 24),
      precision: 'day',
      actor: 'TOURISM INDUSTRY',
      affiliation: '',
      target: 'KUALA LUMPUR',
      topic: '043 Host a visit',
      stance: 1,
      source: 'www.bernama.com',
      url: 'http://www.bernama.com/en/general/news.php?id=1782819',
    });
  });
});

async function importLines(lines: string[], options: { rule?: Partial<Rule> } = {}) {
  const text = lines.join('\n') + '\n';
  const preview = previewText(text, options);
  const records: StatementRecord[] = [];
  const summary = await importRows(
    asAsync([text]),
    { ...preview, format: preview.format, rule: preview.rule },
    { batch: (batch) => void records.push(...batch) },
  );
  return { preview, summary, records };
}

describe('GDELT', () => {
  it('reads 57- and 58-column rows of one GDELT 1.0 file, with a link only in the newer rows', async () => {
    const { records } = await importFixture('gdelt1-mixed.tsv');
    expect(records.map((r) => [r.id, r.url])).toEqual([
      ['gdelt-410000001', ''],
      ['gdelt-410000002', ''],
      ['gdelt-420000004', 'http://example.org/news/1'],
      ['gdelt-420000005', 'https://example.org/news/2'],
    ]);
  });

  it('takes Actor1Code when Actor1Name is empty', async () => {
    const { records } = await importFixture('gdelt1-mixed.tsv');
    expect(records[1]).toMatchObject({ actor: 'USAGOV', affiliation: 'USA', stance: -1 });
  });

  it.each([
    ['quadclass', [1, -1, -2]],
    ['goldstein', [2, -1, -2]],
  ] as const)('takes the stance from the %s rule', async (stanceRule, stances) => {
    const { records } = await importFixture('gdelt2-header.csv', { rule: { stanceRule } });
    expect(records.map((r) => r.stance)).toEqual(stances);
  });

  it('moves the Goldstein thresholds as the rule says', async () => {
    const { records } = await importFixture('gdelt2-header.csv', {
      rule: { stanceRule: 'goldstein', strong: 8, weak: 3 },
    });
    // Goldstein 7.0, -2.0 and -8.0.
    expect(records.map((r) => r.stance)).toEqual([1, 0, -2]);
  });

  it('reads a header row as exported by other tools, quoted cells included', async () => {
    const { preview, records } = await importFixture('gdelt2-header.csv');
    expect(preview.rule.header).toBe(true);
    expect(records[0]).toMatchObject({
      actor: 'RUSSIA, "PRESIDENT"',
      topic: '046 Engage in negotiation',
      url: 'https://example.org/a?x=1,2',
    });
  });
});

describe('CAMEO labels', () => {
  it.each([
    ['01', 'Make public statement'],
    ['20', 'Use unconventional mass violence'],
    ['042', 'Make a visit'],
    ['0231', 'Appeal for aid'],
    ['196', 'Violate ceasefire'],
    ['99', ''],
  ])('labels %s as "%s"', (code, label) => {
    expect(cameoLabel(code)).toBe(label);
  });

  it('keeps the leading zeros of the code in the topic', () => {
    expect(cameoTopic('042')).toBe('042 Make a visit');
  });
});

describe('Phoenix', () => {
  it('maps PentaClass 0 to neutral and keeps a stray quote as text', async () => {
    const { records } = await importFixture('phoenix.tsv');
    expect(records.map((r) => [r.actor, r.stance, r.topic])).toEqual([
      ['RUSGOV', 0, '010 Make statement'],
      ['USAGOV', -1, '1121 Accuse'],
      ['UKRMIL', -2, '190 Use conventional military force'],
    ]);
    expect(records[1].source).toBe('wire "x"');
    expect(records[0].url).toBe('http://example.org/p1');
  });
});

describe('ICEWS', () => {
  it('reads NA as missing and keeps CAMEO codes as text', async () => {
    const { records, summary } = await importFixture('icews.tab');
    expect(records[0]).toMatchObject({
      id: 'icews-926685',
      actor: 'Vladimir Putin',
      affiliation: 'Russian Federation',
      topic: '042 Make a visit',
      source: 'Interfax',
    });
    expect(records[3].source).toBe('');
    expect(summary.issues[0]).toEqual({
      line: 4,
      column: 'actor',
      message: 'Source Name is empty',
    });
  });

  it('takes the stance from Intensity by thresholds', async () => {
    const { records } = await importFixture('icews.tab');
    // Intensity 1.9, -2, 3.4, -9.5.
    expect(records.map((r) => r.stance)).toEqual([1, -1, 1, -2]);
  });
});

describe('ACLED', () => {
  it('reads "16 May 2025" dates and ISO ones in the same file', async () => {
    const { preview, records } = await importFixture('acled.csv');
    expect(preview.rule.dateFormat).toBe('text');
    expect(records[0].day).toBe(dayNumber(2025, 5, 16));
    expect(records[3].day).toBe(dayNumber(2025, 5, 20));
  });

  it('keeps a month when time_precision says the day is not known', async () => {
    const { records } = await importFixture('acled.csv');
    expect(records[2]).toMatchObject({ day: dayNumber(2025, 5, 1), precision: 'month' });
  });

  it('keeps notes as text, with their line break', async () => {
    const { records } = await importFixture('acled.csv');
    expect(records[0].summary).toBe(
      'On 16 May 2025, Russian forces shelled Kharkiv, "damaging" houses.\nNo casualties reported.',
    );
  });

  it('takes the stance from the event type, and from the rule when the user changes it', async () => {
    const before = await importFixture('acled.csv');
    expect(before.preview.choices.eventTypes).toEqual([
      'Explosions/Remote violence',
      'Protests',
      'Strategic developments',
      'Battles',
      'Riots',
    ]);
    expect(before.records.map((r) => r.stance)).toEqual([-2, -1, 0, -1]);
    const after = await importFixture('acled.csv', {
      rule: { eventStance: { ...before.preview.rule.eventStance, Protests: 1 } },
    });
    expect(after.records.map((r) => r.stance)).toEqual([-2, 1, 0, -1]);
  });

  it('reads the older layout with day-first dates', async () => {
    const { preview, records } = await importFixture('acled-old.csv');
    expect(preview.rule.dateFormat).toBe('dmy');
    expect(records.map((r) => [r.day, r.stance, r.topic])).toEqual([
      [dayNumber(2012, 1, 15), -2, 'Battle-No change of territory'],
      [dayNumber(2012, 2, 3), -1, 'Riots/Protests'],
      [dayNumber(2012, 2, 4), 0, 'Non-violent transfer of territory'],
    ]);
  });
});

describe('TimelineJS', () => {
  it('dates each slide with the precision of the parts it gives', async () => {
    const { records } = await importFixture('timelinejs.csv');
    expect(records.map((r) => [r.day, r.precision, r.actor])).toEqual([
      [dayNumber(2022, 2, 24), 'day', 'Russia'],
      [dayNumber(2022, 3, 1), 'month', 'Ukraine'],
      [dayNumber(2023, 1, 1), 'year', 'Ukraine'],
    ]);
  });

  it('keeps text, never markup', async () => {
    const { records } = await importFixture('timelinejs.csv');
    expect(records[0].summary).toBe(
      'Invasion begins — Putin announces a "special military operation" .',
    );
    expect(records[1].summary).toBe('Istanbul talks — Talks in Istanbul & a draft communiqué.');
  });

  it('says why title, era, undated and impossible slides are not statements', async () => {
    const { summary } = await importFixture('timelinejs.csv');
    expect(summary.issues.map((i) => [i.line, i.message])).toEqual([
      [2, 'a title slide is not a statement'],
      [3, 'a era slide is not a statement'],
      [7, 'Year is empty: the slide is undated'],
      [8, 'Year/Month/Day "2023-2-30" is not a real day'],
    ]);
  });

  it('gives every slide the topic and stance of the rule', async () => {
    const { records } = await importFixture('timelinejs.csv', {
      rule: { topic: 'war-aims', stance: -1 },
    });
    expect(new Set(records.map((r) => `${r.topic} ${r.stance}`))).toEqual(new Set(['war-aims -1']));
  });
});

describe('UN General Assembly votes', () => {
  it('maps yes, no and abstain to support, oppose and conditional', async () => {
    const { records } = await importFixture('unga-votes.csv');
    expect(records.slice(0, 3).map((r) => [r.actor, r.stance, r.conditional, r.topic])).toEqual([
      ['Ukraine', 1, false, 'A/RES/ES-11/1'],
      ['Russia', -1, false, 'A/RES/ES-11/1'],
      ['China', 1, true, 'A/RES/ES-11/1'],
    ]);
    expect(records[0].id).toBe('unga-9001-UA');
  });

  it('rejects an absent vote with that reason', async () => {
    const { summary } = await importFixture('unga-votes.csv');
    expect(summary.issues).toEqual([
      { line: 5, column: 'stance', message: 'vote "absent" is absent' },
    ]);
  });
});

describe('wide tables', () => {
  it('offers the columns holding only 0-3 values as topics, and maps the fixed columns', () => {
    const preview = previewText(new TextDecoder().decode(bytesOf('wide-agreements.csv')));
    expect(preview.choices.topicColumns.map((i) => preview.headers[i])).toEqual([
      'Lgt',
      'GeWom',
      'HrGen',
      'Ce',
      'Polps',
      'TerPower',
    ]);
    expect(preview.mapping).toMatchObject({ id: 0, actor: 1, date: 2, affiliation: 3 });
    expect(preview.missing).toEqual([]);
  });

  it('melts each chosen column into one statement per cell with a value', async () => {
    const { records } = await importFixture('wide-agreements.csv', {
      rule: { topicColumns: [6, 7, 8, 9, 10] },
    });
    expect(records.map((r) => `${r.actor}: ${r.topic} ${r.stance}`)).toEqual([
      'Minsk Protocol: GeWom 1',
      'Minsk Protocol: Ce 2',
      'Minsk Memorandum: Ce 2',
      'Package of Measures (Minsk II): HrGen 1',
      'Package of Measures (Minsk II): Ce 2',
      'Package of Measures (Minsk II): Polps 2',
      'Package of Measures (Minsk II): TerPower 2',
    ]);
    expect(records[0].id).toBe('101-GeWom');
  });

  it('says which cell of a melted row was rejected, and why a row gave nothing', async () => {
    const { summary } = await importFixture('wide-agreements.csv', {
      rule: { topicColumns: [6, 7, 8, 9, 10] },
    });
    expect(summary.issues).toEqual([
      { line: 5, column: 'topic', message: 'no value in any topic column' },
      { line: 6, column: 'date (HrGen)', message: 'date is empty' },
    ]);
  });

  it('asks for a topic column when none is chosen', () => {
    const preview = previewText(new TextDecoder().decode(bytesOf('wide-agreements.csv')), {
      format: 'wide',
      rule: { topicColumns: [] },
    });
    expect(preview.needs).toEqual(['Choose at least one topic column.']);
  });
});

describe('choosing a format by hand', () => {
  it('reads the file with the chosen format and its default rule', () => {
    const text = new TextDecoder().decode(bytesOf('acled.csv'));
    const preview = previewText(text, { format: 'native' });
    expect(preview.format).toBe('native');
    expect(preview.candidates[0]).toBe('acled');
    // The dates and the country are found by their values; no column is a topic.
    expect(preview.missing).toEqual(['topic']);
  });

  it('lists every format for the Format select', () => {
    const preview = previewText('date,actor,topic,stance\n2024,A,b,1\n');
    expect(preview.formats.map((f) => f.id)).toEqual([
      'native',
      'gdelt2',
      'gdelt1',
      'icews',
      'acled',
      'phoenix',
      'timelinejs',
      'unga',
      'wide',
      'wide-actors',
    ]);
  });
});
