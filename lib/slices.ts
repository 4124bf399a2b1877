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

/** The Prioritized Task Scheduling API's scheduler, where there is one (Chromium, recent Firefox). */
interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/** Read once, when this module loads: the pause and the slice length below agree on it. */
const SCHEDULER = ((): TaskScheduler | undefined => {
  const { scheduler } = globalThis as { scheduler?: Partial<TaskScheduler> };
  return typeof scheduler?.postTask === 'function' ? (scheduler as TaskScheduler) : undefined;
})();

/**
 * Hands the thread back for one task. With the Prioritized Task Scheduling API, as a
 * background-priority task: waiting messages and database events go first, and no clamp delays it,
 * as one does nested timers (in Chromium's service worker, 100 nested zero timers took 580 ms, 100
 * background tasks 1.6 ms). A zero timer set beside it ends the pause if it fires first: messages
 * kept coming without a gap then hold the work back no longer than timers did (an extension page
 * keeping 32 messages in flight held a 20k-entry add to 37 s with background tasks alone, 7 s
 * with timers). Without the API, the timer alone.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 0);
    SCHEDULER?.postTask(
      () => {
        clearTimeout(timer);
        resolve();
      },
      { priority: 'background' },
    );
  });
}

/**
 * How long a slice may hold the thread. A badge lookup takes a few tasks (the message, then each
 * database read), each of which may wait for a slice to end: short slices answer it sooner. Where
 * a pause costs next to nothing (nextTask's scheduler), slices are short; where a pause is a
 * clamped timer (4 ms or more), short slices would spend much of the time paused.
 */
export const SLICE_MS = SCHEDULER ? 16 : 50;

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
