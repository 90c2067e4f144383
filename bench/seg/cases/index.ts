/** The suite's cases, in report order. Add a case: write its loader beside these and list it here. */
import { bratsTumour } from './bratsTumour';
import { ctAorta } from './ctAorta';
import { ctLiver } from './ctLiver';
import { freesurferBrain } from './freesurferBrain';
import type { CaseLoader } from './SegCase';

export const CASES: readonly CaseLoader[] = [freesurferBrain, bratsTumour, ctAorta, ctLiver];
export const CASE_NAMES = CASES.map((c) => c.name);
export type { CaseLoader, CaseSubject, SegCase } from './SegCase';
