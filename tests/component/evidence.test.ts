import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { parseIsoDay } from '../../src/domain/dates';
import type { StatementRecord } from '../../src/domain/types';
import { previewText } from '../../src/ingest/preview';
import { cacheFromRecords } from '../../src/query/cache';
import EvidencePanel from '../../src/views/evidence/EvidencePanel.svelte';
import { safeHttpUrl } from '../../src/views/evidence/evidence';

const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const seed = previewText(seedText).rows;
const lavrov = seed.find((r) => r.id === 'seed-017')!;

/** More of Lavrov on ceasefire around the seed's 2024-12-26 statement. */
function lavrovOn(id: string, date: string, extra: Partial<StatementRecord>): StatementRecord {
  return { ...lavrov, id, day: parseIsoDay(date)!, quote: '', summary: '', url: '', ...extra };
}

const cache = cacheFromRecords(
  [
    ...seed,
    lavrovOn('ev-march', '2024-03-01', { stance: 0, summary: 'Lavrov keeps his options open.' }),
    // Straight into the cache: ingest would have dropped this link, the panel must refuse it too.
    lavrovOn('ev-june', '2024-06-10', {
      stance: -1,
      quote: 'No freeze of the conflict',
      source: 'Sketchy site',
      url: 'javascript:alert(1)',
    }),
    lavrovOn('ev-jan', '2025-01-15', {
      stance: -2,
      quote: 'Still no truce',
      source: 'TASS',
      url: 'https://tass.example/lavrov',
    }),
  ],
  'seed-dataset',
);

const rowOf = (id: string) => cache.text.find('id', id);

function renderPanel(id: string) {
  const onclose = vi.fn();
  const onselect = vi.fn();
  const result = render(EvidencePanel, { props: { cache, row: rowOf(id), onclose, onselect } });
  const panel = screen.getByRole('complementary', { name: 'Evidence' });
  return { onclose, onselect, panel, user: userEvent.setup(), ...result };
}

describe('EvidencePanel', () => {
  it('shows the statement, its quote and where it comes from', () => {
    const { panel } = renderPanel('seed-017');
    const text = panel.textContent!.replace(/\s+/g, ' ');

    expect(within(panel).getByRole('heading', { name: 'Evidence' })).toBeInTheDocument();
    expect(text).toContain('Sergey Lavrov (Russia) on ceasefire');
    expect(text).toContain('strongly oppose');
    expect(text).toContain('day precision: 2024-12-26');
    expect(panel.querySelector('blockquote')).toHaveTextContent(/^A truce leads to nowhere$/);
    expect(text).toContain('Lavrov rejects a fragile ceasefire');
    expect(text).toContain('Defence Talks');
    expect(text).toContain('Confidence 0.95');
    expect(text).toContain(`Line in file ${lavrov.line}`);
    expect(text).toContain('Dataset seed-dataset');
  });

  it('spells out a month-precise date, the conditions and who reported it, with no empty quote', () => {
    const { panel } = renderPanel('seed-009');
    const text = panel.textContent!.replace(/\s+/g, ' ');

    expect(text).toContain('Vladimir Putin (Russia) on ceasefire');
    expect(text).toContain('conditional support');
    expect(text).toContain('month precision: 2024-11');
    expect(text).toContain('Conditions no significant territorial concessions by Russia');
    expect(text).toContain('Reported via Reuters report');
    expect(text).toContain('Target Donald Trump');
    expect(panel.querySelector('blockquote')).toBeNull();
  });

  it('lists the same actor on the same topic before and after, nearest first', async () => {
    const { panel, onselect, user } = renderPanel('seed-017');
    const earlier = within(panel).getByRole('region', { name: 'Earlier on this topic' });
    const later = within(panel).getByRole('region', { name: 'Later on this topic' });

    expect(
      within(earlier)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      '2024-06-10, oppose: No freeze of the conflict',
      '2024-03-01, neutral: Lavrov keeps his options open.',
    ]);
    expect(
      within(later)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['2025-01-15, strongly oppose: Still no truce']);

    await user.click(within(later).getByRole('button'));
    expect(onselect).toHaveBeenCalledWith(rowOf('ev-jan'));
    await user.click(within(earlier).getAllByRole('button')[1]);
    expect(onselect).toHaveBeenLastCalledWith(rowOf('ev-march'));
  });

  it("lists the other actors of the statement's affiliation on the topic, so a summary cell finds Putin's", async () => {
    const { panel, onselect, user } = renderPanel('seed-017');
    const group = within(panel).getByRole('region', { name: 'Others of Russia on this topic' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      expect.stringMatching(
        /^Vladimir Putin, 2024-11, conditional support: According to a Reuters report/,
      ),
    ]);
    await user.click(buttons[0]);
    expect(onselect).toHaveBeenCalledWith(rowOf('seed-009'));
  });

  it('says when there is nothing earlier or later', () => {
    const { panel } = renderPanel('seed-009');
    for (const name of ['Earlier on this topic', 'Later on this topic']) {
      const region = within(panel).getByRole('region', { name });
      expect(within(region).queryByRole('button')).toBeNull();
      expect(region).toHaveTextContent('None.');
    }
  });

  it('refuses a javascript: link even when it reached the cache, keeping the source as text', () => {
    const { panel } = renderPanel('ev-june');
    expect(within(panel).queryByRole('link')).toBeNull();
    expect(panel.querySelector('[href]')).toBeNull();
    expect(panel).toHaveTextContent('Sketchy site');
  });

  it('links an http(s) source in a new tab without an opener', () => {
    const { panel } = renderPanel('ev-jan');
    const link = within(panel).getByRole('link', { name: 'TASS' });
    expect(link).toHaveAttribute('href', 'https://tass.example/lavrov');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('closes with the Close button and with Escape', async () => {
    const { panel, onclose, user } = renderPanel('seed-017');
    expect(panel).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(onclose).toHaveBeenCalledTimes(1);
    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(onclose).toHaveBeenCalledTimes(2);
  });

  it('shows a notice instead of crashing for a row the cache does not hold', () => {
    const onclose = vi.fn();
    render(EvidencePanel, { props: { cache, row: cache.n + 5, onclose, onselect: vi.fn() } });
    expect(screen.getByRole('complementary', { name: 'Evidence' })).toHaveTextContent(
      'This statement is not in the loaded data.',
    );
  });
});

describe('safeHttpUrl', () => {
  it.each([
    ['https://reuters.com/a?b=1', 'https://reuters.com/a?b=1'],
    ['  http://example.org ', 'http://example.org/'],
    ['HTTPS://EXAMPLE.ORG/X', 'https://example.org/X'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['data:text/html,<b>x</b>', null],
    ['//example.org/x', null],
    ['example.org', null],
    ['', null],
  ])('%j -> %j', (url, expected) => {
    expect(safeHttpUrl(url)).toBe(expected);
  });
});
