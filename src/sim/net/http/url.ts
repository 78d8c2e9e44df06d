/**
 * URLs as curl 7.58 and wget read them from the command line: a scheme (http when none is given,
 * as curl guesses), a host, a port, the path and query. Only http and https are spoken here.
 */

export interface Url {
  scheme: 'http' | 'https';
  host: string;
  /** The port to connect to (the scheme's when not written). */
  port: number;
  /** Whether the port was written (`Host: example.com:8080`). */
  explicitPort: boolean;
  /** Path and query, starting with `/`. */
  target: string;
}

export type UrlResult = { ok: true; url: Url } | { ok: false; error: 'scheme'; scheme: string } | { ok: false; error: 'malformed' } | { ok: false; error: 'port' };

/** Longest URL accepted (a bound). */
const MAX_URL = 8192;

/** Parses a URL as curl does (`example.com/x` is `http://example.com/x`). */
export function parseUrl(text: string): UrlResult {
  if (text.length === 0 || text.length > MAX_URL) return { ok: false, error: 'malformed' };
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : 'http';
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, error: 'scheme', scheme: schemeMatch![1]! };
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  let target = end < 0 ? '/' : rest.slice(end);
  if (target.startsWith('?')) target = `/${target}`;
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash) || '/';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const portMatch = /^(.*):(\d*)$/.exec(hostPort);
  const host = (portMatch ? portMatch[1]! : hostPort).toLowerCase();
  if (host === '' || /[\s<>"{}|\\^`]/.test(host)) return { ok: false, error: 'malformed' };
  const portText = portMatch ? portMatch[2]! : '';
  const port = portText === '' ? (scheme === 'https' ? 443 : 80) : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, error: 'port' };
  return { ok: true, url: { scheme, host, port, explicitPort: portText !== '', target: target.replace(/ /g, '%20') } };
}

/** The URL written back (`https://example.com/login`), with the port only when not the scheme's. */
export function urlText(url: Url): string {
  const standard = (url.scheme === 'http' && url.port === 80) || (url.scheme === 'https' && url.port === 443);
  return `${url.scheme}://${url.host}${standard ? '' : `:${url.port}`}${url.target}`;
}

/** A Location header resolved against the URL it came from. */
export function resolveLocation(base: Url, location: string): UrlResult {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(location)) return parseUrl(location);
  if (location.startsWith('//')) return parseUrl(`${base.scheme}:${location}`);
  const origin = urlText({ ...base, target: '' });
  if (location.startsWith('/')) return parseUrl(`${origin}${location}`);
  const dir = base.target.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  return parseUrl(`${origin}${dir}${location}`);
}

/** The path of a request target without its query. */
export function pathOf(target: string): string {
  const q = target.indexOf('?');
  return q < 0 ? target : target.slice(0, q);
}
