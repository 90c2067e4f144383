/**
 * `--save-predictions DIR`: each run's result as NIfTI, beside the image, the truth and the scribbles it came from (all
 * on the case's grid, crops included), so an error can be looked at in a viewer or counted with a script
 * (BENCHMARKS.md, "Where the unmet targets' errors lie"). Labels keep the case's class values. Written only where
 * asked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNifti } from '../../src/io/writeNifti';
import type { Labelmap, Volume } from '../../src/volume/Volume';

/** What one file holds, named as its parts joined by dots: case.subject[.effort.seedN[.netN]].what.nii.gz. */
export interface PredictionFileName {
  caseName: string;
  subject: string;
  /** Effort label and draw seed, for everything but the subject's image and truth. */
  draw?: { effort: string; seed: number };
  /** The network seed, when it is not the draw's (--network-seed-offsets). */
  networkSeed?: number;
  /** 'image', 'truth', 'scribbles', a method's name, or a method's name + '.first' (the result before the rounds). */
  what: string;
}

/** Characters a file name keeps; anything else becomes "_" (case and method names are plain already). */
const safe = (part: string) => part.replace(/[^A-Za-z0-9_+-]/g, '_');

export function predictionFileName(f: PredictionFileName): string {
  const parts = [f.caseName, f.subject];
  if (f.draw) parts.push(f.draw.effort, `seed${f.draw.seed}`);
  if (f.draw && f.networkSeed !== undefined && f.networkSeed !== f.draw.seed) parts.push(`net${f.networkSeed}`);
  return `${[...parts, ...f.what.split('.')].map(safe).join('.')}.nii.gz`;
}

/** Writes the files of one bench run into `dir` (created if missing). */
export class PredictionFiles {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Writes `image` (a volume or labelmap) as the file `name` describes; returns its path. */
  write(name: PredictionFileName, image: Volume | Labelmap): string {
    const path = join(this.dir, predictionFileName(name));
    writeFileSync(path, writeNifti(image, { gzip: true, description: `bench:seg ${name.what}` }));
    return path;
  }
}
