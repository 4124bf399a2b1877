/** The linear-time checker itself (./linearity.ts): it passes linear code and fails quadratic code, by either of its two rules. */
import { describe, expect, it } from 'vitest';
import { checkLinearity, repeatTo, Subject } from './linearity';

/** Sums the codes of every character before each "a": quadratic in a run of "a", linear elsewhere. */
function sumBeforeEachA(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x61) continue;
    for (let j = 0; j < i; j++) sum = (sum + text.charCodeAt(j)) | 0;
  }
  return sum;
}

/** Sums every character's code once. */
function sumOnce(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

// Small: code quadratic on every input fails each of the checker's three measurements in full, and
// at 30,000 characters those took 18 s on a busy machine, near the test timeout.
const SIZES = { sizes: [100, 1_000, 10_000] };

describe('checkLinearity', () => {
  it('passes linear code on any input', () => {
    expect(checkLinearity(new Subject('sumOnce', sumOnce, (size) => repeatTo('xyz', size)), (size) => repeatTo('a', size), SIZES).failure).toBeUndefined();
  });

  it('fails code that is quadratic on the adversarial input only (by the ratio to the plain input)', () => {
    const failure = checkLinearity(new Subject('sumBeforeEachA', sumBeforeEachA, (size) => repeatTo('xyz', size)), (size) => repeatTo('a', size), SIZES).failure;
    expect(failure).toMatch(/the adversarial input took .* the plain one/);
  });

  it('fails code that is quadratic on every input (by the growth of its time per character)', () => {
    const failure = checkLinearity(new Subject('sumBeforeEachA', sumBeforeEachA, (size) => repeatTo('a', size)), (size) => repeatTo('ab', size), SIZES).failure;
    expect(failure).toMatch(/^from 100 to 10,000 characters the time grew/);
  });
});
