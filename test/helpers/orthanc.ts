/** Typed access to the lead's real-Orthanc launcher (scripts/lib/orthanc.js) for integration tests. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const launcher = require('../../scripts/lib/orthanc.js') as {
  startOrthanc(options?: { port?: number; storageDir?: string; name?: string; log?: boolean; say?: (m: string) => void }): Promise<RunningOrthanc>;
};

/** A running Orthanc with DICOMweb on a free loopback port and temporary storage. */
export interface RunningOrthanc {
  url: string;
  dicomWebRoot: string;
  port: number;
  storageDir: string;
  pid: number;
  /** HTTP Basic login of this Orthanc (authentication is always on); pass it to clients that talk to it directly. */
  authHeaders: Record<string, string>;
  credentials: { username: string; password: string };
  /** Whom Orthanc runs as ('orthanc' when the tests run as root). */
  runsAs: string;
  stop(): Promise<void>;
  /** Calls `listener` if Orthanc ends without stop() being called. */
  onUnexpectedExit(listener: (exit: { code: number | null; signal: string | null }) => void): void;
}

/** Starts Orthanc (throws with an install hint when the Debian packages are missing). */
export function startOrthanc(options: { storageDir?: string } = {}): Promise<RunningOrthanc> {
  return launcher.startOrthanc({ name: 'SSLDEC-TEST', say: () => undefined, ...options });
}
