import { useState } from 'react';
import type { PanelClass, Rgb } from '../state/PanelState';
import type { SsldecSession } from '../session/SsldecSession';
import { Button } from './Button';
import { namesBackground } from '../../src/volume/backgroundName';

const toHex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const fromHex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;

function ClassRow({ session, cls, active, brush }: { session: SsldecSession; cls: PanelClass; active: boolean; brush: boolean }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(cls.name);
  const commit = () => {
    setEditing(false);
    if (name.trim() !== '' && name !== cls.name) void session.editClass({ type: 'classes/rename', value: cls.value, name });
    else setName(cls.name);
  };
  return (
    <li
      data-testid={`ssldec-class-${cls.value}`}
      data-active={active ? 'true' : 'false'}
      data-brush={brush ? 'true' : 'false'}
      onClick={() => void session.selectClass(cls.value)}
      style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '3px 6px', cursor: 'pointer', borderRadius: 4, background: active ? '#1d3b5a' : 'transparent' }}
      title="Click to paint this class"
    >
      <input
        type="color" aria-label={`Colour of ${cls.name}`} value={toHex(cls.color)}
        onClick={(e) => e.stopPropagation()}
        onChange={(e) => void session.editClass({ type: 'classes/recolour', value: cls.value, color: fromHex(e.target.value) })}
        style={{ width: 20, height: 20, padding: 0, border: 'none', background: 'none' }}
      />
      {editing ? (
        <input
          autoFocus value={name} aria-label="Class name" onClick={(e) => e.stopPropagation()}
          onChange={(e) => setName(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()}
          style={{ flex: 1, color: 'black' }}
        />
      ) : (
        <span style={{ flex: 1 }} onDoubleClick={(e) => { e.stopPropagation(); setEditing(true); }}>
          {cls.name}{active && !brush ? <em style={{ opacity: 0.7 }}> · preparing brush…</em> : null}
        </span>
      )}
      <Button aria-label={`Rename ${cls.name}`} title="Rename" onClick={(e) => { e.stopPropagation(); setEditing(true); }}>✎</Button>
      <Button
        aria-label={`Remove ${cls.name}`} title="Remove class and its scribbles"
        onClick={(e) => { e.stopPropagation(); void session.editClass({ type: 'classes/remove', value: cls.value }); }}
      >✕</Button>
    </li>
  );
}

/** Class list with add, rename, recolour, remove and the brain preset. Clicking a row activates the brush on it. */
export function ClassList({ session, classes, activeValue, brushValue }: {
  session: SsldecSession; classes: PanelClass[]; activeValue?: number; brushValue?: number;
}) {
  return (
    <section>
      <h3 style={{ fontWeight: 600, margin: '4px 0' }}>Classes</h3>
      {classes.length === 0 && <p style={{ opacity: 0.7 }}>Add a class or use the brain preset, then paint strokes on the image.</p>}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {classes.map((c) => <ClassRow key={c.value} session={session} cls={c} active={c.value === activeValue} brush={c.value === brushValue} />)}
      </ul>
      {classes.some((c) => namesBackground(c.name)) && (
        // bench:demo (3x3, seeds 1-3): Background strokes only in the air leave 41 % of the head's scalp, skull and
        // muscle painted as brain tissue (5 % with strokes on them too); tissue far from every stroke, in its slice as
        // well as across slices, then goes to Background (BENCHMARKS.md, "Screened after main 7b60209" and "The demo
        // head's brain painted Background, slice by slice").
        <p data-testid="ssldec-background-hint" style={{ opacity: 0.7, fontSize: '0.9em' }}>
          Paint Background on what looks like your classes but is none of them (scalp, skull, muscle), not only on
          air, and paint each class on several slices spread over it: the network learns only what the strokes
          show, and far from every stroke it tends to call a structure Background.
        </p>
      )}
      {classes.length > 0 && !classes.some((c) => namesBackground(c.name)) && (
        // Without a class named Background the engine's geodesic prior is off (suite -0.023, liver -0.055 in the
        // BENCHMARKS.md ablation), and on the whole-aorta CT crop one draw's first result called 29 % of the volume aorta.
        <div data-testid="ssldec-no-background-hint" style={{ opacity: 0.85, fontSize: '0.9em', margin: '4px 0' }}>
          No class is named Background. Rename your catch-all class so, or add one and paint it on what is none of
          your classes: the engine gives Background what lies far from every other class's strokes.
          <div style={{ marginTop: 4 }}>
            <Button data-testid="ssldec-add-background" onClick={() => void session.addClass('Background')}>+ Add Background</Button>
          </div>
        </div>
      )}
      <div style={{ display: 'flex', gap: 6, marginTop: 4 }}>
        <Button data-testid="ssldec-add-class" onClick={() => void session.addClass()}>+ Add class</Button>
        <Button data-testid="ssldec-preset-brain" onClick={() => void session.applyBrainPreset()}>Brain preset</Button>
      </div>
    </section>
  );
}
