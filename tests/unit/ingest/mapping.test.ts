import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { decodeChunks } from '../../../src/ingest/decode';
import type { Rule } from '../../../src/ingest/formats/types';
import {
  binStance,
  numericScale,
  proposeStance,
  stanceReader,
} from '../../../src/ingest/formats/stance-values';
import type { StatementRecord } from '../../../src/domain/types';
import { fullYear } from '../../../src/ingest/formats/dates';
import { htmlToText } from '../../../src/ingest/html';
import { detectEncoding } from '../../../src/ingest/formats/encoding';
import { asAsync, cut } from './helpers';

const DIR = path.resolve(__dirname, '../../fixtures/mapping');

/** Previews a mapping fixture, then imports it in small chunks with the preview's choices. */
async function importMapped(name: string, rule: Partial<Rule> = {}) {
  const bytes = new Uint8Array(readFileSync(path.join(DIR, name)));
  const preview = previewText(new TextDecoder().decode(bytes), { rule });
  const records: StatementRecord[] = [];
  const summary = await importRows(
    decodeChunks(asAsync(cut(bytes, 37))),
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

describe('stance words and scales', () => {
  it.each([
    ['opposes', '-1'],
    ['Opposed', '-1'],
    ['rejects', '-1'],
    ['against', '-1'],
    ['AGAINST', '-1'],
    ['strongly opposes', '-2'],
    ['supports', '1'],
    ['in favour', '1'],
    ['in_favor', '1'],
    ['FAVOR', '1'],
    ['backs', '1'],
    ['open to', 'c'],
    ['willing', 'c'],
    ['neutral', '0'],
    ['NONE', '0'],
    ['unclear', '0'],
    ['+2', '2'],
    ['conditional', 'c'],
    ['', 'u'],
    ['maybe', null],
  ])('proposes %j as %j', (word, code) => {
    expect(proposeStance(word)).toBe(code);
  });

  it('finds the scale of a numeric column and bins it', () => {
    expect(numericScale(['0.1', '0.82', ''])?.cuts).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(numericScale(['12', '85'])?.label).toBe('0..100 percentage');
    expect(numericScale(['3.5', '7'])?.label).toBe('0..10 scale');
    expect(numericScale(['-7.5', '3'])?.cuts).toEqual([-6, -2, 2, 6]);
    expect(numericScale(['-2', '1', '0'])).toBeNull();
    expect(numericScale(['0.5', 'x'])).toBeNull();
    expect([0.1, 0.3, 0.5, 0.7, 0.9].map((n) => binStance(n, [0.2, 0.4, 0.6, 0.8]))).toEqual([
      -2, -1, 0, 1, 2,
    ]);
  });

  it('reads the table before the native scale, with a Map (no prototype keys)', () => {
    const read = stanceReader({ '0': 'u', opposes: '-1' }, []);
    expect(read('0')).toMatchObject({ uncoded: true });
    expect(read('opposes')).toEqual({ stance: -1, conditional: false });
    expect(read('support')).toEqual({ stance: 1, conditional: false });
    expect(read('constructor')).toBeNull();
    expect(read('')).toMatchObject({ uncoded: true });
  });
});

describe('Stance values: stance-words.csv', () => {
  it('lists the distinct values with counts and proposes a stance for every English word', async () => {
    const { preview } = await importMapped('stance-words.csv');
    expect(preview.choices.stanceValues[0]).toEqual({ value: 'supports', count: 2 });
    expect(preview.choices.stanceValues).toHaveLength(11);
    expect(preview.rule.stanceValues).toMatchObject({
      opposes: '-1',
      supports: '1',
      'open to': 'c',
      rejects: '-1',
      'in favour': '1',
      against: '-1',
      'strongly opposes': '-2',
      FAVOR: '1',
      AGAINST: '-1',
      NONE: '0',
    });
    expect(preview.rule.stanceValues).not.toHaveProperty('maybe');
    expect(preview.ruleText).toContain('"strongly opposes" -> strongly oppose');
  });

  it('imports the words with no manual step; an unmapped value is rejected naming the accepted labels', async () => {
    const { summary, records } = await importMapped('stance-words.csv');
    expect([summary.rowsRead, summary.added, summary.rejected]).toEqual([12, 11, 1]);
    const byActor = new Map(records.map((r) => [`${r.actor}:${r.topic}`, r]));
    expect(byActor.get('Sergey Lavrov:nato-membership-ukraine')?.stance).toBe(-2);
    expect(byActor.get('Vladimir Putin:peace-talks')).toMatchObject({
      stance: 1,
      conditional: true,
    });
    expect(byActor.get('Recep Erdogan:peace-talks')?.stance).toBe(0);
    expect(summary.issues).toEqual([
      {
        line: 13,
        column: 'stance',
        message: expect.stringMatching(
          /^stance "maybe" is not -2\.\.2 or a stance label \(accepted: -2\.\.2, strongly oppose, oppose, neutral, support, strongly support, conditional, or a value mapped in Stance values\)$/,
        ),
      },
    ]);
  });

  it('takes the user’s changes to the table, which replaces the proposal', async () => {
    const proposed = (await importMapped('stance-words.csv')).preview.rule.stanceValues;
    const edited = await importMapped('stance-words.csv', {
      stanceValues: { ...proposed, maybe: 'u', opposes: '-2' },
    });
    expect(edited.summary.rejected).toBe(0);
    expect(edited.records.find((r) => r.actor === 'Olaf Scholz')?.uncoded).toBe(true);
    expect(edited.records.find((r) => r.quote === 'A truce leads nowhere.')?.stance).toBe(-2);
    const only = await importMapped('stance-words.csv', { stanceValues: { maybe: 'u' } });
    expect(only.summary.rejected).toBe(11);
  });

  it('lists the accepted labels in a plain native stance error', () => {
    const preview = previewText(
      'date,actor,topic,stance\n2024-01-01,A,t,-2\n2024-01-02,B,t,maybe\n',
    );
    expect(preview.issues[0].message).toContain('(accepted: -2..2, strongly oppose');
    expect(preview.choices.stanceValues).toEqual([
      { value: '-2', count: 1 },
      { value: 'maybe', count: 1 },
    ]);
  });
});

describe('Stance values: a numeric scale (country-year-issue.csv)', () => {
  it('finds year, country and proportion by content and bins the proportion', async () => {
    const { preview, summary, records } = await importMapped('country-year-issue.csv');
    expect(preview.missing).toEqual([]);
    expect(preview.mapping).toEqual({ date: 1, actor: 0, topic: 2, stance: 3 });
    expect(preview.choices.stanceScale?.label).toBe('0..1 proportion');
    expect(preview.rule.stanceCuts).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect([summary.added, summary.rejected]).toEqual([8, 0]);
    const of = (actor: string, year: number) =>
      records.find((r) => r.actor === actor && new Date(r.day * 864e5).getUTCFullYear() === year);
    expect(of('Germany', 2019)?.stance).toBe(2);
    expect(of('France', 2020)?.stance).toBe(-1);
    expect(of('Poland', 2019)?.stance).toBe(-2);
    expect(of('Hungary', 2020)?.uncoded).toBe(true);
  });

  it('bins with the thresholds the user edits', async () => {
    const { records } = await importMapped('country-year-issue.csv', {
      stanceCuts: [0.05, 0.1, 0.11, 0.3],
    });
    expect(records.map((r) => (r.uncoded ? 'u' : r.stance))).toEqual([2, 2, 2, 2, 1, 2, 'u', 2]);
  });
});

describe('stance optional: statements-no-stance.csv', () => {
  it('maps the speaker (not person) to actor and imports every row as uncoded', async () => {
    const { preview, summary, records } = await importMapped('statements-no-stance.csv');
    expect(preview.missing).toEqual([]);
    expect(preview.mapping.actor).toBe(2);
    expect(preview.mapping.stance).toBeUndefined();
    expect(preview.ruleText).toContain('no stance column: every row is uncoded');
    expect([summary.rowsRead, summary.added, summary.rejected]).toEqual([4, 4, 0]);
    expect(records.map((r) => r.actor)).toEqual([
      'Sergey Lavrov',
      'Antony Blinken',
      'Volodymyr Zelenskiy',
      'Mark Rutte',
    ]);
    expect(records.every((r) => r.uncoded === true && r.stance === 0)).toBe(true);
  });

  it('gives an uncoded statement another id than the same statement coded neutral', () => {
    const csv = (stance: string) =>
      previewText(`date,actor,topic,stance\n2024-01-01,A,t,${stance}\n`).rows[0].id;
    expect(csv('')).not.toBe(csv('0'));
    expect(csv('0')).toBe(csv('neutral'));
  });

  it.each(['NA', 'N/A', '#NULO#', '-', '\u2013', '?'])('reads the marker %j as empty', (marker) => {
    const preview = previewText(`date,actor,topic,stance\n2024-01-01,A,t,${marker}\n`);
    expect(preview.rows[0].uncoded).toBe(true);
  });
});

describe('found by content: election-dates.csv', () => {
  it('finds the date column, reads two-digit years day first, and says how years are read', async () => {
    const { preview, summary, records } = await importMapped('election-dates.csv');
    expect(preview.delimiter).toBe(';');
    expect(preview.mapping).toEqual({ date: 1, actor: 0, topic: 2, stance: 3 });
    expect(preview.rule.dateFormat).toBe('dmy');
    expect(preview.dates?.yearsNote).toMatch(/^Two-digit years are read as at most 50 years ahead/);
    expect(preview.choices.stanceScale?.label).toBe('0..100 percentage');
    expect([summary.rowsRead, summary.added, summary.rejected]).toEqual([6, 6, 0]);
    expect(records.map((r) => new Date(r.day * 864e5).toISOString().slice(0, 10))).toEqual([
      '2021-08-13',
      '2021-08-13',
      '2021-09-26',
      '2021-09-26',
      '2021-06-05',
      '2021-06-05',
    ]);
    // #NULO#, an en dash and ? are missing values: those rows are uncoded.
    expect(records.map((r) => r.uncoded === true)).toEqual([false, true, false, false, true, true]);
  });

  it('reads a two-digit year at most 50 years ahead', () => {
    expect(fullYear('21', 2026)).toBe(2021);
    expect(fullYear('76', 2026)).toBe(2076);
    expect(fullYear('77', 2026)).toBe(1977);
    expect(fullYear('1999', 2026)).toBe(1999);
  });

  it('prefers a column named like a date, and asks only when no row proves the order', () => {
    const two = previewText('ref,start_date,actor,topic\n03/04/2024,05/06/2024,A,t\n');
    expect(two.mapping.date).toBe(1);
    expect(two.needs[0]).toMatch(/choose the Date format/);
    const proved = previewText('Datum,actor,topic\n03/04/2024,A,t\n04/25/2024,B,t\n');
    expect([proved.mapping.date, proved.rule.dateFormat, proved.needs]).toEqual([0, 'mdy', []]);
  });
});

describe('fixed values: tweets-no-date.csv', () => {
  it('needs a date, actor and topic, and takes each as one value for every row', async () => {
    const bare = await importMapped('tweets-no-date.csv');
    expect(bare.preview.missing).toEqual(['date', 'actor', 'topic']);
    const { preview, summary, records } = await importMapped('tweets-no-date.csv', {
      fixed: { actor: 'Twitter users', date: '2016', topic: 'atheism' },
    });
    expect(preview.missing).toEqual([]);
    expect(preview.ruleText).toContain('topic: "atheism" for every row');
    expect([summary.added, summary.rejected]).toEqual([4, 0]);
    expect(records[0]).toMatchObject({
      id: '10001',
      actor: 'Twitter users',
      topic: 'atheism',
      precision: 'year',
      stance: 1,
      quote: 'Religion should stay out of schools. #SemST',
    });
    expect(records.map((r) => r.stance)).toEqual([1, -1, 0, -1]);
  });

  it('counts an empty fixed value as not given', () => {
    const preview = previewText('actor,topic\nA,t\n', { rule: { fixed: { date: ' ' } } });
    expect(preview.missing).toEqual(['date']);
  });
});

describe('text, never markup', () => {
  it.each([
    ['<p>Talks <b>resume</b> &amp; continue</p>', 'Talks resume & continue'],
    ['<script>alert(1)</script>Hi&nbsp;there', 'Hi there'],
    ['a < b and c > d', 'a < b and c > d'],
    ['AT&T &unknown; &#8212; &#x41;', 'AT&T &unknown; \u2014 A'],
    ['one<br/>two<!-- x -->', 'one\ntwo'],
    ['&lt;img src=x onerror=alert(1)&gt;', '<img src=x onerror=alert(1)>'],
  ])('reads %j as %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('stores the text of HTML cells of statements-no-stance.csv', async () => {
    const { records } = await importMapped('statements-no-stance.csv');
    expect(records.map((r) => r.quote)).toEqual([
      'Lavrov said the West & Kyiv "must accept reality".',
      'Blinken: support for Ukraine \u2014 <unwavering>\nand lasting',
      'Zelenskiy asked for an invitation now.',
      'Rutte repeated that the path is irreversible.',
    ]);
  });
});

describe('encodings by content: utf16le-no-bom.csv', () => {
  it('is read as UTF-16 LE from its zero bytes, and the preview says so', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(DIR, 'utf16le-no-bom.csv')));
    expect(detectEncoding(bytes)).toMatchObject({
      encoding: 'utf-16le',
      bom: false,
      note: expect.stringMatching(/^Read as UTF-16 LE \(no byte order mark/),
    });
    // Windows-1252 and UTF-8 text never has a zero byte between letters.
    expect(detectEncoding(new TextEncoder().encode('date,actor\n2024,José\n')).encoding).toBe(
      'utf-8',
    );
  });
});

describe('split cells: statements-no-stance.csv', () => {
  it('gives one statement per subject, each keeping the row’s line', async () => {
    const { preview, summary, records } = await importMapped('statements-no-stance.csv', {
      split: { topic: ',' },
    });
    expect([preview.sampleLines, preview.sampleRows]).toEqual([4, 6]);
    expect(preview.ruleText).toContain('topic split on ","');
    expect([summary.rowsRead, summary.added, summary.rejected]).toEqual([6, 6, 0]);
    expect(records.map((r) => `${r.line}:${r.topic}`)).toEqual([
      '2:ceasefire',
      '2:peace-talks',
      '3:ceasefire',
      '4:nato-membership-ukraine',
      '4:ceasefire',
      '5:nato-membership-ukraine',
    ]);
  });

  it('keeps file ids apart by the value', () => {
    const preview = previewText('id,date,actor,topic\ns1,2024,A|B,t\n', {
      rule: { split: { actor: '|' } },
    });
    expect(preview.rows.map((r) => [r.id, r.actor])).toEqual([
      ['s1-A', 'A'],
      ['s1-B', 'B'],
    ]);
  });
});

describe('wide table by actor: unsc-vetoes.csv', () => {
  it('is detected from its country columns and reads a flag as the stance chosen', async () => {
    const { preview, summary, records } = await importMapped('unsc-vetoes.csv', {
      flagStance: -2,
    });
    expect(preview.format).toBe('wide-actors');
    expect(preview.choices.topicColumns).toEqual([3, 4, 5, 6, 7, 8]);
    expect(preview.rule.cellScale).toBe('flag');
    expect(preview.mapping).toMatchObject({ date: 0, topic: 2 });
    expect(preview.ruleText).toContain('1, yes or x -> strongly oppose');
    // Line 7 has no veto at all: rejected, naming why.
    expect([summary.added, summary.rejected]).toEqual([7, 1]);
    expect(records.map((r) => `${r.actor}:${r.topic}:${r.stance}`)).toEqual([
      'USSR:Syria and Lebanon:-2',
      'France:Suez:-2',
      'UK:Suez:-2',
      'USA:Middle East:-2',
      'China:Syria:-2',
      'Russia:Syria:-2',
      'Russia:Ukraine:-2',
    ]);
    expect(summary.issues[0]).toMatchObject({ line: 7, column: 'actor' });
  });

  it('bins poll shares and takes a fixed topic', () => {
    const csv = 'date,SPD,CDU,Greens\n2021-09-01,25,22,16\n';
    const preview = previewText(csv, {
      format: 'wide-actors',
      rule: { fixed: { topic: 'federal election' } },
    });
    expect(preview.missing).toEqual([]);
    expect(preview.rule.cellScale).toBe('binned');
    expect(preview.rows.map((r) => [r.actor, r.topic, r.stance])).toEqual([
      ['SPD', 'federal election', -1],
      ['CDU', 'federal election', -1],
      ['Greens', 'federal election', -2],
    ]);
  });

  it('is offered in the Format select under its own name', () => {
    const preview = previewText('date,a,b\n2024,1,0\n');
    expect(preview.formats.find((f) => f.id === 'wide-actors')?.label).toBe(
      'Wide table (one column per actor)',
    );
  });
});
