/**
 * Messages and docs that tell the user to run `ssldec <command>` must name a command the CLI has (an error once sent
 * users to `ssldec train`, which does not exist). Scans src/, extension/ and the READMEs; asks the real runCli.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/cli/runCli';

const root = resolve(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|tsx|md)$/.test(name) ? [path] : [];
  });
}

/** Every `ssldec <word> --option` or `ssldec <word> <arg>` written in the code and docs, by command word. */
function namedCommands(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const files = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'extension')), join(root, 'README.md')];
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bssldec ([a-z]+) (?:--|<|\.|path)/g)) {
      found.set(m[1], [...(found.get(m[1]) ?? []), file.slice(root.length + 1)]);
    }
  }
  return found;
}

describe('ssldec commands named in messages and docs', () => {
  const commands = namedCommands();
  it('finds the commands the README documents', () => {
    expect([...commands.keys()]).toEqual(expect.arrayContaining(['segment', 'info']));
  });
  it.each([...commands.keys()])('"ssldec %s" is a command the CLI knows', async (command) => {
    let stderr = '';
    await runCli([command], { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t), isTTY: false } });
    expect(stderr).not.toMatch(/unknown command/); // named in commands.get(command)
  });
});
