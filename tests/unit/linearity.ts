/**
 * Linear-time checks for parsers fed hostile input, by ratio rather than by wall clock: the
 * same function is timed on a plain input and on an adversarial input of the same size, and
 * the adversarial one must stay within a fixed multiple of the plain one; the time per character
 * must grow little from 10 kB to 1 MB, not a hundredfold as a quadratic cost's does.
 *
 * Sizes are climbed from small to large and the climb stops at the first size whose ratio is
 * already out of bounds: a quadratic or exponential case is caught at a few kB, in milliseconds,
 * instead of running for minutes at 1 MB (synchronous code cannot be interrupted by a test timeout).
 *
 * Used by tests/unit/linear*.test.ts (pass/fail) and tests/bench/linear.ts (figures); checked itself by
 * tests/unit/linearity.test.ts.
 */

/** Characters (UTF-16 code units) of the inputs, smallest first; the last three are compared for growth. */
export const DEFAULT_SIZES = [1_000, 10_000, 100_000, 1_000_000] as const;

export interface LinearityOptions {
  /** Input sizes to climb, ascending; default DEFAULT_SIZES. */
  sizes?: readonly number[];
  /**
   * Largest allowed adversarial ÷ plain time at any one size (default 30). A super-linear case
   * passes it at small sizes at most: its ratio grows with the size, past any fixed multiple by 1 MB.
   */
  maxRatio?: number;
  /**
   * Largest allowed growth of the time per character over the last two size steps (over the last
   * one when there are only two sizes), for plain and adversarial inputs alike: 1 is exactly
   * linear; a quadratic cost from 10 kB to 1 MB scores 100. Default 25: the machine itself makes
   * larger inputs slower per character, once each cache or V8's young generation is outgrown
   * (seen here for linear code: 6.5× from 10 kB to 100 kB for one input, 5.6× from 100 kB to 1 MB
   * for another), and over two steps that happens once or twice, where a quadratic cost grows at each.
   */
  maxGrowth?: number;
  /**
   * Timed samples per input (default 2; 1 from 1 MB up); the fastest counts (others were slowed
   * by the machine, not the input). A failure is measured again anyway (checkLinearity).
   */
  samples?: number;
}

/**
 * A parser under test: `run` is called with inputs; `plain(size)` makes an ordinary input of
 * about `size` characters (a realistic file, page or identifier). Its times are measured once
 * per size and shared by every adversarial case of the subject.
 *
 * A plain time is never taken as less than one read or copy of the input (floorMs): a function
 * that refuses plain input after a few characters (an identifier check) would otherwise make any
 * linear read of an adversarial input look infinitely slower.
 */
export class Subject {
  private readonly plainTimes = new Map<number, number>();

  constructor(
    readonly name: string,
    readonly run: (input: string) => unknown,
    readonly plain: (size: number) => string,
  ) {}

  plainMs(size: number, samples: number): number {
    let time = this.plainTimes.get(size);
    if (time === undefined) {
      const input = sized(this.plain, size);
      time = Math.max(fastestCall(this.run, input, samples), floorMs(size));
      this.plainTimes.set(size, time);
    }
    return time;
  }

  /** Forgets plain times, so that a second measurement does not reuse a disturbed first one. */
  forget(): void {
    this.plainTimes.clear();
  }
}

export interface SizePoint {
  size: number;
  /** Fastest time of one call, milliseconds (of CPU time under Node). */
  plainMs: number;
  adversarialMs: number;
  /** adversarialMs ÷ plainMs. */
  ratio: number;
}

export interface LinearityResult {
  points: SizePoint[];
  /** Growth (see LinearityOptions.maxGrowth) of the plain and adversarial times per character, when the last size was reached. */
  plainGrowth?: number;
  adversarialGrowth?: number;
  /** Why the check failed, in words, or undefined when it passed. */
  failure?: string;
}

/** One linear read of the text, a character at a time: the least work any parser does on an input it reads. */
function readOnce(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

/** One copy of the text (lower-cased, as parsers do): at 1 MB a copy is a large object, whose allocation costs more per character than at 100 kB. */
function copyOnce(text: string): number {
  return text.toLowerCase().length;
}

const floors = new Map<number, number>();

/**
 * The least time any reader of an input of `size` characters takes: one read or one copy,
 * whichever is slower. Times below it are taken as it, for plain and adversarial inputs alike:
 * a reader that stops early (a length cut) would otherwise make the next size's linear read look
 * like super-linear growth.
 */
function floorMs(size: number): number {
  let floor = floors.get(size);
  if (floor === undefined) {
    const input = repeatTo('ab', size);
    floor = Math.max(fastestCall(readOnce, input, 2), fastestCall(copyOnce, input, 2));
    floors.set(size, floor);
  }
  return floor;
}

/**
 * Milliseconds of CPU time this process has used (Node), else of wall time. CPU time does not
 * count the time the process waits for a core, which on a shared machine is most of a long call's
 * wall time and would make 1 MB look slower per character than 100 kB.
 */
function clock(): number {
  if (typeof process !== 'undefined' && typeof process.cpuUsage === 'function') {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  return performance.now();
}

/** The fastest of `samples` timings of one call; each timing runs calls for at least `minBatchMs` so that microsecond calls are measured well. */
function fastestCall(run: (input: string) => unknown, input: string, samples: number, minBatchMs = 2): number {
  let best = Infinity;
  for (let sample = 0; sample < samples; sample++) {
    let calls = 0;
    const start = clock();
    let elapsed = 0;
    do {
      run(input);
      calls++;
      elapsed = clock() - start;
    } while (elapsed < minBatchMs);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/** `make(size)`, checked to be within a factor of two of `size` (a generator that ignores its size would prove nothing). */
export function sized(make: (size: number) => string, size: number): string {
  const text = make(size);
  if (text.length < size / 2 || text.length > size * 2) {
    throw new Error(`an input made for ${size} characters has ${text.length}`);
  }
  return text;
}

/**
 * Times `subject.run` on plain and adversarial inputs of each size, smallest first. Fails (in
 * `failure`) at the first size where adversarial ÷ plain exceeds maxRatio, or when either time
 * grows faster than linearly by more than maxGrowth over the last size step. Never throws on slow
 * input; rethrows what `run` throws.
 */
export function measureLinearity(subject: Subject, adversarial: (size: number) => string, options: LinearityOptions = {}): LinearityResult {
  const sizes = options.sizes ?? DEFAULT_SIZES;
  const maxRatio = options.maxRatio ?? 30;
  const maxGrowth = options.maxGrowth ?? 25;
  const points: SizePoint[] = [];
  for (const size of sizes) {
    // Larger inputs get fewer samples: one call is long enough to be measured well.
    const samples = size >= 1_000_000 ? 1 : (options.samples ?? 2);
    const adversarialMs = fastestCall(subject.run, sized(adversarial, size), samples);
    const plainMs = subject.plainMs(size, samples);
    const point = { size, plainMs, adversarialMs, ratio: adversarialMs / plainMs };
    points.push(point);
    if (point.ratio > maxRatio) {
      return {
        points,
        failure: `at ${size.toLocaleString('en')} characters the adversarial input took ${point.ratio.toFixed(1)}× the plain one (limit ${maxRatio}×): ${describe(points)}`,
      };
    }
  }
  const last = points.at(-1)!;
  const before = points.at(-3) ?? points.at(-2);
  if (!before || before === last) return { points };
  const span = last.size / before.size;
  const plainGrowth = last.plainMs / before.plainMs / span;
  const adversarialGrowth = Math.max(last.adversarialMs, floorMs(last.size)) / Math.max(before.adversarialMs, floorMs(before.size)) / span;
  const result = { points, plainGrowth, adversarialGrowth };
  const worst = Math.max(plainGrowth, adversarialGrowth);
  if (worst > maxGrowth) {
    return {
      ...result,
      failure: `from ${before.size.toLocaleString('en')} to ${last.size.toLocaleString('en')} characters the time grew ${(worst * span).toFixed(1)}× for ${span}× the input (limit ${(maxGrowth * span).toFixed(0)}×): ${describe(points)}`,
    };
  }
  return result;
}

/** Measurements a failing check gets before it fails. */
const ATTEMPTS = 3;

/**
 * measureLinearity, measured afresh (plain times and floors too) while it fails, up to ATTEMPTS
 * times: a failure caused by a busy machine does not repeat every time, a super-linear algorithm
 * fails every time. The first failure is the one reported.
 */
export function checkLinearity(subject: Subject, adversarial: (size: number) => string, options: LinearityOptions = {}): LinearityResult {
  const first = measureLinearity(subject, adversarial, options);
  for (let attempt = 1; attempt < ATTEMPTS && first.failure !== undefined; attempt++) {
    // A floor taken while the machine was quiet against an adversarial time taken while it was
    // busy makes a linear read look tens of times slower.
    subject.forget();
    floors.clear();
    const again = measureLinearity(subject, adversarial, options);
    if (again.failure === undefined) return again;
  }
  return first;
}

export function describe(points: readonly SizePoint[]): string {
  return points
    .map((point) => `${point.size.toLocaleString('en')}: plain ${point.plainMs.toFixed(3)} ms, adversarial ${point.adversarialMs.toFixed(3)} ms`)
    .join('; ');
}

/** `unit` repeated and cut to exactly `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** `head`, then `unit` repeated, then `tail`, `size` characters in all (the middle is cut to fit). */
export function around(head: string, unit: string, tail: string, size: number): string {
  return head + repeatTo(unit, Math.max(0, size - head.length - tail.length)) + tail;
}

/** Lines made by `line(n)` (n = 0, 1, …), joined by newlines, until `size` characters. */
export function linesTo(line: (n: number) => string, size: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let n = 0; length < size; n++) {
    const next = line(n);
    lines.push(next);
    length += next.length + 1;
  }
  return lines.join('\n').slice(0, size);
}
