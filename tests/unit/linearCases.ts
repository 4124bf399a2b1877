/** `linearCases`: one vitest test per adversarial case of a subject (see ./linearity.ts). */
import { describe, expect, it } from 'vitest';
import { checkLinearity, type LinearityOptions, type Subject } from './linearity';

export { around, linesTo, repeatTo, Subject } from './linearity';

/** Not a limit on speed (the ratios are): room for a busy machine to climb to 1 MB. */
const TIMEOUT_MS = 120_000;

/** Each case: a name saying what the adversarial input is, and its maker. */
export type Cases = Record<string, (size: number) => string>;

export function linearCases(subject: Subject, cases: Cases, options?: LinearityOptions): void {
  describe(subject.name, () => {
    for (const [name, adversarial] of Object.entries(cases)) {
      it(`stays linear on ${name}`, () => {
        const result = checkLinearity(subject, adversarial, options);
        expect(result.failure, `${subject.name}, ${name}`).toBeUndefined();
      }, TIMEOUT_MS);
    }
  });
}

