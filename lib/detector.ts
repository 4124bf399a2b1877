/**
 * Detectors carry their examples: every recognizer in Lantern is declared with the inputs it
 * must accept (and what it must return for them) and the inputs it must reject. One generic
 * test (tests/unit/detectors.test.ts) runs every registered detector over its examples.
 */
export interface Detector<In, Out> {
  name: string;
  detect: (input: In) => Out | undefined;
  /** Inputs the detector must accept, with the value it must return. */
  accepts: ReadonlyArray<readonly [In, Out]>;
  /** Inputs the detector must reject (return undefined). */
  rejects: ReadonlyArray<In>;
}

const registry: Detector<unknown, unknown>[] = [];

/** Declares a detector with its examples, registers it for the generic test, and returns its function. */
export function detector<In, Out>(spec: Detector<In, Out>): (input: In) => Out | undefined {
  registry.push(spec as Detector<unknown, unknown>);
  return spec.detect;
}

export function registeredDetectors(): ReadonlyArray<Detector<unknown, unknown>> {
  return registry;
}
