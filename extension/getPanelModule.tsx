/**
 * The panel module. OHIF 3.13 does not share React with plugins (docs/ohif-runtime-plugins.md, rule 2): the
 * component handed to OHIF uses no hooks; it renders a `<div>` whose callback ref mounts our own React 18 root
 * (the "island") with the real panel inside. React 18 elements are plain objects, so the host renders this one.
 */
import { createRoot, type Root } from 'react-dom/client';
import { PANEL_NAME } from './id';
import { PanelSsldec } from './panels/PanelSsldec';
import type { SsldecSession } from './session/SsldecSession';

/** Mounts `render()` into each element the host gives the ref; unmounts once the element left the document. */
export function createIslandComponent(render: () => JSX.Element, displayName: string) {
  const roots = new Map<HTMLElement, Root>();
  const sweep = () => {
    for (const [el, root] of roots) {
      if (!el.isConnected) {
        roots.delete(el);
        root.unmount();
      }
    }
  };
  // One stable ref function: an inline one would remount the island on every host render.
  const ref = (el: HTMLDivElement | null) => {
    if (el && !roots.has(el)) {
      const root = createRoot(el);
      roots.set(el, root);
      root.render(render());
    } else if (!el) {
      setTimeout(sweep, 0); // not during the host's commit
    }
  };
  function Island() {
    return <div ref={ref} className="ssldec-island h-full overflow-auto" />;
  }
  Island.displayName = displayName;
  return Island;
}

/** OHIF panel module: `ssldec.panelModule.ssldec`. */
export function getPanelModule(getSession: () => SsldecSession) {
  const Island = createIslandComponent(() => <PanelSsldec session={getSession()} />, 'SsldecPanelIsland');
  return [{ name: PANEL_NAME, iconName: 'tab-segmentation', iconLabel: 'SSLDEC', label: 'SSLDEC', component: Island }];
}
