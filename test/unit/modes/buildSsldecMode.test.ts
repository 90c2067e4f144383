/**
 * The mode opens the panel the extension really exports (its id was once spelled out again in the mode), and asks
 * for the extension at the package's version.
 */
import extension from '../../../extension/index';
import { buildSsldecMode } from '../../../modes/ssldec/index';
import type { OhifModeModule } from '../../../modes/ssldec/ohifModeTypes';
import { VERSION } from '../../../src/version';

function modeModule(rightPanels: string[]): OhifModeModule {
  const route = { path: 'segmentation', layoutInstance: { id: 'layout', props: { leftPanels: [], rightPanels } } };
  return { id: 'segmentation', modeInstance: { id: 'segmentation', routes: [route], extensions: { '@ohif/extension-default': '^3.0.0' } } } as unknown as OhifModeModule;
}

test("the mode's first right panel is the extension's panel module entry, and the extension is required at ^VERSION", () => {
  const ohif = { servicesManager: { services: {} }, commandsManager: {}, extensionManager: {} } as never;
  const [panel] = extension.getPanelModule(ohif);
  const mode = buildSsldecMode(modeModule(['@ohif/extension-cornerstone-dicom-seg.panelModule.panelSegmentation']), modeModule([]), '/plugins/ssldec-extension.js');
  const rightPanels = (mode.routes[0].layoutInstance.props as { rightPanels: string[] }).rightPanels;
  expect(rightPanels[0]).toBe(`${extension.id}.panelModule.${panel.name}`);
  expect(rightPanels).toHaveLength(2);
  expect(mode.extensions['/plugins/ssldec-extension.js']).toBe(`^${VERSION}`);
});

test("entering the mode runs the basic mode's hook on the mode and turns OHIF's segment statistics off", () => {
  const basic = modeModule([]);
  const entered: unknown[] = [];
  basic.modeInstance.onModeEnter = function (context) {
    entered.push(this, context);
  };
  const set: Record<string, unknown>[] = [];
  const context = { servicesManager: { services: { customizationService: { setCustomizations: (c: Record<string, unknown>) => void set.push(c) } } } };
  const mode = buildSsldecMode(modeModule([]), basic, '/plugins/ssldec-extension.js');
  mode.onModeEnter!.call(mode, context);
  expect(entered).toEqual([mode, context]);
  expect(set).toEqual([{ 'panelSegmentation.disableUpdateSegmentationStats': { $set: true } }]);
});
