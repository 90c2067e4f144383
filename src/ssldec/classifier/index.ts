/** Image-classification SSLDEC (MNIST benchmark): build, train supervised/SSLDEC, predict, evaluate. */
export { createClassifier } from './ClassifierModel';
export type { ClassifierConfig, ClassifierModel } from './ClassifierModel';
export { trainClassifier } from './trainClassifier';
export type { ImageSet, ClassifierTrainOptions, ClassifierTrainResult } from './trainClassifier';
export { evaluateClassifier, predictClassifier } from './evaluateClassifier';
export type { ClassifierEvaluation } from './evaluateClassifier';
