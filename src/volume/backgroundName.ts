/**
 * The one rule for a class name that means "background": it starts with the word "background" ("Background",
 * "background air"). The SEG export leaves such classes out and the engine's geodesic prior gives them what no other
 * class's strokes reach; both read it here, so a class is background to one exactly when it is to the other.
 */
export function namesBackground(name: string | undefined): boolean {
  return /^\s*background\b/i.test(name ?? '');
}
