/**
 * Runs the speed measurement inside headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
 * bundles browserEntry.ts (the page) and wasmWorkerEntry.ts (wasm's module worker) with esbuild, serves them on a
 * loopback port (a secure context, which WebGPU needs) cross-origin isolated like the viewer (SharedArrayBuffer, which
 * wasm threads need), with TF.js's .wasm files under /wasm/, opens the page and calls `window.runSpeed`. Flags are
 * those of docs/tfjs-backends.md, which give a SwiftShader WebGPU adapter and SwiftShader WebGL on a machine without
 * a GPU.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { SpeedResult } from './measureSpeed';
import type { BrowserSpeedRequest } from './browserEntry';
import { repoRoot } from '../lib/repoRoot';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless=new', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--use-angle=swiftshader',
  '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic',
];

/** Result of a browser run, with what the page knows about memory and the adapter. */
export type BrowserSpeedResult = SpeedResult & { peakJsHeapMiB?: number; adapter?: string; wasmThreads?: number; wasmThreadsNote?: string; browser: string };

async function bundle(entry: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(repoRoot(), entry)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2020',
    mainFields: ['browser', 'module', 'main'],
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

/** Cross-origin isolation, as `npm start` serves the viewer (scripts/lib/securityHeaders.js). */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-resource-policy': 'same-origin' };

function serve(page: string, wasmWorker: string): Promise<Server> {
  const html = '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/bench.js"></script>';
  const wasmDir = join(repoRoot(), 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    const wasmFile = url.startsWith('/wasm/') ? join(wasmDir, basename(url)) : '';
    if (url === '/bench.js') res.writeHead(200, { ...ISOLATED, 'content-type': 'text/javascript' }).end(page);
    else if (url === '/bench-worker.js') res.writeHead(200, { ...ISOLATED, 'content-type': 'text/javascript' }).end(wasmWorker);
    else if (url === '/') res.writeHead(200, { ...ISOLATED, 'content-type': 'text/html' }).end(html);
    else if (wasmFile.endsWith('.wasm') && existsSync(wasmFile)) res.writeHead(200, { ...ISOLATED, 'content-type': 'application/wasm' }).end(readFileSync(wasmFile));
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Measure each request in one fresh page of one Chromium. Results in request order; a failure is reported per request. */
export async function chromiumSpeed(requests: BrowserSpeedRequest[], timeoutSeconds: number): Promise<Array<BrowserSpeedResult | Error>> {
  const { chromium } = await import('playwright-core');
  const server = await serve(await bundle('bench/speed/browserEntry.ts'), await bundle('bench/speed/wasmWorkerEntry.ts'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'ssldec-bench-chromium-'));
  const results: Array<BrowserSpeedResult | Error> = [];
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  try {
    const version = context.browser()?.version() ?? readVersion();
    for (const request of requests) {
      const page = await context.newPage();
      try {
        await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
        await page.waitForFunction(() => document.title === 'ssldec speed bench ready', undefined, { timeout: 60_000 });
        page.setDefaultTimeout(timeoutSeconds * 1000);
        const result = await Promise.race([
          page.evaluate((r) => window.runSpeed(r), request),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutSeconds} s`)), timeoutSeconds * 1000)),
        ]);
        results.push({ ...result, browser: `Chromium ${version}` });
      } catch (error) {
        results.push(error as Error);
      } finally {
        await page.close().catch(() => undefined);
      }
    }
  } finally {
    await context.close();
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return results;
}

function readVersion(): string {
  try {
    return readFileSync('/usr/lib/chromium/VERSION', 'utf8').trim();
  } catch {
    return 'unknown version';
  }
}
