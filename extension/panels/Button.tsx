import type { ButtonHTMLAttributes } from 'react';

/**
 * A visible button inside the island: the host's global CSS (Tailwind preflight) strips native button styling,
 * and OHIF's own button components live in the host's React, which the island cannot use.
 */
export function Button({ style, disabled, ...rest }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button" disabled={disabled} {...rest}
      style={{
        background: '#163a5c', color: '#e6f0ff', border: '1px solid #3d6a9a', borderRadius: 4, padding: '2px 8px',
        cursor: disabled ? 'default' : 'pointer', opacity: disabled ? 0.45 : 1, ...style,
      }}
    />
  );
}
