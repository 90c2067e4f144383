/**
 * UIDs and names that identify our DICOM writer in every Part-10 file it writes (the series writer in src/io and the
 * SEG writer in src/seg), so they live beside the dcmjs facade rather than in src/seg.
 */
import { VERSION } from '../../version';

/** Explicit VR Little Endian: the transfer syntax every PACS accepts (rule 1 of docs/dicom-seg-and-pacs.md). */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** Our implementation UID root (a 2.25 UUID-derived UID, fixed for the project). */
export const IMPLEMENTATION_CLASS_UID = '2.25.163093412398107351902339014522837542011';
/** ImplementationVersionName (SH, at most 16 characters): "SSLDEC_OHIF_" and the major and minor version. */
export const IMPLEMENTATION_VERSION_NAME = `SSLDEC_OHIF_${VERSION.split('.').slice(0, 2).join('_')}`;
