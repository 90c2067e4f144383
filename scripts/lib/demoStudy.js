// Seeds an empty PACS with the demo brain MR study for `npm start`: the Colin27 T1 from Debian's `mricron-data`
// (MNI's single-subject template, `ch2.nii.gz`), downsampled to 2 mm so browser training stays quick, converted
// to an MR series with src/io/writeDicomSeries.ts and sent with STOW-RS. Without the package: a brain phantom.
const { existsSync, readFileSync } = require('node:fs');
const { randomBytes } = require('node:crypto');
const { ensureDebianPackages } = require('./debianPackages');
const { brainPhantom } = require('./demoPhantom');
const { loadDemoIo } = require('./demoIo');

const DEMO_PATIENT_ID = 'SSLDEC-DEMO';
const COLIN27_T1 = '/usr/share/mricron/templates/ch2.nii.gz';

class DemoStudyError extends Error {}

/**
 * Averages 2x2x2 blocks (edges: the voxels that exist) of every channel; geometry follows (origin = centre of the
 * first block).
 */
function downsample2(volume) {
  const [c, r, s] = volume.dimensions;
  const [c2, r2, s2] = [Math.ceil(c / 2), Math.ceil(r / 2), Math.ceil(s / 2)];
  const channels = volume.channels.map((src) => {
    const out = new Float32Array(c2 * r2 * s2);
    for (let k = 0; k < s2; k++)
      for (let j = 0; j < r2; j++)
        for (let i = 0; i < c2; i++) {
          let sum = 0;
          let n = 0;
          for (let dk = 0; dk < 2; dk++)
            for (let dj = 0; dj < 2; dj++)
              for (let di = 0; di < 2; di++) {
                const [x, y, z] = [2 * i + di, 2 * j + dj, 2 * k + dk];
                if (x < c && y < r && z < s) {
                  sum += src[x + y * c + z * c * r];
                  n++;
                }
              }
          out[i + j * c2 + k * c2 * r2] = Math.round(sum / n);
        }
    return out;
  });
  const d = volume.direction;
  const half = volume.spacing.map((sp) => sp / 2);
  const origin = volume.origin.map((o, a) => o + half[0] * d[a] + half[1] * d[3 + a] + half[2] * d[6 + a]);
  return { ...volume, dimensions: [c2, r2, s2], spacing: volume.spacing.map((sp) => sp * 2), origin, channels };
}

/**
 * Crops every channel to the box of first-channel voxels brighter than `fraction` of its maximum, plus a margin (air
 * around the head only slows training; the SSLDEC mode opens the stack on its middle slice).
 */
function cropToContent(volume, fraction = 0.3, margin = 2) {
  const [c, r, s] = volume.dimensions;
  const src = volume.channels[0];
  let max = 0;
  for (const v of src) if (v > max) max = v;
  const lo = [c, r, s];
  const hi = [-1, -1, -1];
  for (let k = 0; k < s; k++)
    for (let j = 0; j < r; j++)
      for (let i = 0; i < c; i++) {
        if (src[i + j * c + k * c * r] <= max * fraction) continue;
        [i, j, k].forEach((x, a) => {
          if (x < lo[a]) lo[a] = x;
          if (x > hi[a]) hi[a] = x;
        });
      }
  if (hi[0] < 0) return volume;
  const start = lo.map((x) => Math.max(0, x - margin));
  const end = hi.map((x, a) => Math.min(volume.dimensions[a] - 1, x + margin));
  const dims = end.map((e, a) => e - start[a] + 1);
  const channels = volume.channels.map((values) => {
    const out = new Float32Array(dims[0] * dims[1] * dims[2]);
    for (let k = 0; k < dims[2]; k++)
      for (let j = 0; j < dims[1]; j++) {
        const from = start[0] + (start[1] + j) * c + (start[2] + k) * c * r;
        out.set(values.subarray(from, from + dims[0]), j * dims[0] + k * dims[0] * dims[1]);
      }
    return out;
  });
  const d = volume.direction;
  const sp = volume.spacing;
  const origin = volume.origin.map((o, a) => o + start[0] * sp[0] * d[a] + start[1] * sp[1] * d[3 + a] + start[2] * sp[2] * d[6 + a]);
  return { ...volume, dimensions: dims, origin, channels };
}

/**
 * Reorders the in-plane axes so that rows run to the patient's left and columns to the posterior (DICOM LPS
 * [1,0,0] and [0,1,0] for an axial stack): OHIF then shows the radiological view, anterior at the top and the
 * patient's left on the image's right. A NIfTI in RAS (Colin27) arrives as [-1,0,0] / [0,-1,0]: the back of the head
 * at the top and left and right swapped. Voxels keep their patient positions; only the storage order changes.
 */
function radiologicalInPlane(volume) {
  const [c, r, s] = volume.dimensions;
  const d = [...volume.direction];
  // Flip an in-plane axis whose strongest component points the "wrong" way (to the right or anterior).
  const flip = [0, 1].map((a) => {
    const col = d.slice(3 * a, 3 * a + 3);
    const major = col.reduce((m, v, x) => (Math.abs(v) > Math.abs(col[m]) ? x : m), 0);
    return col[major] < 0;
  });
  if (!flip[0] && !flip[1]) return volume;
  const channels = volume.channels.map((src) => {
    const out = new Float32Array(src.length);
    for (let k = 0; k < s; k++)
      for (let j = 0; j < r; j++)
        for (let i = 0; i < c; i++) {
          const si = flip[0] ? c - 1 - i : i;
          const sj = flip[1] ? r - 1 - j : j;
          out[i + j * c + k * c * r] = src[si + sj * c + k * c * r];
        }
    return out;
  });
  const origin = [...volume.origin];
  [0, 1].forEach((a) => {
    if (!flip[a]) return;
    const steps = volume.dimensions[a] - 1;
    for (let x = 0; x < 3; x++) {
      origin[x] += steps * volume.spacing[a] * d[3 * a + x];
      d[3 * a + x] = 0 - d[3 * a + x]; // not -d: no -0 in the IOP
    }
  });
  return { ...volume, origin, direction: d, channels };
}

/**
 * The demo's preparation of a Colin27-grid volume, every channel alike: crop to the head, 2 mm, radiological order
 * (bench:demo puts the BET brain mask through it beside the T1).
 */
function prepareDemoVolume(volume) {
  return radiologicalInPlane(downsample2(cropToContent(volume)));
}

/** The demo volume and where it came from; installs mricron-data on Debian when missing (saying so). */
function demoVolume(root, log) {
  if (!existsSync(COLIN27_T1)) {
    log('[demo] The demo T1 comes from the Debian package mricron-data (Colin27, ~16 MB)');
    ensureDebianPackages(['mricron-data']);
  }
  if (existsSync(COLIN27_T1)) {
    const volume = prepareDemoVolume(loadDemoIo(root).readNifti(readFileSync(COLIN27_T1)));
    return { volume, source: 'Colin27 T1 (mricron-data ch2.nii.gz, 2 mm)', description: 'Colin27 T1 2mm' };
  }
  log('[demo] mricron-data is not available: seeding a generated brain phantom instead');
  const { volume } = brainPhantom({ columns: 96, rows: 96, slices: 48, spacing: [2, 2, 3] });
  return { volume, source: 'generated brain phantom', description: 'Brain phantom T1' };
}

/**
 * Sends Part-10 instances with STOW-RS (`POST {dicomWebRoot}/studies`) in batches.
 * @param {string} dicomWebRoot
 * @param {ArrayBuffer[]} files
 * @param {Record<string,string>} [headers] auth headers for the PACS
 */
async function stowInstances(dicomWebRoot, files, headers = {}) {
  const batch = 32;
  for (let start = 0; start < files.length; start += batch) {
    const boundary = `ssldec-${randomBytes(12).toString('hex')}`;
    const parts = [];
    for (const file of files.slice(start, start + batch)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.from(file), Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const response = await fetch(`${dicomWebRoot}/studies`, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: 'application/dicom+json' },
      body: Buffer.concat(parts),
    });
    if (!response.ok) {
      throw new DemoStudyError(`STOW-RS to ${dicomWebRoot}/studies answered ${response.status}: ${(await response.text()).slice(0, 400)}`);
    }
  }
}

/** StudyInstanceUIDs of studies of a patient, via QIDO-RS. */
async function findStudies(dicomWebRoot, patientId, headers = {}) {
  const url = `${dicomWebRoot}/studies?PatientID=${encodeURIComponent(patientId)}`;
  const response = await fetch(url, { headers: { ...headers, accept: 'application/dicom+json' } });
  if (!response.ok) throw new DemoStudyError(`QIDO-RS ${url} answered ${response.status}: ${(await response.text()).slice(0, 400)}`);
  const text = await response.text();
  const studies = text.trim() ? JSON.parse(text) : [];
  return studies.map((s) => s['0020000D']?.Value?.[0]).filter(Boolean);
}

/**
 * Makes sure the PACS holds the demo study; reuses the one already there (a second `npm start` keeps its data).
 * @param {{log?: (m: string) => void, headers?: Record<string, string>}} [options]
 * @returns {Promise<{studyInstanceUID: string, seeded: boolean, source?: string}>}
 */
async function ensureDemoStudy(root, dicomWebRoot, options = {}) {
  const log = options.log ?? ((m) => console.log(m));
  const headers = options.headers ?? {}; // the embedded Orthanc's login
  const existing = await findStudies(dicomWebRoot, DEMO_PATIENT_ID, headers);
  if (existing.length) return { studyInstanceUID: existing[0], seeded: false };
  const { volume, source, description } = demoVolume(root, log);
  const series = loadDemoIo(root).writeDicomSeries(volume, {
    modality: 'MR',
    patientName: 'Demo^Brain',
    patientId: DEMO_PATIENT_ID,
    studyDescription: 'SSLDEC demo brain MR',
    seriesDescription: description,
  });
  log(`[demo] Seeding the PACS with ${source}: ${volume.dimensions.join('x')} voxels, ${series.files.length} instances`);
  await stowInstances(dicomWebRoot, series.files, headers);
  return { studyInstanceUID: series.studyInstanceUID, seeded: true, source };
}

module.exports = {
  ensureDemoStudy, stowInstances, findStudies, downsample2, cropToContent, radiologicalInPlane, prepareDemoVolume, COLIN27_T1,
  DEMO_PATIENT_ID, DemoStudyError,
};
