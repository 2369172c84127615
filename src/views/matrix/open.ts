/**
 * Opens the Matrix view in steps: its code, its grid for the rows at hand (in slices), then the
 * first draw. Built and drawn in one task, 111,000 actors x 5,000 topics blocked the page
 * 0.3-0.5 s.
 */
import type { ColumnCache } from '../../query/types';
import type { GridView } from './grid-memo';

/** What the grid is built from, read when the code has arrived (null: no data). */
export type MatrixInputs = { cache: ColumnCache; rows: Uint32Array; view: GridView } | null;

/** Yields to the event loop: a macrotask, so input and painting get their turn. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/** The Matrix component's module, once its grid for `inputs()` is built and remembered. */
export async function openMatrix(inputs: () => MatrixInputs) {
  const [view, { prepareGrid }] = await Promise.all([
    import('./Matrix.svelte'),
    import('./grid-memo'),
  ]);
  await nextTask();
  const at = inputs();
  if (at) await prepareGrid(at.cache, at.rows, at.view);
  await nextTask();
  return view;
}
