/**
 * systemd 237's relative times (`format_timestamp_relative`): "2h 14min ago", "2 days ago",
 * "1 weeks 6 days ago" (sic), "1 day 3h ago", "27min ago", "5s ago".
 */

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const WEEK = 7 * DAY;
const MONTH = 2_629_800;
const YEAR = 31_557_600;

/** `seconds` ago in systemd's words (`now` for zero). */
export function systemdAgo(seconds: number): string {
  const d = Math.max(0, Math.floor(seconds));
  const s = 'ago';
  if (d >= YEAR) return `${Math.floor(d / YEAR)} years ${Math.floor((d % YEAR) / MONTH)} months ${s}`;
  if (d >= MONTH) return `${Math.floor(d / MONTH)} months ${Math.floor((d % MONTH) / DAY)} days ${s}`;
  if (d >= WEEK) return `${Math.floor(d / WEEK)} weeks ${Math.floor((d % WEEK) / DAY)} days ${s}`;
  if (d >= 2 * DAY) return `${Math.floor(d / DAY)} days ${s}`;
  if (d >= 25 * HOUR) return `1 day ${Math.floor((d - DAY) / HOUR)}h ${s}`;
  if (d >= 6 * HOUR) return `${Math.floor(d / HOUR)}h ${s}`;
  if (d >= HOUR) return `${Math.floor(d / HOUR)}h ${Math.floor((d % HOUR) / MINUTE)}min ${s}`;
  if (d >= 5 * MINUTE) return `${Math.floor(d / MINUTE)}min ${s}`;
  if (d >= MINUTE) return `${Math.floor(d / MINUTE)}min ${d % MINUTE}s ${s}`;
  if (d >= 1) return `${d}s ${s}`;
  // The drill's clock counts whole seconds: a state entered this very second is shown as a second old.
  return '1s ago';
}
