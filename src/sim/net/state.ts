/**
 * What the network keeps on a host from one step to the next, as plain data in the world:
 * HAProxy's round-robin position per backend, the drill's browser's cookie jar and cache, and whether
 * the host's app has served a signed-in page.
 * Changed only through `Draft.setNet`, copy-on-write like the rest of the world.
 */

/** A cookie as a browser or curl's jar keeps it. */
export interface Cookie {
  /** The host it was set by (or for), without a leading dot. */
  domain: string;
  /** A `Domain=` cookie is sent to subdomains too. */
  includeSubdomains: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** Epoch seconds; 0 for a session cookie. */
  expires: number;
  name: string;
  value: string;
}

export interface NetState {
  /** Backend (`frontend/backend`) → how many requests it has handed out: the next server is this modulo the servers up. */
  roundRobin?: Readonly<Record<string, number>>;
  /** The browser's cookies (the drill's `browser`), oldest first. */
  browserCookies?: readonly Cookie[];
  /** Pages the browser has cached (URL → when), emptied by `browser clear-cache`. */
  browserCache?: readonly string[];
  /**
   * Whether this host's app has served a page to a signed-in user with a 2xx status: the proof a
   * scenario can observe that the logged-in path works (an anonymous request's 302 or 401 is not).
   */
  servedSignedIn?: true;
}
