/**
 * The shortest decimal that reads back to the same 32-bit float, since the cache keeps
 * confidence as Float32: `float32Text(Math.fround(0.9))` -> `'0.9'` (not `'0.8999999761581421'`);
 * `float32Text(NaN)` -> `''`.
 */
export function float32Text(value: number): string {
  if (Number.isNaN(value)) return '';
  for (let digits = 1; digits <= 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === Math.fround(value)) return text;
  }
  return String(value);
}
