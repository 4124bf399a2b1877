/**
 * Detectors carry their examples: every recognizer in lib/ids and lib/page is a plain exported
 * function, and a sibling `<module>.examples.ts` lists the inputs it must accept (with the value
 * it must return) and the inputs it must reject. Nothing shipped imports those files, so the
 * examples never reach a bundle; tests/unit/detectors.test.ts runs every set.
 */
export interface Examples<In, Out> {
  /** "url.<kind>" for URL → identifier detectors (checked against each other), else "ids.*" / "page.*". */
  name: string;
  detect: (input: In) => Out | undefined;
  /** Inputs the detector must accept, with the value it must return. */
  accepts: ReadonlyArray<readonly [In, Out]>;
  /** Inputs the detector must reject (return undefined). */
  rejects: ReadonlyArray<In>;
}

/** Ties a detector to its examples. */
export function examples<In, Out>(
  detect: (input: In) => Out | undefined,
  spec: Omit<Examples<In, Out>, 'detect'>,
): Examples<In, Out> {
  return { ...spec, detect };
}
