/**
 * Minimal command-line flags for bench entries: `--name value`, `--name=value` and bare `--flag` (true).
 * Unknown flags are an error so a typo does not silently run the default benchmark.
 */

/** Thrown when a flag is unknown or its value does not parse. */
export class BenchArgumentError extends Error {
  override name = 'BenchArgumentError';
}

/** Parsed flags: raw string values by name ('true' for bare flags). */
export type Flags = Map<string, string>;

/** Parse argv (without node and script) into flags, accepting only the names in `known`. */
export function parseFlags(argv: string[], known: readonly string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new BenchArgumentError(`Unexpected argument "${arg}": expected --name value. Known: ${known.join(', ')}`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!known.includes(name)) throw new BenchArgumentError(`Unknown flag --${name}. Known: ${known.map((k) => `--${k}`).join(', ')}`);
    if (eq > 0) flags.set(name, arg.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(name, argv[++i]);
    else flags.set(name, 'true');
  }
  return flags;
}

/** A numeric flag, or the default when absent. */
export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new BenchArgumentError(`--${name} expects a number, got "${raw}"`);
  return value;
}

/** A comma-separated list of numbers (`--seeds 1,2,3`), or the default when absent. */
export function numberListFlag(flags: Flags, name: string, fallback: number[]): number[] {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) {
    throw new BenchArgumentError(`--${name} expects comma-separated numbers like 1,2,3, got "${raw}"`);
  }
  return values;
}

/** A string flag restricted to `allowed`, or the default when absent. */
export function choiceFlag<T extends string>(flags: Flags, name: string, allowed: readonly T[], fallback: T): T {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new BenchArgumentError(`--${name} expects one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** A comma-separated list restricted to `allowed`, or the default when absent. */
export function choiceListFlag<T extends string>(flags: Flags, name: string, allowed: readonly T[], fallback: T[]): T[] {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const values = raw.split(',').map((s) => s.trim());
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v)) throw new BenchArgumentError(`--${name} expects a list of ${allowed.join(', ')}, got "${v}"`);
  }
  return values as T[];
}

/** A comma-separated list flag, or the default when absent. */
export function listFlag(flags: Flags, name: string, fallback: string[]): string[] {
  const raw = flags.get(name);
  return raw === undefined ? fallback : raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The strokes value of an effort like "3xfill": every pixel of the chosen slices painted with its class. */
export const FILL = 0;

/** "3x3" or "3xfill" for an effort pair. */
export function effortLabel([slices, strokes]: [number, number]): string {
  return `${slices}x${strokes === FILL ? 'fill' : strokes}`;
}

/**
 * Effort pairs [slices, strokes per class] from "3x3,5x5" (bench:seg's --efforts, bench:demo's --effort); with
 * `allowFill`, "3xfill" gives [3, FILL].
 */
export function effortList(raw: string, flag = 'efforts', allowFill = false): Array<[number, number]> {
  return raw.split(',').map((pair) => {
    const match = /^(\d+)x(\d+|fill)$/.exec(pair.trim());
    const fill = match?.[2] === 'fill';
    if (!match || Number(match[1]) < 1 || (fill ? !allowFill : Number(match[2]) < 1)) {
      const forms = allowFill ? '3x3,5x5,3xfill (slices x strokes, each >= 1, or slices painted whole)' : '3x3,5x5 (slices x strokes, each >= 1)';
      throw new BenchArgumentError(`--${flag} expects pairs like ${forms}, got "${pair}"`);
    }
    return [Number(match[1]), fill ? FILL : Number(match[2])] as [number, number];
  });
}
