/**
 * Entry of the `ssldec` bundle (built by scripts/build-cli.js, started by bin/ssldec.js). Ctrl-C cancels
 * training cleanly; the exit status comes from runCli.
 */
import { env } from '@tensorflow/tfjs-core';
import { setDcmjsValidationLogLevel } from '../io/dicom/dcmjs';
import { runCli } from './runCli';

// PROD silences TF.js's "install tfjs-node" banner, which would pollute stderr (the CLI's progress channel).
env().set('PROD', true);
setDcmjsValidationLogLevel('silent');

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ssldec: unexpected failure: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
