import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/ingest/formats';

const VIEWS = path.resolve(__dirname, '../../../src/views');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? sources(file) : /\.(svelte|ts)$/.test(e.name) ? [file] : [];
  });
}

describe('format controls', () => {
  it('each format declares the controls its rule needs, in its own column names', () => {
    const controls = Object.fromEntries(FORMATS.map((f) => [f.id, f.controls ?? {}]));
    expect(controls.gdelt2.scored).toEqual({ quad: 'QuadClass', score: 'GoldsteinScale' });
    expect(controls.phoenix.scored).toEqual({ quad: 'PentaClass', score: 'GoldsteinScore' });
    expect(controls.icews.scored?.score).toBe('Intensity');
    expect(controls.acled.eventTypes).toBe(true);
    expect(controls.timelinejs.sheetDefaults).toBe(true);
    expect(controls.native).toMatchObject({ mapping: true, stanceValues: true, fixed: true });
  });

  it('the import panel draws what a format declares and never tests a format by name', () => {
    const byName = /\.format\s*===?\s*['"]/;
    const offenders = sources(VIEWS).filter((f) => byName.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(VIEWS, f))).toEqual([]);
  });
});
