/** Prediction and test error of the image classifier. */
import { tf } from '../../../src/ssldec/backend/tf';
import type { ClassifierModel } from './ClassifierModel';
import { setQ, type ImageSet } from './trainClassifier';

export interface ClassifierEvaluation {
  /** Share (0..1) of images whose argmax q differs from the label. */
  error: number;
  correct: number;
  count: number;
}

/** Predicted class 0..K-1 and confidence (max q) per image. */
export async function predictClassifier(model: ClassifierModel, set: ImageSet): Promise<{ labels: Int32Array; confidence: Float32Array }> {
  const q = setQ(model, set);
  const [am, mx] = tf.tidy(() => [tf.argMax(q, -1), tf.max(q, -1)]);
  q.dispose();
  try {
    const [labels, confidence] = await Promise.all([am.data(), mx.data()]);
    return { labels: labels as Int32Array, confidence: confidence as Float32Array };
  } finally {
    tf.dispose([am, mx]);
  }
}

/** Test error on a labelled set. */
export async function evaluateClassifier(model: ClassifierModel, set: ImageSet): Promise<ClassifierEvaluation> {
  if (!set.labels) throw new Error('evaluateClassifier needs a labelled set (labels missing).');
  const { labels } = await predictClassifier(model, set);
  let correct = 0;
  for (let i = 0; i < set.count; i++) if (labels[i] === set.labels[i]) correct++;
  return { error: 1 - correct / set.count, correct, count: set.count };
}
