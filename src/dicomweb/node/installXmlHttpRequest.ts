// xhr2 is CommonJS without types; it implements the XMLHttpRequest API on Node's http module.
// @ts-ignore -- untyped module
import XMLHttpRequestForNode from 'xhr2';

/**
 * Node only: dicomweb-client talks through the browser's XMLHttpRequest, which Node lacks. Installs xhr2's
 * implementation as the global once (browsers and workers keep their own).
 */
export function installXmlHttpRequest(): void {
  const scope = globalThis as { XMLHttpRequest?: unknown };
  if (typeof scope.XMLHttpRequest === 'undefined') scope.XMLHttpRequest = XMLHttpRequestForNode;
}
