import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RejectedDownload from '../../src/views/import/RejectedDownload.svelte';
import type { ImportSummary } from '../../src/ingest/pipeline';
import type { RejectedRows } from '../../src/ingest/rejected';

/** A report of 3 rejected rows, `kept` of them with their cells. */
function summary(kept: number, cut: boolean): ImportSummary {
  const rejectedRows: RejectedRows = {
    headers: ['date', 'actor'],
    rows: Array.from({ length: kept }, (_, i) => ({ line: i + 2, cells: ['x', 'y'] })),
    lines: 3,
    cut,
  };
  const issues = [2, 3, 4].map((line) => ({ line, column: 'date', message: 'bad' }));
  return {
    ...{ rowsRead: 3, added: 0, duplicates: 0, updated: 0, updates: [], rejected: 3, issues },
    issueCount: 3,
    ...{ warnings: [], warningCount: 0, rejectedRows },
  };
}

describe('the rejected-rows download in the report', () => {
  it('says how to import the rows again, and offers the download', () => {
    render(RejectedDownload, { props: { summary: summary(3, false), name: 'talks' } });
    expect(
      screen.getByText(/delete the first three columns and import the file again/),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download rejected rows (CSV)' })).toBeTruthy();
    expect(screen.queryByText(/Only the first/)).toBeNull();
  });

  it('says when more rows were rejected than kept with their cells', () => {
    render(RejectedDownload, { props: { summary: summary(1, true), name: 'talks' } });
    expect(screen.getByText('Only the first 1 of 3 rejected rows carry their cells.')).toBeTruthy();
  });
});
