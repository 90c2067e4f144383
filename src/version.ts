/**
 * The release version, read from package.json so that it is written in one place. Written into SEGs
 * (SoftwareVersions, AlgorithmVersion), printed by `ssldec --version`, offered to OHIF as the extension's version.
 */
import packageJson from '../package.json';

/** The package version, e.g. "1.4.2". */
export const VERSION: string = packageJson.version;
