/**
 * The whole served stack for end-to-end tests, the way `npm start` builds it: a real Orthanc (temporary storage)
 * seeded with a small brain phantom MR series, the pinned OHIF viewer, our webpack bundles (built or reused), and
 * the one-origin server with a generated app-config. Only the study is smaller and training is set to 'tiny'.
 */
import { resolve } from 'node:path';
import { writeDicomSeries, type DicomSeries } from '../../src/io/writeDicomSeries';
import type { Volume } from '../../src/volume/Volume';

const root = resolve(__dirname, '../..');

// The platform scripts are plain Node JavaScript (they run before anything is built); these are their shapes.
interface Orthanc {
  url: string;
  dicomWebRoot: string;
  authHeaders: Record<string, string>;
  stop(): Promise<void>;
}
interface ViewerServer {
  url: string;
  close(): Promise<void>;
}
const { startOrthanc } = require('../../scripts/lib/orthanc') as { startOrthanc(o?: object): Promise<Orthanc> };
const { ensureViewer } = require('../../scripts/lib/viewer') as { ensureViewer(root: string): string };
const { ensurePluginBundles } = require('../../scripts/lib/viewerPlugins') as {
  ensurePluginBundles(root: string, o?: object): Promise<{ dir: string; version: string; rebuilt: boolean }>;
};
const { startViewerServer } = require('../../scripts/lib/server') as { startViewerServer(o: object): Promise<ViewerServer> };
const { renderAppConfig, DATA_SOURCE_NAME } = require('../../scripts/lib/app-config') as {
  renderAppConfig(o: object): string;
  DATA_SOURCE_NAME: string;
};
const { stowInstances } = require('../../scripts/lib/demoStudy') as {
  stowInstances(dicomWebRoot: string, files: ArrayBuffer[], headers?: Record<string, string>): Promise<void>;
};
const { brainPhantom } = require('../../scripts/lib/demoPhantom') as {
  brainPhantom(o?: { columns?: number; rows?: number; slices?: number; spacing?: [number, number, number] }): {
    volume: Volume;
    tissue: Uint8Array;
  };
};

export interface ServedStack {
  /** Viewer origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The phantom study in our mode. */
  studyUrl: string;
  /** Orthanc's own DICOMweb root: authentication is on, so direct requests need `pacsHeaders`. */
  dicomWebRoot: string;
  orthancUrl: string;
  /** Orthanc's login, which the viewer server adds to what it forwards (the browser never has it). */
  pacsHeaders: Record<string, string>;
  series: DicomSeries;
  phantom: { volume: Volume; tissue: Uint8Array };
  /** Whether webpack ran (false: bundles reused). */
  rebuilt: boolean;
  stop(): Promise<void>;
}

/**
 * @param ssldec the panel settings served as window.config.ssldec
 * @param size phantom size [columns, rows, slices]
 */
export async function startServedStack(
  ssldec: Record<string, unknown>,
  size: [number, number, number] = [64, 64, 16],
): Promise<ServedStack> {
  const viewerDir = ensureViewer(root);
  // SSLDEC_BUILD_MODE=development skips minification while iterating; the default is what `npm start` serves.
  const mode = process.env.SSLDEC_BUILD_MODE === 'development' ? 'development' : 'production';
  const plugins = await ensurePluginBundles(root, { mode, log: (m: string) => process.stderr.write(`${m}\n`) });
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const orthanc = await startOrthanc({ say: () => undefined });
    stops.push(orthanc.stop);
    const phantom = brainPhantom({ columns: size[0], rows: size[1], slices: size[2], spacing: [3, 3, 6] });
    const series = writeDicomSeries(phantom.volume, {
      patientName: 'Phantom^E2E',
      patientId: 'SSLDEC-E2E',
      studyDescription: 'SSLDEC end-to-end',
      seriesDescription: 'Brain phantom T1',
    });
    await stowInstances(orthanc.dicomWebRoot, series.files, orthanc.authHeaders);
    const server = await startViewerServer({
      viewerDir,
      pluginsDir: plugins.dir,
      appConfig: renderAppConfig({ pluginVersion: plugins.version, ssldec }),
      pacsRoot: orthanc.dicomWebRoot,
      pacsHeaders: orthanc.authHeaders,
      port: 0,
    });
    stops.push(server.close);
    const url = server.url.replace('localhost', '127.0.0.1');
    return {
      url,
      studyUrl: `${url}/ssldec/${DATA_SOURCE_NAME}?StudyInstanceUIDs=${series.studyInstanceUID}`,
      dicomWebRoot: orthanc.dicomWebRoot,
      orthancUrl: orthanc.url,
      pacsHeaders: orthanc.authHeaders,
      series,
      phantom,
      rebuilt: plugins.rebuilt,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
