import { getCommandsModule, SSLDEC_COMMAND_CONTEXT } from '../../../extension/commandsModule';
import type { SsldecSession } from '../../../extension/session/SsldecSession';
import extension from '../../../extension/index';
import { PANEL_NAME } from '../../../extension/id';

describe('commandsModule', () => {
  it('maps each OHIF command to one session call with its options', async () => {
    const calls: unknown[][] = [];
    const record = (name: string) => (...args: unknown[]) => {
      calls.push([name, ...args]);
      return Promise.resolve(undefined);
    };
    const session = {
      train: record('train'), cancel: record('cancel'), save: record('save'), persistNow: record('persistNow'),
      loadModel: record('loadModel'), saveModel: record('saveModel'),
    } as unknown as SsldecSession;
    const { definitions, defaultContext } = getCommandsModule(() => session);
    expect(defaultContext).toBe(SSLDEC_COMMAND_CONTEXT);
    expect(Object.keys(definitions).sort()).toEqual(
      ['ssldecCancelTraining', 'ssldecLoadModel', 'ssldecSaveModel', 'ssldecSaveScribbles', 'ssldecSaveSegmentation', 'ssldecTrain'],
    );
    const bytes = new Uint8Array([1]);
    await definitions.ssldecTrain.commandFn();
    await definitions.ssldecTrain.commandFn({ continueTraining: true, factor: 2 });
    definitions.ssldecCancelTraining.commandFn();
    await definitions.ssldecSaveSegmentation.commandFn();
    await definitions.ssldecSaveScribbles.commandFn();
    await definitions.ssldecSaveScribbles.commandFn({ toPacs: true });
    await definitions.ssldecLoadModel.commandFn({ bytes });
    await definitions.ssldecSaveModel.commandFn();
    expect(calls).toEqual([
      ['train', { continueTraining: false, factor: 1 }], ['train', { continueTraining: true, factor: 2 }], ['cancel'], ['save'], ['persistNow'], ['persistNow'], ['save', 'scribbles'],
      ['loadModel', bytes], ['saveModel'],
    ]);
  });

  it('the extension object exposes id, panel module entry and commands as the contract says', () => {
    expect(extension.id).toBe('ssldec');
    const ohif = { servicesManager: { services: {} }, commandsManager: {}, extensionManager: {} } as never;
    const [panel] = extension.getPanelModule(ohif);
    expect(panel.name).toBe(PANEL_NAME);
    expect(typeof panel.component).toBe('function');
    expect(Object.keys(extension.getCommandsModule(ohif).definitions)).toContain('ssldecTrain');
  });
});
