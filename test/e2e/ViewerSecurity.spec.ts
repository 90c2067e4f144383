/**
 * The real prebuilt OHIF viewer under the server's security headers (issue 10), in Debian's Chromium: the study
 * opens and renders with no Content-Security-Policy violation, the page is cross-origin isolated (TF.js wasm
 * threads need SharedArrayBuffer), WebAssembly compiles while injected inline and foreign scripts are refused (OHIF
 * itself needs eval for SEGs: see scripts/lib/securityHeaders.js), the page's own DICOMweb calls
 * pass the proxy while the Orthanc API behind it stays out of reach, and "Forget this study" answers in the panel.
 */
import { existsSync } from 'node:fs';
import { launchBrowser, CHROMIUM, type BrowserSession } from '../helpers/browser';
import { startServedStack, type ServedStack } from '../helpers/browserStack';
import { dismissInvestigationalBanner, waitForViewportImage } from './viewerProbes';

jest.setTimeout(5 * 60_000);

const ready = existsSync(CHROMIUM) && existsSync('/usr/sbin/Orthanc');
const describeE2e = ready || process.env.CI === 'true' ? describe : describe.skip;

describeE2e('the viewer under its CSP and cross-origin isolation', () => {
  let stack: ServedStack;
  let browser: BrowserSession;

  beforeAll(async () => {
    stack = await startServedStack({ preset: 'tiny' }, [32, 32, 4]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('opens and renders the study with no CSP violation, isolated, with wasm but no injected or foreign script', async () => {
    const { page } = browser;
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.goto(stack.studyUrl);
    await page.locator('[data-testid="ssldec-panel"]').waitFor({ timeout: 120_000 });
    await waitForViewportImage(page);
    await dismissInvestigationalBanner(page);
    // Everything the viewer did to open and render the study, before our own probes below.
    const violations = await page.evaluate(() => [...(window as unknown as { cspViolations: string[] }).cspViolations]);
    expect(violations).toEqual([]);
    expect(browser.problems.filter((p) => /Content Security Policy|Cross-Origin|COEP|CORP/i.test(p))).toEqual([]);
    const probe = await page.evaluate(async () => {
      // the smallest valid module: magic + version
      const wasm = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiles', (e) => String(e));
      // an injected inline script and a script from elsewhere: both must be refused by the policy (counted as
      // violations: the foreign one would fail anyway, nothing listens there)
      const inline = document.createElement('script');
      inline.textContent = 'window.injectedRan = true';
      document.head.appendChild(inline);
      const foreign = await new Promise<string>((resolve) => {
        const s = document.createElement('script');
        s.src = 'http://127.0.0.1:9/foreign.js';
        s.onload = () => resolve('loaded');
        s.onerror = () => resolve('refused');
        document.head.appendChild(s);
      });
      await new Promise((r) => setTimeout(r, 200)); // violation events are queued
      const injected = (window as unknown as { injectedRan?: boolean }).injectedRan === true ? 'ran' : 'refused';
      const blocked = (window as unknown as { cspViolations: string[] }).cspViolations.filter((v) => v.startsWith('script-src')).length;
      const status = async (path: string, init?: RequestInit) => (await fetch(path, init)).status;
      return {
        isolated: crossOriginIsolated,
        sharedArrayBuffer: typeof SharedArrayBuffer,
        wasm,
        injected,
        foreign,
        blocked,
        studies: await status('/dicom-web/studies', { headers: { accept: 'application/dicom+json' } }),
        servers: await status('/dicom-web/servers'),
        escape: await status('/dicom-web/..%2f..%2fpatients'),
      };
    });
    expect(probe).toEqual({
      isolated: true, sharedArrayBuffer: 'function', wasm: 'compiles', injected: 'refused', foreign: 'refused', blocked: 2, studies: 200, servers: 403, escape: 403,
    });
    await browser.screenshot('viewer-under-csp');
  });

  it('"Forget this study" in the real panel says what it deleted', async () => {
    const { page } = browser;
    await page.locator('[data-testid="ssldec-forget-study"]').click();
    await page.locator('[data-testid="ssldec-notice"]').filter({ hasText: /kept nothing|Deleted what this browser kept/ }).waitFor({ timeout: 10_000 });
  });
});
