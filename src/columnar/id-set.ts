import { idKey } from './content-fingerprint';
import { JoinedText } from './packed';

/**
 * The ids of an import so far, to find duplicates: a Set of strings, made for a million ids.
 *
 * Not a `Set<string>`, which took ~0.35 s of a worker per 500k-row half (docs/performance.md,
 * "columnar/id-set.ts"): each id is looked up by its 30-bit key (`idKey`, the key
 * ContentFingerprint gives) in an open-addressing table of typed arrays, and its text is kept
 * joined into a few long strings; text is compared only when the keys are equal (a duplicate,
 * or one chance in ~10^9 a pair).
 *
 * ```ts
 * const ids = new IdSet();
 * ids.add('syn-1-1'); // -> true
 * ids.add('syn-1-1'); // -> false (already there)
 * ids.has('syn-1-2'); // -> false
 * ```
 */
export class IdSet {
  /**
   * Two numbers per slot, side by side so a probe touches one cache line: 1 + the number of
   * the first id with the slot's key (0: an empty slot), then the key.
   */
  private table = new Int32Array(2 * 1024);
  private mask = 1023;
  private count = 0;
  /** The text of the first id of each key, by number. */
  private readonly texts = new JoinedText(1024);
  /** Ids whose key an earlier, different id has: rare, kept as they are. */
  private others: Set<string> | null = null;

  /** `keyOf`: the 30-bit key of an id (tests give a poor one to force equal keys). */
  constructor(private readonly keyOf: (id: string) => number = idKey) {}

  get size(): number {
    return this.count;
  }

  /** Adds `id`; false when it was there already. */
  add(id: string): boolean {
    const key = this.keyOf(id);
    const at = this.find(key);
    const first = this.table[at];
    if (first === 0) {
      this.table[at] = this.keep(id) + 1;
      this.table[at + 1] = key;
      this.count++;
      if (this.count > this.mask >>> 1) this.grow();
      return true;
    }
    if (this.idAt(first - 1) === id) return false;
    this.others ??= new Set();
    const n = this.others.size;
    this.others.add(id);
    if (this.others.size === n) return false;
    this.count++;
    return true;
  }

  has(id: string): boolean {
    return this.hasKeyed(id, this.keyOf(id));
  }

  /** Whether `id`, whose key is `key` (as `keyOf` gives it), is here. */
  hasKeyed(id: string, key: number): boolean {
    const first = this.table[this.find(key)];
    if (first === 0) return false;
    return this.idAt(first - 1) === id || (this.others?.has(id) ?? false);
  }

  /** Whether some id here has this key: false means `hasKeyed` would be false, without text. */
  hasKey(key: number): boolean {
    return this.table[this.find(key)] !== 0;
  }

  /** Where in `table` the slot holding `key` is, or the empty slot where it would go. */
  private find(key: number): number {
    const { table, mask } = this;
    // Fibonacci hashing spreads the key's bits over the table's index.
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    i = (i ^ (i >>> 15)) & mask;
    while (table[2 * i] !== 0 && table[2 * i + 1] !== key) i = (i + 1) & mask;
    return 2 * i;
  }

  /** Keeps the text of a first id; returns its number. */
  private keep(id: string): number {
    this.texts.push(id);
    return this.texts.length - 1;
  }

  /** The text of first id `k`. */
  private idAt(k: number): string {
    return this.texts.at(k);
  }

  private grow(): void {
    const old = this.table;
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      const at = this.find(old[i + 1]);
      this.table[at] = old[i];
      this.table[at + 1] = old[i + 1];
    }
  }
}
