/** The running sums of a content fingerprint: mergeable, so two workers can each keep one. */
export interface FingerprintSums {
  a: number;
  b: number;
  n: number;
}

/**
 * Order-independent content hash of a dataset's statement ids, so the same data imported in
 * another browser has the same fingerprint. Two 32-bit FNV-1a sums: collisions need both.
 * A sum and an xor, so sums kept apart (the two halves of a split import) merge, and an id
 * counted by mistake can be taken out again.
 */
export class ContentFingerprint {
  private a = 0;
  private b = 0;
  private n = 0;

  /**
   * Counts an id in. Returns a 30-bit key of it (small integers make a fast Set): equal ids have
   * equal keys, so two ids with different keys are different.
   * `new ContentFingerprint().add('syn-1-1') === new ContentFingerprint().add('syn-1-1')`.
   */
  add(id: string): number {
    const [h1, h2] = hashes(id);
    this.a = (this.a + h1) >>> 0;
    this.b = (this.b ^ h2) >>> 0;
    this.n++;
    return h1 >>> 2;
  }

  /** Takes out an id counted before. */
  remove(id: string): void {
    const [h1, h2] = hashes(id);
    this.a = (this.a - h1) >>> 0;
    this.b = (this.b ^ h2) >>> 0;
    this.n--;
  }

  /** Adds in the ids another fingerprint counted. */
  merge(other: FingerprintSums): void {
    this.a = (this.a + other.a) >>> 0;
    this.b = (this.b ^ other.b) >>> 0;
    this.n += other.n;
  }

  get sums(): FingerprintSums {
    return { a: this.a, b: this.b, n: this.n };
  }

  value(): string {
    return (this.a.toString(36) + this.b.toString(36) + this.n.toString(36)).slice(0, 16);
  }
}

function hashes(id: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return [h1 >>> 0, h2 >>> 0];
}

/**
 * The 30-bit key ContentFingerprint.add returns for an id, alone (one hash instead of two).
 * `idKey('syn-1-1') === new ContentFingerprint().add('syn-1-1')`.
 */
export function idKey(id: string): number {
  let h1 = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h1 = Math.imul(h1 ^ id.charCodeAt(i), 0x01000193);
  return h1 >>> 2;
}
