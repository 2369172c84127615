import { describe, expect, it } from 'vitest';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { asAsync } from './helpers';

/** Issue 20, item 9: data that names Object's members is a key like any other. */
const HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
const TYPES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'Protests'];
const text =
  [
    HEADER,
    ...TYPES.map(
      (type, k) =>
        `UKR20000${k},16 May 2025,2025,1,Demonstrations,${type},Peaceful protest,Protesters (Ukraine),,6,,,0,60,,804,Europe,Ukraine,Kyiv,,,Kyiv,50.45,30.52,1,Source,National,Notes,0,,1747900000`,
    ),
  ].join('\n') + '\n';

describe('ACLED event types named like Object members', () => {
  it('preview: each type gets its default stance, and the preview can be posted to the page', () => {
    const preview = previewText(text);
    expect(preview.format).toBe('acled');
    expect(preview.choices.eventTypes).toEqual(TYPES);
    expect(
      TYPES.map((t) => Object.getOwnPropertyDescriptor(preview.rule.eventStance, t)?.value),
    ).toEqual([0, 0, 0, 0, -1]);
    // What postMessage does: a function or prototype object in it would throw here.
    expect(() => structuredClone(preview)).not.toThrow();
    expect(preview.rows.map((r) => r.stance)).toEqual([0, 0, 0, 0, -1]);
  });

  it('import: every row is stored with the stance its type maps to', async () => {
    const preview = previewText(text);
    const rule = structuredClone(preview.rule); // as the worker gets it back from the page
    const stored: number[] = [];
    const summary = await importRows(
      asAsync([text]),
      { delimiter: ',', format: 'acled', rule, mapping: preview.mapping },
      { batch: (b) => void stored.push(...b.map((r) => r.stance)) },
    );
    expect(summary).toMatchObject({ rowsRead: 5, added: 5, rejected: 0 });
    expect(stored).toEqual([0, 0, 0, 0, -1]);
  });
});
