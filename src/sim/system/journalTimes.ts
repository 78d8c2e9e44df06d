/**
 * The times journalctl's `--since` and `--until` accept (systemd 237's parse_timestamp):
 * "2020-05-04 08:30:00", "2020-05-04 08:30", "2020-05-04", "08:30", "08:30:15", "today",
 * "yesterday", "tomorrow", "now", "-10min", "+1h", "10 min ago", "1 hour ago".
 */

const UNITS: readonly [RegExp, number][] = [
  [/^(us|usec)$/, 1e-6],
  [/^(ms|msec)$/, 1e-3],
  [/^(s|sec|secs|second|seconds)$/, 1],
  [/^(m|min|mins|minute|minutes)$/, 60],
  [/^(h|hr|hrs|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86_400],
  [/^(w|week|weeks)$/, 604_800],
  [/^(M|month|months)$/, 2_629_800],
  [/^(y|year|years)$/, 31_557_600],
];

/** A time span as systemd writes one: "10min", "1h 30min", "90", "2 days"; seconds or null. */
export function parseSpan(text: string): number | null {
  const parts = text.trim().match(/\d+(?:\.\d+)?\s*[a-zA-Z]*/g);
  if (!parts || parts.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) return null;
  let total = 0;
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(part.trim());
    if (!m) return null;
    const unit = m[2] === '' ? 1 : UNITS.find(([re]) => re.test(m[2]!))?.[1];
    if (unit === undefined) return null;
    total += Number(m[1]) * unit;
  }
  return total;
}

/**
 * Epoch seconds of a journalctl time, given now (epoch) and the start of today (epoch, the
 * scenario's timezone being the clock's); null when systemd could not parse it either.
 */
export function parseJournalTime(text: string, now: number, midnight: number): number | null {
  const t = text.trim();
  if (t === 'now') return now;
  if (t === 'today') return midnight;
  if (t === 'yesterday') return midnight - 86_400;
  if (t === 'tomorrow') return midnight + 86_400;
  if (t.startsWith('-') || t.startsWith('+')) {
    const span = parseSpan(t.slice(1));
    return span === null ? null : Math.floor(t.startsWith('-') ? now - span : now + span);
  }
  const ago = /^(.*\S)\s+ago$/.exec(t);
  if (ago) {
    const span = parseSpan(ago[1]!);
    return span === null ? null : Math.floor(now - span);
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return null;
    return midnight + h * 3600 + m * 60 + s;
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (date) {
    const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(date[i] ?? 0)) as [number, number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
  }
  return null;
}
