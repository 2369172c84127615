import { chunkArrays, type ChunkArrays, type StatementChunk } from './chunk';
import { ColumnPacker, packColumn, packText, type PackedText } from './packed';
import { sized } from './sized';
import {
  FLAG_CONDITIONAL,
  FLAG_UNCODED,
  FLAG_REPORTED,
  PRECISION_CODE,
  type StatementRecord,
  type TextColumn,
} from '../domain/types';

/** An append-only string dictionary: codes never change once given. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  code(value: string): number {
    let c = this.index.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.index.set(value, c);
    }
    return c;
  }
}

/** Packs a text column: ids and links are unique per row, so a dictionary would only cost time. */
export function packFor(col: TextColumn, values: readonly string[]): PackedText {
  return col === 'id' || col === 'url' ? packText(values) : packColumn(values);
}

/** The chunk being built: numeric columns with room for `capacity` rows, text columns packing. */
type OpenChunk = ChunkArrays & Record<TextColumn, ColumnPacker> & { capacity: number };

function openChunk(capacity: number): OpenChunk {
  return {
    capacity,
    ...chunkArrays((_, Type) => new Type(capacity)),
    // Ids and links are unique per row: a dictionary would only cost time (see packFor).
    id: new ColumnPacker(capacity, true),
    conditions: new ColumnPacker(capacity),
    quote: new ColumnPacker(capacity),
    summary: new ColumnPacker(capacity),
    target: new ColumnPacker(capacity),
    source: new ColumnPacker(capacity),
    url: new ColumnPacker(capacity, true),
    reportedVia: new ColumnPacker(capacity),
  };
}

/** Rows a chunk has room for before it grows; the import's batch size. */
const DEFAULT_CAPACITY = 10_000;

/**
 * Encodes statement records into columnar chunks with dictionaries that persist across
 * chunks of one dataset, so chunk N's codes index the dataset's final dictionaries.
 *
 *   const enc = new ChunkEncoder('d1');
 *   enc.encode([{ actor: 'Sergey Lavrov', ... }]) -> { chunk: 0, count: 1, actor: Uint32Array [0], ... }
 *   enc.actors.values -> ['Sergey Lavrov']
 *
 * Records can also be added one at a time (`add`) and the chunk taken when full (`take`), as the
 * import does, so a record is garbage as soon as it is encoded (docs/performance.md,
 * "columnar/encode.ts").
 */
export class ChunkEncoder {
  readonly actors = new Dictionary();
  readonly affiliations = new Dictionary();
  readonly topics = new Dictionary();
  private next = 0;
  private open: OpenChunk | null = null;
  private rows = 0;
  minDay = Infinity;
  maxDay = -Infinity;

  constructor(
    readonly datasetId: string,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  get chunkCount(): number {
    return this.next;
  }

  /** Records added since the last `take`. */
  get size(): number {
    return this.rows;
  }

  /** Adds one record to the chunk being built; the record object is not kept. */
  add(r: StatementRecord): void {
    let c = this.open;
    if (c === null) c = this.open = openChunk(this.capacity);
    const i = this.rows;
    if (i === c.capacity) c = this.grow(c);
    this.rows = i + 1;
    const day = r.day;
    c.day[i] = day;
    if (day < this.minDay) this.minDay = day;
    if (day > this.maxDay) this.maxDay = day;
    c.precision[i] = PRECISION_CODE[r.precision];
    c.stance[i] = r.stance;
    c.flags[i] =
      (r.conditional ? FLAG_CONDITIONAL : 0) |
      (r.reportedVia ? FLAG_REPORTED : 0) |
      (r.uncoded ? FLAG_UNCODED : 0);
    c.actor[i] = this.actors.code(r.actor);
    c.affiliation[i] = this.affiliations.code(r.affiliation);
    c.topic[i] = this.topics.code(r.topic);
    c.confidence[i] = r.confidence;
    c.line[i] = r.line;
    // By name, not a loop over TEXT_COLUMNS (8 megamorphic keyed accesses a row): 355 -> 214 ms
    // per half of 1M rows.
    c.id.push(r.id);
    c.conditions.push(r.conditions);
    c.quote.push(r.quote);
    c.summary.push(r.summary);
    c.target.push(r.target);
    c.source.push(r.source);
    c.url.push(r.url);
    c.reportedVia.push(r.reportedVia);
  }

  /** Room for twice as many rows, the rows so far kept. */
  private grow(c: OpenChunk): OpenChunk {
    const capacity = Math.max(16, c.capacity * 2);
    const g: OpenChunk = {
      ...c,
      capacity,
      ...chunkArrays((k) => sized(c[k], capacity)),
    };
    this.open = g;
    return g;
  }

  /** The chunk of the records added since the last `take` (possibly none); the next starts empty. */
  take(): StatementChunk {
    const n = this.rows;
    const c = this.open ?? openChunk(0);
    this.open = null;
    this.rows = 0;
    return {
      datasetId: this.datasetId,
      chunk: this.next++,
      count: n,
      ...chunkArrays((k) => sized(c[k], n)),
      // In TEXT_COLUMNS order.
      text: {
        id: c.id.finish(),
        conditions: c.conditions.finish(),
        quote: c.quote.finish(),
        summary: c.summary.finish(),
        target: c.target.finish(),
        source: c.source.finish(),
        url: c.url.finish(),
        reportedVia: c.reportedVia.finish(),
      },
    };
  }

  /** One chunk of exactly these records (nothing may be waiting from `add`). */
  encode(records: readonly StatementRecord[]): StatementChunk {
    if (this.rows > 0) throw new Error('encode() while added records wait for take()');
    if (records.length > this.capacity) this.open = openChunk(records.length);
    for (const r of records) this.add(r);
    return this.take();
  }
}
