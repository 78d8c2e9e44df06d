/**
 * HTTP/1.1 messages as they travel between the simulated client, HAProxy, Nginx and the apps:
 * a request line and headers in order (names as the sender wrote them), a body, and the reason
 * phrases each server prints (Nginx's, HAProxy's and Node's are the same standard words).
 */

export type Header = readonly [name: string, value: string];

export interface HttpRequest {
  method: string;
  /** The path with its query string, as on the request line (`/dashboard?x=1`). */
  target: string;
  headers: readonly Header[];
  body: string;
}

export interface HttpResponse {
  /** `HTTP/1.1`, or `HTTP/1.0` for HAProxy's own error pages. */
  version: string;
  status: number;
  reason: string;
  headers: readonly Header[];
  body: string;
}

const REASONS: ReadonlyMap<number, string> = new Map([
  [200, 'OK'], [201, 'Created'], [204, 'No Content'], [301, 'Moved Permanently'], [302, 'Found'], [303, 'See Other'], [304, 'Not Modified'],
  [307, 'Temporary Redirect'], [308, 'Permanent Redirect'], [400, 'Bad Request'], [401, 'Unauthorized'], [403, 'Forbidden'], [404, 'Not Found'],
  [405, 'Method Not Allowed'], [408, 'Request Timeout'], [409, 'Conflict'], [413, 'Request Entity Too Large'], [422, 'Unprocessable Entity'],
  [429, 'Too Many Requests'], [500, 'Internal Server Error'], [501, 'Not Implemented'], [502, 'Bad Gateway'], [503, 'Service Unavailable'], [504, 'Gateway Timeout'],
]);

/** The standard reason phrase of a status (`404` → `Not Found`). */
export function reasonOf(status: number): string {
  return REASONS.get(status) ?? 'Unknown';
}

/** The first value of a header, by case-insensitive name. */
export function headerOf(headers: readonly Header[], name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
}

/** Every value of a header (`Set-Cookie`). */
export function headersOf(headers: readonly Header[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

/** Headers without those of a name, then one with the value (replacing, as a proxy's `proxy_set_header`). */
export function withHeader(headers: readonly Header[], name: string, value: string): Header[] {
  const lower = name.toLowerCase();
  return [...headers.filter(([n]) => n.toLowerCase() !== lower), [name, value]];
}

/** Length in bytes of text as UTF-8 (Content-Length, log sizes). */
export function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}

/** A cookie header's `name=value` pairs. */
export function cookiePairs(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** `a=1&b=two` or a JSON object → its fields (what an app reads from a form or an API call). */
export function formFields(body: string, contentType: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if ((contentType ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
    } catch {
      return out;
    }
    return out;
  }
  for (const part of body.split('&').slice(0, 200)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (key) out.set(decodeForm(key), decodeForm(value));
  }
  return out;
}

function decodeForm(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
