/** The typed arrays `sized` resizes. */
type Numbers = Int32Array | Uint8Array | Int8Array | Uint32Array | Float32Array;

/**
 * `array` cut (or grown, zero-filled) to `n` values: the same array when it has exactly `n`.
 * `sized(Uint32Array.of(1, 2), 4)` -> `Uint32Array [1, 2, 0, 0]`.
 */
export function sized<T extends Numbers>(array: T, n: number): T {
  if (array.length === n) return array;
  const out = new (array.constructor as new (n: number) => T)(n);
  out.set(n < array.length ? (array.subarray(0, n) as T) : array);
  return out;
}
