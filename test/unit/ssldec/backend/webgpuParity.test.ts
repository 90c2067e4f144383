/**
 * Backend parity: a few training steps of the production model at tiny size on webgpu in Node (Dawn over
 * Chromium's SwiftShader) match the cpu losses within 1e-4. Runs in a child process because LD_LIBRARY_PATH must be
 * set before the process starts; the child is bundled with esbuild so TF.js loads its ESM build. Needs Debian's
 * chromium (installed by scripts/test.js): skipped without it, failing under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const available = existsSync(ICD);
if (!available && process.env.CI === 'true') throw new Error(`webgpu parity needs Chromium's SwiftShader (${ICD}); install chromium.`);
if (!available) console.warn(`SKIP: ${ICD} missing; webgpu parity not run`);

(available ? test : test.skip)('tiny production model: webgpu losses match cpu within 1e-4 over supervised and SSLDEC steps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssldec-parity-'));
  try {
    const outfile = join(dir, 'parity.cjs');
    buildSync({
      entryPoints: [join(__dirname, 'webgpuParityRun.ts')], outfile, bundle: true, platform: 'node', format: 'cjs',
      mainFields: ['module', 'main'], external: ['webgpu'], logLevel: 'error', nodePaths: [join(__dirname, '../../../../node_modules')],
    });
    const child = spawnSync(process.execPath, [outfile], {
      env: { ...process.env, VK_ICD_FILENAMES: ICD, LD_LIBRARY_PATH: ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), NODE_PATH: join(__dirname, '../../../../node_modules') },
      encoding: 'utf8', timeout: 170000,
    });
    const line = child.stdout.split('\n').find((l) => l.startsWith('PARITY '));
    if (!line) throw new Error(`parity child printed no result (status ${child.status}): ${child.stderr.slice(-2000)}`);
    const result = JSON.parse(line.slice(7));
    if (result.error) throw new Error(`parity child failed: ${result.error}`);
    console.log(`cpu ${JSON.stringify(result.cpu.losses)}\nwebgpu ${JSON.stringify(result.webgpu.losses)}`);
    expect(result.cpu.backend).toBe('cpu');
    expect(result.webgpu.backend).toBe('webgpu');
    expect(result.webgpu.losses.length).toBe(result.cpu.losses.length);
    expect(result.cpu.losses.length).toBe(5);
    result.cpu.losses.forEach((l: number, i: number) => expect(Math.abs(result.webgpu.losses[i] - l)).toBeLessThan(1e-4));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180000);
