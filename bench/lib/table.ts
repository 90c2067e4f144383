/** Plain-text tables for bench output (Markdown pipe syntax, so they paste into BENCHMARKS.md unchanged). */

/** A cell: numbers are printed with `digits` decimals, undefined as an em dash. */
export type Cell = string | number | undefined;

/** Render rows under a header as a Markdown table. */
export function markdownTable(header: string[], rows: Cell[][], digits = 3): string {
  const text = (c: Cell) => (c === undefined ? '—' : typeof c === 'number' ? formatNumber(c, digits) : c);
  const lines = [header, header.map(() => '---'), ...rows.map((r) => r.map(text))];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A number with a fixed count of decimals, or in exponent form when tiny. */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 10 ** -digits) return x.toExponential(1);
  return x.toFixed(digits);
}

/** Mean of the finite values, or NaN when there are none. */
export function mean(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN;
}
