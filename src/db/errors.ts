/** Whether `e` is the browser's quota error, alone or as Dexie wraps it. */
export function isQuotaError(e: unknown): boolean {
  const err = e as {
    name?: string;
    inner?: { name?: string };
    failures?: { name?: string }[];
  } | null;
  return (
    err?.name === 'QuotaExceededError' ||
    err?.inner?.name === 'QuotaExceededError' ||
    (err?.failures ?? []).some((f) => f?.name === 'QuotaExceededError')
  );
}
