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

/** Whether `e` (or the worker's report of it, `{ name }`) is Dexie's closed-database error. */
export function isClosedError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string } } | null;
  return err?.name === 'DatabaseClosedError' || err?.inner?.name === 'DatabaseClosedError';
}

/** What the user reads when the stored data was closed under this tab (never the error name). */
export const CLOSED_MESSAGE =
  "The stored data was closed by another tab (it deleted or upgraded this browser's database). Reload this tab to continue; nothing was changed here.";
