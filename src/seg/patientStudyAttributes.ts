import { text } from '../io/dicom/attributes';
import type { NaturalizedDataset } from '../io/dicom/dcmjs';

/**
 * Patient, study and frame-of-reference attributes copied from a source instance into a derived object,
 * sanitised so that a source's VR errors do not propagate into our SEG (rule 7 of the shared doc): dates and
 * times that are not valid DA/TM become empty (Type 2), strings are trimmed to their VR's maximum length with
 * backslashes and control characters removed, PatientSex outside M/F/O becomes empty.
 */
export function patientStudyAttributes(source: NaturalizedDataset): NaturalizedDataset {
  return {
    ...optionalAttributes(source),
    PatientName: personName(source.PatientName),
    PatientID: clean(source.PatientID, 64),
    PatientBirthDate: date(source.PatientBirthDate),
    PatientSex: ['M', 'F', 'O'].includes(text(source.PatientSex).trim()) ? text(source.PatientSex).trim() : '',
    StudyInstanceUID: text(source.StudyInstanceUID),
    StudyDate: date(source.StudyDate),
    StudyTime: time(source.StudyTime),
    StudyID: clean(source.StudyID, 16),
    AccessionNumber: clean(source.AccessionNumber, 16),
    ReferringPhysicianName: personName(source.ReferringPhysicianName),
    StudyDescription: clean(source.StudyDescription, 64),
    FrameOfReferenceUID: text(source.FrameOfReferenceUID),
    PositionReferenceIndicator: clean(source.PositionReferenceIndicator, 64),
  };
}

/** True when any copied value needs a character set beyond ASCII (then SpecificCharacterSet is ISO_IR 192). */
export function needsUtf8(attributes: NaturalizedDataset): boolean {
  return Object.values(attributes).some((v) => {
    const s = typeof v === 'string' ? v : JSON.stringify(v ?? '');
    return /[^\x00-\x7f]/.test(s);
  });
}

/**
 * Type 3 patient/study attributes, copied only when the source has a valid value, so dcentvfy finds the same
 * attributes in the SEG as in its sources.
 */
function optionalAttributes(source: NaturalizedDataset): NaturalizedDataset {
  const out: NaturalizedDataset = {};
  if ('IssuerOfPatientID' in source) out.IssuerOfPatientID = clean(source.IssuerOfPatientID, 64);
  const age = text(source.PatientAge).trim();
  if (/^\d{3}[DWMY]$/.test(age)) out.PatientAge = age;
  for (const key of ['PatientSize', 'PatientWeight'] as const) {
    const v = Number(text(source[key]));
    if (text(source[key]).trim() && Number.isFinite(v) && v > 0) out[key] = v;
  }
  const removed = text(source.PatientIdentityRemoved).trim();
  if (removed === 'YES' || removed === 'NO') out.PatientIdentityRemoved = removed;
  return out;
}

function clean(value: unknown, maxLength: number): string {
  return text(value).replace(/[\\\x00-\x1f\x7f]/g, ' ').trim().slice(0, maxLength);
}

function personName(value: unknown): string {
  // dcmjs naturalizes PN as [{Alphabetic}] or a string; keep the alphabetic group only (max 64 per group).
  return text(value).replace(/[\\\x00-\x1f\x7f=]/g, ' ').trim().slice(0, 64);
}

/** A valid DA (YYYYMMDD with a real month/day) or ''. */
export function date(value: unknown): string {
  const s = text(value).trim();
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return '';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? s : '';
}

/** A valid TM (HH[MM[SS[.F{1,6}]]]) or ''. */
export function time(value: unknown): string {
  const s = text(value).trim();
  return /^([01]\d|2[0-3])([0-5]\d([0-5]\d(\.\d{1,6})?)?)?$/.test(s) ? s : '';
}
