import { readFileSync } from 'node:fs';

export const FIXTURES = ['clean.csv', 'bad-rows.csv', 'messy.csv'] as const;
export type Fixture = (typeof FIXTURES)[number];

/** The fixture's bytes, as a File would give them. */
export function fixtureBytes(name: Fixture): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
}

/** The fixture decoded as UTF-8, BOM included (as node's readFileSync gives it). */
export function fixtureText(name: Fixture): string {
  return readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Cuts an array-like into pieces of `size` (the whole when size is Infinity). */
export function cut<T extends { length: number; slice(a: number, b: number): T }>(
  whole: T,
  size: number,
): T[] {
  if (!Number.isFinite(size)) return [whole];
  const pieces: T[] = [];
  for (let i = 0; i < whole.length; i += size) pieces.push(whole.slice(i, i + size));
  return pieces;
}

export async function* asAsync<T>(items: Iterable<T>): AsyncIterable<T> {
  for (const item of items) yield item;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
