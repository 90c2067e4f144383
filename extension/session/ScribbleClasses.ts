/**
 * The classes and their strokes, as one thing: the class list (store), the scribble segmentation in OHIF (one
 * segment per class), the brush, and the repair when OHIF re-applies an older segmentation state. Removing a class
 * erases its strokes, so a class added later never inherits them.
 */
import type { Labelmap } from '../../src/volume/Volume';
import type { OhifViewer, ViewerTarget } from '../ohif/OhifViewer';
import type { PanelStore } from '../state/createStore';
import type { PanelClass, Rgb } from '../state/PanelState';

/** What the scribble side tells the session: the class list changed (`removed`: the value of a removed class). */
export type ClassesChanged = (change: { removed?: number; setChanged: boolean }) => void;

/** See file comment. */
export class ScribbleClasses {
  private scribbleId?: string;
  /** The scribble segmentation being created, shared by concurrent callers. */
  private creation?: Promise<string>;

  constructor(private readonly viewer: OhifViewer, private readonly store: PanelStore, private readonly changed: ClassesChanged) {}

  /** The scribble segmentation's id, while it is in the viewer. */
  get id(): string | undefined {
    return this.viewer.has(this.scribbleId) ? this.scribbleId : undefined;
  }

  /** Whether scribbling has begun in this session (a segmentation exists or is being made). */
  get started(): boolean {
    return this.scribbleId !== undefined || this.creation !== undefined;
  }

  private get classes(): PanelClass[] {
    return this.store.getState().classes;
  }

  /** Creates the scribble segmentation once (quick "Add class" clicks must not make several: strokes would be lost). */
  async ensureSegmentation(t: ViewerTarget): Promise<string> {
    if (this.viewer.has(this.scribbleId)) return this.scribbleId;
    this.creation ??= this.viewer.createScribbles(t, this.classes).finally(() => { this.creation = undefined; });
    this.scribbleId = await this.creation;
    this.sync();
    return this.scribbleId;
  }

  private sync(): void {
    if (this.scribbleId) this.viewer.syncScribbles(this.viewer.target(), this.scribbleId, this.classes);
  }

  /** Puts back the class segments and the chosen class's brush if OHIF reset them (see scribblesDrifted). */
  repairDrift(segmentationId: string): void {
    const { activeClassValue } = this.store.getState();
    if (segmentationId !== this.scribbleId || !this.viewer.scribblesDrifted(segmentationId, this.classes, activeClassValue)) return;
    this.sync();
    if (activeClassValue !== undefined) this.viewer.setActiveSegment(segmentationId, activeClassValue);
  }

  /** Makes `value` the class being painted: creates the scribble segmentation if needed and activates the brush. */
  async select(value: number): Promise<void> {
    this.store.dispatch({ type: 'classes/select', value });
    const t = this.viewer.target();
    const id = await this.ensureSegmentation(t);
    this.viewer.activateBrush(t, id, value, this.store.getState().brushSize / 2);
    // Only the last click counts when several selections overlap while the segmentation is being created.
    if (this.store.getState().activeClassValue === value) this.store.dispatch({ type: 'brush/ready', value });
  }

  /** Adds a class (named `name`, or "Class N") and selects it. */
  async add(name?: string, color?: Rgb): Promise<void> {
    this.store.dispatch({ type: 'classes/add', name, color });
    this.sync();
    this.changed({ setChanged: true });
    const value = this.store.getState().activeClassValue;
    if (value !== undefined) await this.select(value);
  }

  /** Renames or recolours a class; OHIF's segment follows. */
  edit(action: { type: 'classes/rename'; value: number; name: string } | { type: 'classes/recolour'; value: number; color: Rgb }): void {
    this.store.dispatch(action);
    this.sync();
    this.changed({ setChanged: false });
  }

  /** Removes a class, its segment and its strokes. */
  remove(value: number): void {
    this.store.dispatch({ type: 'classes/remove', value });
    const id = this.id;
    if (id) {
      const t = this.viewer.target();
      const strokes = this.viewer.readLabels(t, id);
      let erased = false;
      for (let i = 0; i < strokes.data.length; i++) {
        if (strokes.data[i] === value) {
          strokes.data[i] = 0;
          erased = true;
        }
      }
      if (erased) this.viewer.writeLabels(t, id, strokes);
    }
    this.sync();
    this.changed({ removed: value, setChanged: true });
  }

  /** Replaces every class (a preset): strokes of classes not in `classes` are erased; selects the first. */
  async replace(classes: PanelClass[]): Promise<void> {
    const kept = new Set(classes.map((c) => c.value));
    for (const c of this.classes) if (!kept.has(c.value)) this.remove(c.value);
    this.store.dispatch({ type: 'classes/replace', classes });
    this.sync();
    this.changed({ setChanged: true });
    if (classes[0]) await this.select(classes[0].value);
  }

  /** Brush diameter in mm (what the panel shows); OHIF's brush takes the radius. */
  setBrushDiameter(diameterMm: number): void {
    this.store.dispatch({ type: 'brush/size', size: diameterMm });
    this.viewer.setBrushRadius(this.store.getState().brushSize / 2);
  }

  /** The strokes on the source grid (panel class values), or undefined before any segmentation exists. */
  read(t: ViewerTarget, toValue?: (segmentIndex: number) => number): Labelmap | undefined {
    const id = this.id;
    return id ? this.viewer.readLabels(t, id, toValue) : undefined;
  }

  /** Puts kept strokes (panel class values) back into the viewer. */
  async restore(t: ViewerTarget, data: Uint8Array): Promise<void> {
    const id = await this.ensureSegmentation(t);
    this.viewer.writeLabels(t, id, { ...t.grid.geometry, data });
  }
}
