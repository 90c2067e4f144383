/**
 * Checks a training or prediction request before any tensor is made (used by train/ and infer/, so it sits beside
 * neither). Throws a typed error naming what was expected, what was
 * got and what to do; reads the caller's arrays only.
 */
import { voxelCount, type Labelmap, type Volume } from '../volume/Volume';
import {
  GeometryMismatchError, InsufficientScribblesError, InvalidVolumeError, ModelMismatchError,
} from './errors';
import type { SsldecModel } from './model/SsldecModel';
import type { ClassInfo } from './types';

/** Checks the volume: positive dimensions, channel lengths, finite voxels, not constant. */
export function validateVolume(volume: Volume): void {
  const n = voxelCount(volume);
  if (!volume.dimensions.every((d) => Number.isInteger(d) && d > 0)) {
    throw new InvalidVolumeError(`Volume dimensions must be positive integers, got [${volume.dimensions.join(', ')}].`);
  }
  if (!volume.channels || volume.channels.length === 0) {
    throw new InvalidVolumeError('Volume has no channels: expected at least one Float32Array of voxels. Load the image first.');
  }
  volume.channels.forEach((ch, c) => {
    if (ch.length !== n) {
      throw new GeometryMismatchError(`Volume channel ${c} has ${ch.length} voxels, expected ${n} ` +
        `(= ${volume.dimensions.join(' x ')}). Check the channel was read on the volume's grid.`);
    }
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = ch[i];
      if (!Number.isFinite(v)) {
        const [nx, ny] = volume.dimensions;
        throw new InvalidVolumeError(`Volume channel ${c} has a non-finite voxel (${v}) at (i, j, k) = ` +
          `(${i % nx}, ${Math.floor(i / nx) % ny}, ${Math.floor(i / (nx * ny))}); expected finite numbers. ` +
          'Replace NaN/Infinity (e.g. with the background value) before training.');
      }
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!(max > min)) {
      throw new InvalidVolumeError(`Volume channel ${c} is constant (every voxel = ${min}); expected an image with ` +
        'contrast. Check the right series was loaded.');
    }
  });
}

/** Checks that scribbles lie on the volume's grid. */
export function validateSameGrid(volume: Volume, scribbles: Labelmap): void {
  const a = volume.dimensions;
  const b = scribbles.dimensions;
  if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2] || scribbles.data.length !== voxelCount(volume)) {
    throw new GeometryMismatchError(`Scribbles ([${b.join(', ')}], ${scribbles.data.length} voxels) do not match the ` +
      `volume ([${a.join(', ')}]); expected the same grid. Draw the scribbles on this volume's viewport or resample them.`);
  }
}

/** Counts voxels per label value 0..255 (of scribbles or a prediction; the engine, the CLI and the panel count alike). */
export function countLabels(scribbles: Pick<Labelmap, 'data'>): Uint32Array {
  const counts = new Uint32Array(256);
  for (let i = 0; i < scribbles.data.length; i++) counts[scribbles.data[i]]++;
  return counts;
}

/**
 * Resolves the class list and checks scribbles against it: values must be 0..K, at least two classes scribbled.
 * @param counts the scribbles' voxels per label value (countLabels).
 * @returns the classes (given, from the model, or one per value 1..max).
 */
export function resolveClasses(counts: Uint32Array, given: ClassInfo[] | undefined, model?: SsldecModel): ClassInfo[] {
  let maxValue = 0;
  for (let v = 1; v < 256; v++) if (counts[v] > 0) maxValue = v;
  if (model && given) {
    const same = given.length === model.classes.length && given.every((c, i) => c.value === model.classes[i].value);
    if (!same) {
      throw new ModelMismatchError(`Classes [${given.map((c) => c.value).join(', ')}] differ from the model's ` +
        `[${model.classes.map((c) => c.value).join(', ')}]; expected the same class values. Train a new model instead.`);
    }
  }
  const classes = given ?? model?.classes ??
    Array.from({ length: maxValue }, (_, i) => ({ value: i + 1, name: `Class ${i + 1}` }));
  classes.forEach((c, i) => {
    if (c.value !== i + 1) {
      throw new InsufficientScribblesError(`Class values must be 1..K in order; class ${i} ('${c.name}') has value ` +
        `${c.value}, expected ${i + 1}. Renumber the classes.`, []);
    }
  });
  const scribbled = classes.filter((c) => counts[c.value] > 0).map((c) => c.value);
  if (maxValue > classes.length) {
    const msg = `Scribbles use label ${maxValue} but only ${classes.length} classes are defined (values 1..${classes.length}).`;
    if (model) throw new ModelMismatchError(`${msg} The model was trained on ${classes.length} classes; train a new model to add one.`);
    throw new InsufficientScribblesError(`${msg} Add the class or erase those scribbles.`, scribbled);
  }
  if (scribbled.length === 0) {
    throw new InsufficientScribblesError('No scribbles: every voxel of the labelmap is 0. Paint a few strokes in at ' +
      'least two classes, then train.', scribbled);
  }
  if (scribbled.length < 2) {
    throw new InsufficientScribblesError(`Only class ${scribbled[0]} is scribbled; expected at least two classes. ` +
      'Paint strokes in another class (e.g. background) too.', scribbled);
  }
  return classes;
}

/** Checks that a model fits this volume (channel count). */
export function validateModelForVolume(model: SsldecModel, volume: Volume): void {
  if (model.isDisposed) throw new ModelMismatchError('The model has been disposed; load or train it again.');
  if (model.config.inputChannels !== volume.channels.length) {
    throw new ModelMismatchError(`Model expects ${model.config.inputChannels} image channel(s), the volume has ` +
      `${volume.channels.length}; expected the same protocol (e.g. T1 only, or T1+T2). Train a new model for this input.`);
  }
}
