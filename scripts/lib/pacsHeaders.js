// `--pacs-header 'Name: value'`: headers our proxy adds to every PACS request (site auth). Checked at startup so a
// bad one is a clear error then, not a crash on the first request; messages never repeat the value (a token).
const { validateHeaderName, validateHeaderValue } = require('node:http');

class PacsHeaderError extends Error {}

// Headers the proxy itself owns; a site header may not replace them.
const RESERVED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect']);

/**
 * @param {string[]} lines
 * @returns {Record<string, string>} lower-case names
 */
function parseHeaderLines(lines) {
  const headers = {};
  lines.forEach((line, i) => {
    const which = `--pacs-header #${i + 1}`;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new PacsHeaderError(`${which} must look like 'Name: value' (the value is not shown here)`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    try {
      validateHeaderName(name);
    } catch {
      throw new PacsHeaderError(`${which}: '${name.replace(/[^\x21-\x7e]/g, '?')}' is not a valid header name`);
    }
    try {
      validateHeaderValue(name, value);
    } catch {
      throw new PacsHeaderError(`${which} (${name}): the value holds characters a header cannot carry (line breaks, control characters)`);
    }
    if (RESERVED.has(name)) throw new PacsHeaderError(`${which}: ${name} is set by the proxy itself`);
    headers[name] = value;
  });
  return headers;
}

module.exports = { parseHeaderLines, PacsHeaderError };
