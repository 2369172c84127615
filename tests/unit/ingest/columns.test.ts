import { describe, expect, it } from 'vitest';
import {
  guessMapping,
  headerKey,
  missingRequired,
  REQUIRED_COLUMNS,
} from '../../../src/ingest/columns';
import { NATIVE_COLUMNS } from '../../../src/domain/types';

describe('guessMapping', () => {
  it('maps every native column name to its own position', () => {
    const mapping = guessMapping([...NATIVE_COLUMNS]);
    NATIVE_COLUMNS.forEach((column, index) => expect(mapping[column]).toBe(index));
  });

  it.each([
    ['Speaker', 'actor'],
    ['person', 'actor'],
    ['WHO', 'actor'],
    ['Actor Name', 'actor'],
    ['Country', 'affiliation'],
    ['state', 'affiliation'],
    ['Organisation', 'affiliation'],
    ['organization', 'affiliation'],
    ['Party', 'affiliation'],
    ['Issue', 'topic'],
    ['Position', 'topic'],
    ['subject', 'topic'],
    ['Score', 'stance'],
    ['value', 'stance'],
    ['Position score', 'stance'],
    ['position_score', 'stance'],
    ['position-score', 'stance'],
    ['Condition', 'conditions'],
    ['Text', 'quote'],
    ['Statement', 'quote'],
    ['Quotation', 'quote'],
    ['Description', 'summary'],
    ['Paraphrase', 'summary'],
    ['Notes', 'summary'],
    ['Addressee', 'target'],
    ['to', 'target'],
    ['Outlet', 'source'],
    ['Publication', 'source'],
    ['Link', 'url'],
    ['Source URL', 'url'],
    ['Reported by', 'reported_via'],
    ['via', 'reported_via'],
    ['Reported Via', 'reported_via'],
    ['Certainty', 'confidence'],
    ['Day', 'date'],
    ['When', 'date'],
    ['Statement ID', 'id'],
    ['UID', 'id'],
  ])('reads the header %j as %s', (header, column) => {
    expect(guessMapping(['something else', header])).toEqual({ [column]: 1 });
  });

  it('ignores case, surrounding spaces, underscores and dashes', () => {
    expect(guessMapping(['  DATE ', 'Reported-Via', 'reported_via'])).toEqual({
      date: 0,
      reported_via: 1,
    });
  });

  it('prefers an exact native name over an alias that comes first', () => {
    expect(guessMapping(['Speaker', 'actor'])).toEqual({ actor: 1 });
  });

  it('takes the first of two aliases for the same column', () => {
    expect(guessMapping(['Issue', 'Subject'])).toEqual({ topic: 0 });
  });

  it('maps the messy fixture header completely', () => {
    const headers = 'Date;Speaker;Country;Issue;Position score;Text;Notes;Outlet;Link;Certainty';
    expect(guessMapping(headers.split(';'))).toEqual({
      date: 0,
      actor: 1,
      affiliation: 2,
      topic: 3,
      stance: 4,
      quote: 5,
      summary: 6,
      source: 7,
      url: 8,
      confidence: 9,
    });
  });

  it('leaves unknown headers unmapped', () => {
    expect(guessMapping(['colour', 'weight', ''])).toEqual({});
  });

  it('does not change the headers it is given', () => {
    const headers = ['Speaker', 'Issue'];
    guessMapping(headers);
    expect(headers).toEqual(['Speaker', 'Issue']);
  });
});

describe('missingRequired', () => {
  it('names the required columns a mapping leaves out, in order', () => {
    expect(missingRequired({ actor: 0, date: 3 })).toEqual(['topic']);
  });

  it('is empty when date, actor and topic are mapped (the stance is optional)', () => {
    expect(missingRequired({ date: 0, actor: 1, topic: 2 })).toEqual([]);
    expect(REQUIRED_COLUMNS).toEqual(['date', 'actor', 'topic']);
  });

  it('counts column 0 as mapped', () => {
    expect(missingRequired({ date: 0, actor: 0, topic: 0, stance: 0 })).toEqual([]);
  });
});

describe('headerKey', () => {
  it('drops a byte order mark stuck to the first header', () => {
    expect(headerKey('\uFEFFDate')).toBe('date');
  });
});
