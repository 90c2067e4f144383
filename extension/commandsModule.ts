/**
 * SSLDEC commands, OHIF style: one factory, thin actions that call the session, definitions, a default context.
 * Toolbar buttons and hotkeys can call them (e.g. `commandsManager.runCommand('ssldecTrain')`).
 */
import type { SsldecSession } from './session/SsldecSession';

/** The context the commands run in. */
export const SSLDEC_COMMAND_CONTEXT = 'SSLDEC';

/** Options of the model commands: raw bytes of a model artefact (src/ssldec saveModel format). */
export interface ModelBytesOptions {
  bytes: Uint8Array;
}

/** Builds the commands module around the viewer session returned by `getSession`. */
export function getCommandsModule(getSession: () => SsldecSession) {
  const actions = {
    /**
     * Trains on the scribbles of the active viewport's series and shows the prediction overlay.
     * @param continueTraining continue from the held model (Retrain) instead of a new one (default false)
     * @param factor train at 1/factor in-plane resolution (default 1; for volumes too large for the device)
     */
    ssldecTrain: ({ continueTraining = false, factor = 1 }: { continueTraining?: boolean; factor?: number } = {}) =>
      getSession().train({ continueTraining, factor }),
    /** Stops the running training; the previous prediction stays. */
    ssldecCancelTraining: () => getSession().cancel(),
    /** Saves the prediction as DICOM-SEG to the PACS through the active data source. */
    ssldecSaveSegmentation: () => getSession().save(),
    /**
     * Keeps classes, scribbles and the last prediction in this browser now (IndexedDB), without waiting.
     * @param toPacs also send the scribbles to the PACS as a MANUAL DICOM-SEG (default false)
     */
    ssldecSaveScribbles: async ({ toPacs = false }: { toPacs?: boolean } = {}) => {
      await getSession().persistNow();
      if (toPacs) await getSession().save('scribbles');
    },
    /**
     * Loads a saved model into the training worker; Retrain then continues from it.
     * @param bytes the model artefact
     */
    ssldecLoadModel: ({ bytes }: ModelBytesOptions) => getSession().loadModel(bytes),
    /** The held model as bytes (resolves undefined and shows why when there is none). */
    ssldecSaveModel: () => getSession().saveModel(),
  };
  const definitions = {
    ssldecTrain: { commandFn: actions.ssldecTrain },
    ssldecCancelTraining: { commandFn: actions.ssldecCancelTraining },
    ssldecSaveSegmentation: { commandFn: actions.ssldecSaveSegmentation },
    ssldecSaveScribbles: { commandFn: actions.ssldecSaveScribbles },
    ssldecLoadModel: { commandFn: actions.ssldecLoadModel },
    ssldecSaveModel: { commandFn: actions.ssldecSaveModel },
  };
  return { actions, definitions, defaultContext: SSLDEC_COMMAND_CONTEXT };
}
