/**
 * Every case, in report order: the suite's four, then held-out ones (run only when named). Add a case: write its
 * loader beside these and list it here.
 */
import { bratsTumour } from './bratsTumour';
import { ctAorta } from './ctAorta';
import { ctAortaWhole } from './ctAortaWhole';
import { ctLiver } from './ctLiver';
import { freesurferBrain } from './freesurferBrain';
import { freesurferDeepGrey, freesurferMedialTemporal, freesurferPosteriorFossa, freesurferSubcortical } from './freesurferAseg';
import type { CaseLoader } from './SegCase';

export const CASES: readonly CaseLoader[] = [freesurferBrain, bratsTumour, ctAorta, ctLiver, freesurferDeepGrey, freesurferMedialTemporal,
  freesurferPosteriorFossa, ctAortaWhole, freesurferSubcortical];
export const CASE_NAMES = CASES.map((c) => c.name);
/** The suite: what a plain run measures and what the targets are judged on. */
export const SUITE_CASE_NAMES = CASES.filter((c) => !c.heldOut).map((c) => c.name);
export type { CaseLoader, CaseSubject, SegCase } from './SegCase';
