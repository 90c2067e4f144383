/** A small SVG line of the training loss per reported step (last `maxPoints`). */
export function LossPlot({ losses, width = 220, height = 48, maxPoints = 300 }: { losses: number[]; width?: number; height?: number; maxPoints?: number }) {
  const shown = losses.slice(-maxPoints);
  if (shown.length < 2) return null;
  const lo = Math.min(...shown);
  const hi = Math.max(...shown);
  const span = hi - lo || 1;
  const points = shown.map((l, n) => `${((n / (shown.length - 1)) * width).toFixed(1)},${(height - ((l - lo) / span) * (height - 4) - 2).toFixed(1)}`).join(' ');
  return (
    <svg data-testid="ssldec-loss-plot" width={width} height={height} role="img" aria-label={`Loss from ${shown[0].toFixed(3)} to ${shown[shown.length - 1].toFixed(3)}`}>
      <rect width={width} height={height} fill="#0b1a2a" />
      <polyline points={points} fill="none" stroke="#5acbff" strokeWidth={1.5} />
      <text x={4} y={12} fill="#9ab" fontSize={10}>loss {shown[shown.length - 1].toFixed(3)}</text>
    </svg>
  );
}
