/**
 * Our mode's hanging protocol is the host's `@ohif/mnGrid` with every viewport opening on the middle slice; the
 * rest of the protocol (matching rules, sync groups, stages) stays the host's. The base below has mnGrid's shape
 * in OHIF 3.13.2 (a default viewport, stages with explicit viewports); the real one is used by test/e2e.
 */
import extension from '../../../../extension/index';
import { MIDDLE_SLICE_PROTOCOL_ID } from '../../../../extension/id';
import { BASE_PROTOCOL_ID, middleSliceProtocolGenerator, withMiddleSlice, type HangingProtocolLike } from '../../../../extension/ohif/middleSliceProtocol';
import { buildSsldecMode } from '../../../../modes/ssldec/index';
import type { OhifModeModule } from '../../../../modes/ssldec/ohifModeTypes';

const syncGroups = [{ type: 'hydrateseg', id: 'sameFORId', source: true, target: true }];
const options = { toolGroupId: 'default', allowUnmatchedView: true, syncGroups };
function mnGrid(): HangingProtocolLike {
  return {
    id: BASE_PROTOCOL_ID,
    name: '2x2',
    protocolMatchingRules: [{ attribute: 'numberOfDisplaySetsWithImages', constraint: { greaterThan: 0 } }],
    defaultViewport: { viewportOptions: { viewportType: 'stack', toolGroupId: 'default', syncGroups }, displaySets: [{ id: 'defaultDisplaySetId' }] },
    stages: [
      { name: '2x2', viewports: [0, 1, 2, 3].map((n) => ({ viewportOptions: options, displaySets: [{ id: 'defaultDisplaySetId', matchedDisplaySetsIndex: n }] })) },
      { name: '1x1', viewports: [{ viewportOptions: options, displaySets: [{ id: 'defaultDisplaySetId' }] }] },
      // A stage whose viewports OHIF generates from the default viewport.
      { name: 'generated', viewportStructure: { properties: { rows: 1, columns: 2 } } },
    ],
  };
}

describe('the middle-slice hanging protocol', () => {
  it('opens every viewport of every stage, and the default viewport, on the middle slice', () => {
    const base = mnGrid();
    const p = withMiddleSlice(base, 'mine');
    expect(p.id).toBe('mine');
    expect(p.defaultViewport?.viewportOptions).toEqual({ ...base.defaultViewport!.viewportOptions, initialImageOptions: { preset: 'middle' } });
    const viewports = p.stages.flatMap((s) => s.viewports ?? []);
    expect(viewports).toHaveLength(5);
    for (const v of viewports) expect(v.viewportOptions).toEqual({ ...options, initialImageOptions: { preset: 'middle' } });
    expect(p.stages[2].viewports).toBeUndefined();
  });

  it("keeps the rest of the host's protocol and does not change the host's object", () => {
    const base = mnGrid();
    const before = JSON.stringify(base);
    const p = withMiddleSlice(base, 'mine');
    expect(JSON.stringify(base)).toBe(before);
    expect(p.protocolMatchingRules).toBe(base.protocolMatchingRules);
    expect(p.stages.map((s) => s.name)).toEqual(['2x2', '1x1', 'generated']);
    expect(p.stages[0].viewports![3].displaySets).toEqual([{ id: 'defaultDisplaySetId', matchedDisplaySetsIndex: 3 }]);
  });

  it("keeps a base viewport's own initial image choice", () => {
    const base = mnGrid();
    base.stages[1].viewports![0].viewportOptions = { ...options, initialImageOptions: { index: 3 } };
    expect(withMiddleSlice(base, 'mine').stages[1].viewports![0].viewportOptions!.initialImageOptions).toEqual({ index: 3 });
  });

  it('is registered by the extension under the id the mode hangs studies with, derived from the host at run time', () => {
    const [entry] = extension.getHangingProtocolModule();
    expect(entry.name).toBe(MIDDLE_SLICE_PROTOCOL_ID);
    const asked: string[] = [];
    const hangingProtocolService = { getProtocolById: (protocolId: string) => (asked.push(protocolId), mnGrid()) };
    const { protocol } = entry.protocol({ servicesManager: { services: { hangingProtocolService } } as never });
    expect(asked).toEqual([BASE_PROTOCOL_ID]);
    expect(protocol.id).toBe(MIDDLE_SLICE_PROTOCOL_ID);
    expect(protocol.stages[1].viewports![0].viewportOptions!.initialImageOptions).toEqual({ preset: 'middle' });

    const mode = (rightPanels: string[]) =>
      ({ id: 'm', modeInstance: { id: 'm', routes: [{ path: 'p', layoutInstance: { id: 'l', props: { rightPanels } } }], extensions: {}, hangingProtocol: ['@ohif/mnGrid'] } }) as unknown as OhifModeModule;
    expect(buildSsldecMode(mode([]), mode([]), '/plugins/ssldec-extension.js').hangingProtocol).toEqual([MIDDLE_SLICE_PROTOCOL_ID]);
  });

  it('says which protocol is missing when the host has no mnGrid', () => {
    const generate = middleSliceProtocolGenerator('mine');
    expect(() => generate({ servicesManager: { services: { hangingProtocolService: { getProtocolById: () => undefined } } } as never })).toThrow(/@ohif\/mnGrid/);
  });
});
