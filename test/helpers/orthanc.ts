/** Typed access to the lead's real-Orthanc launcher (scripts/lib/orthanc.js) for integration tests. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const launcher = require('../../scripts/lib/orthanc.js') as {
  startOrthanc(options?: { port?: number; storageDir?: string; name?: string; log?: boolean }): Promise<RunningOrthanc>;
};

/** A running Orthanc with DICOMweb on a free loopback port and temporary storage. */
export interface RunningOrthanc {
  url: string;
  dicomWebRoot: string;
  port: number;
  storageDir: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts Orthanc (throws with an install hint when the Debian packages are missing). */
export function startOrthanc(): Promise<RunningOrthanc> {
  return launcher.startOrthanc({ name: 'SSLDEC-TEST' });
}
