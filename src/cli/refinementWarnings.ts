import { keptPercent, type RefinementChange } from '../ssldec';

/**
 * What the panel's refinement warning says (the SSLDEC rounds all but removed or flooded a class against the run's
 * first result), for a batch run with no one to press "Use the first result": `--first-result` is its switch.
 */
export function refinementWarnings(
  changes: { shrunk: RefinementChange[]; grown: RefinementChange[] }, nameOf: (c: RefinementChange) => string,
): string[] {
  const rerun = 'run again with --first-result to write the first result instead';
  return [
    ...changes.shrunk.map((c) => `the SSLDEC rounds kept only ${keptPercent(c.ratio)} of "${nameOf(c)}" from the first result ` +
      `(${c.firstVoxels} → ${c.refinedVoxels} voxels). If that is too little, ${rerun}; strokes of another class on tissue ` +
      'that looks like it can cause this.'),
    ...changes.grown.map((c) => `the SSLDEC rounds grew "${nameOf(c)}" to ${c.ratio.toFixed(1)} times its voxels in the first result ` +
      `(${c.firstVoxels} → ${c.refinedVoxels}). If it now covers tissue that is not that class, ${rerun}, or add ` +
      'strokes of the right class on that tissue.'),
  ];
}
