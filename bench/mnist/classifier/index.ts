/** Image-classification SSLDEC for bench:mnist (built on the engine's head, target and losses): build, train, predict, evaluate. */
export { createClassifier } from './ClassifierModel';
export type { ClassifierConfig, ClassifierModel } from './ClassifierModel';
export { trainClassifier } from './trainClassifier';
export type { ImageSet, ClassifierTrainOptions, ClassifierTrainResult } from './trainClassifier';
export { evaluateClassifier, predictClassifier } from './evaluateClassifier';
export type { ClassifierEvaluation } from './evaluateClassifier';
