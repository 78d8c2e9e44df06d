/**
 * The date strings `touch -d` and `touch -t` accept, for the forms people type: ISO dates with
 * or without a time, a time of day, `@EPOCH`, `now`, `today`, `yesterday`, `tomorrow`,
 * `N minutes|hours|days|weeks ago`, and touch's `[[CC]YY]MMDDhhmm[.ss]`. Times are the
 * host's local time, which the drill keeps at UTC offset zero.
 */

const UNITS: Readonly<Record<string, number>> = { second: 1, sec: 1, minute: 60, min: 60, hour: 3600, day: 86400, week: 604800, fortnight: 1209600 };

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

/** Epoch seconds for a `-d` string, or null when it is not a date touch understands. */
export function parseDateString(text: string, now: number): number | null {
  const t = text.trim().toLowerCase();
  const midnight = now - (((now % 86400) + 86400) % 86400);
  if (t === 'now' || t === '') return now;
  if (t === 'today') return now;
  if (t === 'yesterday') return now - 86400;
  if (t === 'tomorrow') return now + 86400;
  let m = /^@(-?\d+)$/.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d+|an?)\s*(second|sec|minute|min|hour|day|week|fortnight)s?\s+ago$/.exec(t);
  if (m) return now - (m[1]!.startsWith('a') ? 1 : Number(m[1])) * UNITS[m[2]!]!;
  m = /^([+-]?\d+)\s*(second|sec|minute|min|hour|day|week|fortnight)s?$/.exec(t);
  if (m) return now + Number(m[1]) * UNITS[m[2]!]!;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:z|utc|gmt|[+-]00:?00)?$/.exec(t);
  if (m) return utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) {
    const h = Number(m[1]);
    const mi = Number(m[2]);
    const s = Number(m[3] ?? 0);
    if (h > 23 || mi > 59 || s > 59) return null;
    return midnight + h * 3600 + mi * 60 + s;
  }
  return null;
}

/** `touch -t [[CC]YY]MMDDhhmm[.ss]`, or null when malformed. */
export function parseTouchStamp(text: string, now: number): number | null {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d{2}))?$/.exec(text);
  if (!m) return null;
  const digits = m[1]!;
  const year = new Date(now * 1000).getUTCFullYear();
  let y = year;
  let rest = digits;
  if (digits.length === 12) {
    y = Number(digits.slice(0, 4));
    rest = digits.slice(4);
  } else if (digits.length === 10) {
    const yy = Number(digits.slice(0, 2));
    y = yy < 69 ? 2000 + yy : 1900 + yy;
    rest = digits.slice(2);
  }
  return utc(y, Number(rest.slice(0, 2)), Number(rest.slice(2, 4)), Number(rest.slice(4, 6)), Number(rest.slice(6, 8)), Number(m[2] ?? 0));
}
