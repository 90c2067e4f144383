#!/usr/bin/env node
// `npm start`: everything a newcomer needs to try SSLDEC in OHIF, from a fresh checkout. Installs missing npm
// packages, the Debian Orthanc packages (on Debian/Ubuntu as root; elsewhere it says what to install), fetches the
// pinned OHIF viewer, builds our plugins, starts Orthanc with storage in .data/orthanc (seeded once with a demo
// brain MR), serves all on one origin and prints the study URL. Ctrl-C stops everything it started.
//   npm start -- [--port 3000] [--host 127.0.0.1] [--pacs <DICOMweb root>] [--pacs-header 'Name: value']...
//                [--orthanc-port 8042] [--dev] [--preset tiny|cpu|default] [--backend webgpu|webgl|wasm|cpu]
// The embedded Orthanc has a login that only our server and seeding use; it stops with this process.
const { join, resolve } = require('node:path');
const { parseArgs } = require('node:util');

const root = resolve(__dirname, '..');
const USAGE = `Usage: npm start -- [options]
  --port <n>              viewer port (default 3000)
  --host <addr>           listen address (default 127.0.0.1, loopback only); any other address also needs
                          --behind-tls-auth-proxy
  --behind-tls-auth-proxy you put a TLS reverse proxy with authentication in front: allow a non-loopback --host
  --allowed-host <name>   another Host header value to answer (the name your front end forwards; repeatable)
  --pacs <url>            use this DICOMweb root instead of the embedded Orthanc (no demo seeding)
  --pacs-header 'N: v'    header added to every request to the PACS (repeatable; e.g. Authorization)
  --orthanc-port <n>      port of the embedded Orthanc (default 8042; 0 = any free port)
  --dev                   development webpack build (faster, with source maps)
  --preset <name>         training size for the panel: default (sized for a GPU), cpu, or tiny (quick look)
  --backend <name>        force the TF.js backend: webgpu, webgl, wasm or cpu (default: the panel's choice)
  --max-rounds <n>        cap the SSLDEC rounds
  --session-days <n>      days the browser keeps a study's scribbles and prediction after the last change (default 30)`;

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string', default: '3000' },
        host: { type: 'string', default: '127.0.0.1' },
        pacs: { type: 'string' },
        'pacs-header': { type: 'string', multiple: true, default: [] },
        'orthanc-port': { type: 'string', default: '8042' },
        dev: { type: 'boolean', default: false },
        preset: { type: 'string' },
        backend: { type: 'string' },
        'max-rounds': { type: 'string' },
        'session-days': { type: 'string' },
        'behind-tls-auth-proxy': { type: 'boolean', default: false },
        'allowed-host': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    return values;
  } catch (e) {
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** window.config.ssldec from the command line (the panel checks the values and says what it ignores). */
function panelSettings(options) {
  const settings = {};
  if (options.preset) settings.preset = options.preset;
  if (options.backend) settings.backend = options.backend;
  if (options['max-rounds']) settings.maxRounds = Number(options['max-rounds']);
  if (options['session-days']) settings.sessionMaxAgeDays = Number(options['session-days']);
  return settings;
}

async function main() {
  const options = parseOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const { ensureNodeModules } = require('./lib/nodeModules');
  ensureNodeModules(root);
  const { ensureDebianPackages } = require('./lib/debianPackages');
  const { startOrthanc } = require('./lib/orthanc');
  const { ensureViewer } = require('./lib/viewer');
  const { ensurePluginBundles } = require('./lib/viewerPlugins');
  const { startViewerServer, parseHeaderLines } = require('./lib/server');
  const { renderAppConfig, DATA_SOURCE_NAME } = require('./lib/app-config');
  const { ensureDemoStudy } = require('./lib/demoStudy');

  const { isLoopback } = require('./lib/callerChecks');
  if (!isLoopback(options.host) && !options['behind-tls-auth-proxy']) {
    console.error(
      `[start] Refusing --host ${options.host}: the viewer server has no TLS and no login, and it relays the PACS with its ` +
        'credentials. Keep the default (127.0.0.1), or put a TLS reverse proxy with authentication in front and add --behind-tls-auth-proxy.',
    );
    process.exit(2);
  }
  let pacsHeaders;
  try {
    if (options.pacs) require('./lib/pacsRoute').parsePacsRoot(options.pacs);
    pacsHeaders = parseHeaderLines(options['pacs-header']);
  } catch (e) {
    console.error(`[start] ${e.message}`);
    process.exit(2);
  }
  const stops = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(`[stop] ${e.message}`));
  };
  let stopping = false;
  // A crash stops what we started too (the embedded Orthanc also stops by itself when this process is gone).
  for (const event of ['uncaughtException', 'unhandledRejection']) {
    process.on(event, (e) => {
      console.error(`\n[start] ${e?.stack ?? e}`);
      if (stopping) return;
      stopping = true;
      stopAll().finally(() => process.exit(1));
    });
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('\n[stop] Stopping the viewer server and Orthanc…');
      stopAll().then(() => process.exit(0));
    });
  }
  try {
    let dicomWebRoot = options.pacs?.replace(/\/+$/, '');
    if (!dicomWebRoot) {
      const missing = ensureDebianPackages(['orthanc', 'orthanc-dicomweb']);
      if (missing.length) {
        throw new Error(`Orthanc is needed for the embedded PACS; install ${missing.join(' ')} or pass --pacs <DICOMweb root>`);
      }
    }
    const viewerDir = ensureViewer(root);
    const plugins = await ensurePluginBundles(root, { mode: options.dev ? 'development' : 'production' });
    let study;
    if (!dicomWebRoot) {
      const storageDir = join(root, '.data', 'orthanc');
      const orthancPort = Number(options['orthanc-port']) || undefined; // 0: any free port
      const orthanc = await startOrthanc({ port: orthancPort, storageDir, name: 'SSLDEC' });
      stops.push(orthanc.stop);
      orthanc.onUnexpectedExit(({ code, signal }) => {
        if (stopping) return;
        stopping = true;
        console.error(`\n[pacs] The embedded Orthanc stopped unexpectedly (${signal ?? `exit code ${code}`}): the viewer can no ` +
          `longer load or save studies. Stopping; run npm start again (the PACS data in ${storageDir} is kept).`);
        stopAll().finally(() => process.exit(1));
      });
      dicomWebRoot = orthanc.dicomWebRoot;
      pacsHeaders = orthanc.authHeaders; // only the server adds them; the browser never sees them
      console.log(`[pacs] Orthanc ${orthanc.url} as ${orthanc.runsAs}, login in ${join(storageDir, 'ssldec-credentials.json')} (storage ${storageDir})`);
      study = await ensureDemoStudy(root, dicomWebRoot, { headers: pacsHeaders });
      if (!study.seeded) console.log('[demo] Reusing the demo study already in the PACS');
    } else {
      console.log(`[pacs] Using ${dicomWebRoot}${Object.keys(pacsHeaders).length ? ' with the given headers' : ''}`);
    }
    const server = await startViewerServer({
      viewerDir,
      pluginsDir: plugins.dir,
      appConfig: renderAppConfig({ pluginVersion: plugins.version, ssldec: panelSettings(options) }),
      pacsRoot: dicomWebRoot,
      pacsHeaders,
      port: Number(options.port),
      host: options.host,
      behindTlsAuthProxy: options['behind-tls-auth-proxy'],
      extraHosts: options['allowed-host'],
    });
    stops.push(server.close);
    console.log(`\nSSLDEC viewer: ${server.url}/  (study list)`);
    if (study) {
      console.log(`Demo study in SSLDEC mode: ${server.url}/ssldec/${DATA_SOURCE_NAME}?StudyInstanceUIDs=${study.studyInstanceUID}`);
    }
    console.log('Ctrl-C stops everything.');
  } catch (e) {
    console.error(`\n[start] ${e.message}`);
    await stopAll();
    process.exit(1);
  }
}

main();
