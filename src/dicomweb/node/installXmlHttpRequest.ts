// xhr2 is CommonJS without types; it implements the XMLHttpRequest API on Node's http module.
// @ts-ignore -- untyped module
import XMLHttpRequestForNode from 'xhr2';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that carry no credentials and may follow a redirect to another origin. */
const SAFE_ACROSS_ORIGINS = new Set(['accept', 'accept-language', 'user-agent']);

interface Xhr2Internals {
  _request: unknown;
  _url: { href: string };
  _headers: Record<string, string>;
  _loweredHeaders: Record<string, string>;
}

/**
 * xhr2 follows redirects with every request header, so a PACS (or anything between) answering 302 to another
 * host would receive the site's `--header` credentials. Browsers drop them across origins; this does the same:
 * on a redirect to another origin (scheme, host or port), only {@link SAFE_ACROSS_ORIGINS} headers are kept.
 * Relies on xhr2's `_onHttpResponse` (xhr2 is pinned in package-lock; test/integration/dicomweb guards it).
 */
class XMLHttpRequestKeepingCredentials extends (XMLHttpRequestForNode as new () => object) {
  _onHttpResponse(request: unknown, response: { statusCode: number; headers: Record<string, string | undefined> }): unknown {
    const self = this as unknown as Xhr2Internals;
    const location = response.headers.location;
    if (self._request === request && REDIRECTS.has(response.statusCode) && location) {
      const from = new URL(self._url.href);
      let to: URL | undefined;
      try {
        to = new URL(location, from);
      } catch {
        to = undefined; // xhr2 reports the unusable Location itself
      }
      // xhr2 cannot follow a relative Location (allowed since RFC 7231): hand it the absolute one.
      if (to) response.headers.location = to.href;
      if (!to || to.origin !== from.origin) {
        for (const name of Object.keys(self._headers)) {
          if (!SAFE_ACROSS_ORIGINS.has(name.toLowerCase())) delete self._headers[name];
        }
        for (const lowered of Object.keys(self._loweredHeaders)) {
          if (!SAFE_ACROSS_ORIGINS.has(lowered)) delete self._loweredHeaders[lowered];
        }
      }
    }
    return (XMLHttpRequestForNode.prototype as { _onHttpResponse: (...a: unknown[]) => unknown })._onHttpResponse.call(this, request, response);
  }
}

/**
 * Node only: dicomweb-client talks through the browser's XMLHttpRequest, which Node lacks. Installs xhr2's
 * implementation (with credentials kept to their origin on redirects) as the global once; browsers and workers
 * keep their own.
 */
export function installXmlHttpRequest(): void {
  const scope = globalThis as { XMLHttpRequest?: unknown };
  if (typeof scope.XMLHttpRequest === 'undefined') scope.XMLHttpRequest = XMLHttpRequestKeepingCredentials;
}
