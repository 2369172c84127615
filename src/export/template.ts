/**
 * The CSV template offered on the empty screen: the native header and three statements coded
 * from the seed article, showing a label stance, a number, a conditional stance with its
 * condition, a month-precise date and a second-hand report. The id column is left empty on
 * purpose: it is optional, and the importer derives a stable id from the record.
 */
import { NATIVE_COLUMNS, type NativeColumn } from '../domain/types';
import { csvLine } from './csv';

const EXAMPLES: Partial<Record<NativeColumn, string>>[] = [
  {
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: 'strongly oppose',
    quote: 'A truce leads to nowhere',
    summary: 'Lavrov rejects a fragile ceasefire that would only pause the fighting.',
    source: 'Defence Talks',
    confidence: '0.95',
  },
  {
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'binding-settlement',
    stance: '2',
    quote: 'the impossibility of violating these agreements',
    summary: 'Lavrov wants a legally binding settlement drafted so that it cannot be broken.',
    source: 'Defence Talks',
    confidence: '0.95',
  },
  {
    date: '2024-11',
    actor: 'Vladimir Putin',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: 'conditional',
    conditions: 'no significant territorial concessions by Russia, and Kyiv drops its NATO bid',
    summary: 'Putin is open to talking with Trump about a ceasefire, but only on his terms.',
    target: 'Donald Trump',
    source: 'Defence Talks',
    reported_via: 'Reuters report',
    confidence: '0.6',
  },
];

/**
 * The template as CSV text: the header, then the three example rows.
 * `templateCsv().split('\n')[0]` -> `'id,date,actor,affiliation,topic,stance,conditions,...'`.
 */
export function templateCsv(): string {
  const lines = [csvLine(NATIVE_COLUMNS)];
  for (const ex of EXAMPLES) lines.push(csvLine(NATIVE_COLUMNS.map((c) => ex[c] ?? '')));
  return lines.join('\n') + '\n';
}
