/**
 * What every HTTP client here does before and around the exchange: resolve the URL's host as
 * getaddrinfo does on the client's host, connect and send, check the certificate's names against
 * the host asked for (unless told not to), and keep cookies the way curl's and a browser's jars do.
 */
import type { CertificateSpec } from '../../../scenario/world/network';
import type { Draft } from '../../draft';
import { formatIpv4 } from '../address';
import { lookupName } from '../resolver';
import type { Cookie } from '../state';
import type { Header, HttpRequest } from './message';
import { httpExchange, type Exchange } from './serve';
import type { Url } from './url';

export type Fetched =
  | { kind: 'no-host'; error: 'NONAME' | 'AGAIN' }
  | { kind: 'exchange'; address: string; exchange: Exchange; nameMatched: string | null };

/** Whether a certificate name (`*.example.com` too) covers the host. */
function nameCovers(name: string, host: string): boolean {
  const n = name.toLowerCase();
  const h = host.toLowerCase();
  if (n === h) return true;
  if (n.startsWith('*.')) {
    const rest = n.slice(1);
    return h.endsWith(rest) && !h.slice(0, h.length - rest.length).includes('.');
  }
  return false;
}

/** The certificate's name that matches the host, or null. */
export function certificateName(cert: CertificateSpec, host: string): string | null {
  return cert.names.find((n) => nameCovers(n, host)) ?? null;
}

/** Resolves and fetches one URL from `from`. */
export function fetchUrl(draft: Draft, from: string, url: Url, request: HttpRequest): Fetched {
  const found = lookupName(draft, from, url.host);
  if (!found.ok) return { kind: 'no-host', error: found.error };
  const address = found.addresses[0]!;
  const exchange = httpExchange(draft, from, address, url.port, url.scheme === 'https', request);
  const nameMatched = exchange.kind === 'response' && exchange.certificate ? certificateName(exchange.certificate, url.host) : null;
  return { kind: 'exchange', address: formatIpv4(address), exchange, nameMatched };
}

/** The request headers a client sends first: `Host` (with the port when it is not the scheme's). */
export function hostHeader(url: Url): string {
  return url.explicitPort && !((url.scheme === 'http' && url.port === 80) || (url.scheme === 'https' && url.port === 443)) ? `${url.host}:${url.port}` : url.host;
}

/** A `Set-Cookie` header read into a cookie for the URL it came from (null when malformed). */
export function parseSetCookie(header: string, url: Url, now: number): Cookie | null {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const cookie: Cookie = { domain: url.host, includeSubdomains: false, path: '/', secure: false, httpOnly: false, expires: 0, name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
  const dir = url.target.replace(/[?#].*$/, '').replace(/\/[^/]*$/, '');
  cookie.path = dir === '' ? '/' : dir;
  for (const a of attributes) {
    const [k = '', ...rest] = a.trim().split('=');
    const key = k.toLowerCase();
    const value = rest.join('=');
    if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'domain' && value) {
      cookie.domain = value.replace(/^\./, '').toLowerCase();
      cookie.includeSubdomains = true;
    } else if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.expires = Number(value) <= 0 ? 1 : now + Number(value);
    else if (key === 'expires') {
      const t = Date.parse(value);
      if (!Number.isNaN(t)) cookie.expires = Math.floor(t / 1000);
    }
  }
  return cookie;
}

/** A jar with a cookie added (a cookie of the same name, domain and path replaced; an expired one removed). */
export function storeCookie(jar: readonly Cookie[], cookie: Cookie, now: number): Cookie[] {
  const rest = jar.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path));
  if (cookie.expires !== 0 && cookie.expires <= now) return rest;
  return [...rest, cookie].slice(-300);
}

/** The `Cookie` header a jar gives for a URL, or null. */
export function cookieHeader(jar: readonly Cookie[], url: Url, now: number): string | null {
  const path = url.target.replace(/[?#].*$/, '');
  const matching = jar.filter((c) => (c.domain === url.host || (c.includeSubdomains && url.host.endsWith(`.${c.domain}`))) && (path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/') && (!c.secure || url.scheme === 'https') && (c.expires === 0 || c.expires > now));
  return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : null;
}

/** curl's cookie file (Netscape format), as `-c` writes it. */
export function cookieFileText(jar: readonly Cookie[]): string {
  const lines = ['# Netscape HTTP Cookie File', '# https://curl.haxx.se/docs/http-cookies.html', '# This file was generated by libcurl! Edit at your own risk.', ''];
  for (const c of jar) lines.push(`${c.httpOnly ? '#HttpOnly_' : ''}${c.includeSubdomains ? '.' : ''}${c.domain}\t${c.includeSubdomains ? 'TRUE' : 'FALSE'}\t${c.path}\t${c.secure ? 'TRUE' : 'FALSE'}\t${c.expires}\t${c.name}\t${c.value}`);
  return `${lines.join('\n')}\n`;
}

/** Cookies read from a Netscape cookie file (curl `-b FILE`). */
export function readCookieFile(text: string): Cookie[] {
  const out: Cookie[] = [];
  for (const raw of text.split('\n').slice(0, 1000)) {
    const httpOnly = raw.startsWith('#HttpOnly_');
    const line = httpOnly ? raw.slice('#HttpOnly_'.length) : raw;
    if (line.startsWith('#') || line.trim() === '') continue;
    const f = line.split('\t');
    if (f.length < 7) continue;
    out.push({ domain: f[0]!.replace(/^\./, ''), includeSubdomains: f[1] === 'TRUE', path: f[2]!, secure: f[3] === 'TRUE', expires: Number(f[4]) || 0, name: f[5]!, value: f[6]!, httpOnly });
  }
  return out;
}

export type { Header };
