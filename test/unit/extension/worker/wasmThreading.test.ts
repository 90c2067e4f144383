/**
 * How many threads the training worker gives wasm: the logical cores but one (capped at TF.js's 8 pre-started thread
 * workers) when the page is cross-origin isolated and blob: workers can import blob: scripts; otherwise one, with a
 * reason the panel can show. The blob: probe itself runs in the real viewer (test/e2e/ScribbleTrainSave.spec.ts).
 */
import { MAX_WASM_THREADS, wasmThreading } from '../../../../extension/worker/wasmThreading';

const works = async () => undefined;

describe('wasmThreading', () => {
  it("uses the logical cores but the page's one, capped at the thread workers TF.js starts", async () => {
    expect(await wasmThreading({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 4 } }, works)).toEqual({ threads: 3 });
    expect(await wasmThreading({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 64 } }, works)).toEqual({ threads: MAX_WASM_THREADS });
  });

  it('is one thread, saying why, without isolation, on one core, or when blob: scripts are refused', async () => {
    let probed = 0;
    const probe = async () => {
      probed++;
      return "a blob: worker could not load a blob: script (NetworkError: Failed to execute 'importScripts')";
    };
    expect(await wasmThreading({ crossOriginIsolated: false, navigator: { hardwareConcurrency: 8 } }, probe))
      .toEqual({ threads: 1, whyOneThread: 'the page is not cross-origin isolated' });
    expect(await wasmThreading({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 1 } }, probe))
      .toEqual({ threads: 1, whyOneThread: 'the browser reports one CPU core' });
    expect(await wasmThreading({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 2 } }, probe))
      .toEqual({ threads: 1, whyOneThread: "the browser reports two CPU cores, and the viewer's page keeps one" });
    expect(probed).toBe(0);
    const refused = await wasmThreading({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 8 } }, probe);
    expect(refused.threads).toBe(1);
    expect(refused.whyOneThread).toMatch(/blob: scripts .*could not load a blob: script.*Content-Security-Policy served with ssldec-training-worker\.js/);
    expect(probed).toBe(1);
  });

  it("takes the site's count (wasmThreads) over the cores' rule, capped, probed, and one when one is asked", async () => {
    let probed = 0;
    const counting = async () => void probed++;
    expect(await wasmThreading({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 2 } }, counting, 2)).toEqual({ threads: 2 });
    expect(await wasmThreading({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 2 } }, counting, 64)).toEqual({ threads: MAX_WASM_THREADS });
    expect(probed).toBe(2);
    expect(await wasmThreading({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 8 } }, counting, 1))
      .toEqual({ threads: 1, whyOneThread: 'the site configuration asks for one (wasmThreads)' });
    expect(await wasmThreading({ crossOriginIsolated: false, navigator: { hardwareConcurrency: 8 } }, counting, 4))
      .toEqual({ threads: 1, whyOneThread: 'the page is not cross-origin isolated' });
    expect(probed).toBe(2);
  });
});
