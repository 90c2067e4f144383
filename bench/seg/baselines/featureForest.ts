/**
 * ilastik-style pixel classification: a random forest of 100 trees trained on the scribbled voxels' filter
 * features (ilastikFeatures.ts), then applied to every voxel.
 */
import type { Labelmap } from '../../../src/volume/Volume';
import type { FeatureStack } from './ilastikFeatures';
import { predictForest, trainForest } from './randomForest';

export function featureForest(features: FeatureStack, scribbles: Labelmap, options: { seed: number; trees?: number }): Labelmap {
  const n = scribbles.data.length;
  const classes = [...new Set(scribbles.data)].filter((v) => v !== 0).sort((a, b) => a - b);
  if (classes.length < 2) throw new Error(`Forest needs scribbles of at least 2 classes, got classes [${classes.join(', ')}]`);
  const index = new Int16Array(256).fill(-1);
  classes.forEach((c, i) => (index[c] = i));
  const scribbled: number[] = [];
  for (let v = 0; v < n; v++) if (scribbles.data[v] !== 0) scribbled.push(v);
  const f = features.values.length;
  const samples = new Float32Array(scribbled.length * f);
  const labels = new Uint8Array(scribbled.length);
  scribbled.forEach((v, row) => {
    labels[row] = index[scribbles.data[v]];
    for (let j = 0; j < f; j++) samples[row * f + j] = features.values[j][v];
  });
  const forest = trainForest(samples, labels, f, classes.length, { seed: options.seed, trees: options.trees });
  const predicted = predictForest(forest, features.values, n);
  const { data: _scribbleData, ...geometry } = scribbles;
  return { ...geometry, data: predicted.map((i) => classes[i]) };
}
