/** Work cut into steps: a generator that pauses (`yield`) between them and returns its result. */

/** A generator run to its end, in one go: its return value. */
export function finish<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Yields to the event loop: a macrotask, so input and painting get their turn. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/**
 * A generator run to its end in slices of about `sliceMs` of work, with a task boundary between
 * slices so the page stays responsive: same value as `finish(steps)`.
 */
export async function finishInSlices<T>(steps: Generator<void, T>, sliceMs = 25): Promise<T> {
  let sliceStart = performance.now();
  let step = steps.next();
  while (!step.done) {
    if (performance.now() - sliceStart > sliceMs) {
      await nextTask();
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  return step.value;
}
