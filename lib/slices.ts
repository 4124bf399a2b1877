/**
 * Long pure computations (parsing a 100k-entry list, building its search index) written as
 * generators that yield now and then, so the same code can run at once (tests, small lists) or
 * in slices that hand the thread back: the background answers badge lookups while it works.
 */

/** A computation that yields (nothing) at points where it may be paused, and returns its result. */
export type Sliced<T> = Generator<void, T, void>;

/** Runs a sliced computation to the end without pausing. */
export function runAtOnce<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** How long a slice may hold the thread: short enough for a badge lookup to be answered promptly. */
export const SLICE_MS = 50;

/** Hands the thread back for one task (a zero timer): what was waiting, messages and database events, goes first. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs a sliced computation, handing the thread back (nextTask) after every SLICE_MS of work. */
export async function runInSlices<T>(work: Sliced<T>, pause: () => Promise<void> = nextTask): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
  }
}
