import type { SsldecSession } from '../session/SsldecSession';
import { Button } from './Button';

/** Save the trained model to a file, or load one to reuse on a study of the same protocol. */
export function ModelControls({ session, hasModel }: { session: SsldecSession; hasModel: boolean }) {
  const download = async () => {
    const bytes = await session.saveModel();
    if (!bytes) return;
    const url = URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `ssldec-model-${new Date().toISOString().slice(0, 10)}.ssldec`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 8 }}>
      <Button data-testid="ssldec-save-model" disabled={!hasModel} onClick={() => void download()}>Save model</Button>
      <label style={{ cursor: 'pointer' }}>
        <span style={{ border: "1px solid #3d6a9a", borderRadius: 4, padding: "2px 8px", background: "#163a5c" }}>Load model</span>
        <input
          type="file" data-testid="ssldec-load-model" accept=".ssldec,application/octet-stream" style={{ display: 'none' }}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) await session.loadModel(new Uint8Array(await file.arrayBuffer()));
            e.target.value = '';
          }}
        />
      </label>
    </section>
  );
}
