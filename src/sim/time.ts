/**
 * Time as the simulated hosts see it: the scenario's day plus the simulated clock, written the
 * way each tool writes it. Date.UTC is arithmetic, not the wall clock: nothing here reads `now`.
 * The timezone is a label (GMT, UTC): offsets are not modelled.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Epoch seconds of `clock` (seconds since midnight; may run past 24 h) on `date` (`YYYY-MM-DD`). */
export function epochOf(date: string, clock: number): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000 + Math.floor(clock);
}

interface Parts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

export function partsOf(epoch: number): Parts {
  const d = new Date(epoch * 1000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/** `Mon May  4 08:40:00 GMT 2020`: `date` with no arguments. */
export function dateCommandText(epoch: number, zone: string): string {
  const p = partsOf(epoch);
  return `${DAYS[p.weekday]} ${MONTHS[p.month]} ${String(p.day).padStart(2)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${zone} ${p.year}`;
}

/** `08:40:00` */
export function hms(epoch: number): string {
  const p = partsOf(epoch);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `May  4 08:35:02`: syslog and journalctl's short format. */
export function syslogTime(epoch: number): string {
  const p = partsOf(epoch);
  return `${MONTHS[p.month]} ${String(p.day).padStart(2)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `May  4 08:35` for this year's files, `Nov 12  2019` for older ones: what `ls -l` prints. */
export function lsTime(epoch: number, now: number): string {
  const p = partsOf(epoch);
  const sixMonths = 182 * 24 * 3600;
  const recent = epoch <= now + 3600 && now - epoch < sixMonths;
  return `${MONTHS[p.month]} ${String(p.day).padStart(2)} ${recent ? `${pad(p.hour)}:${pad(p.minute)}` : ` ${p.year}`}`;
}

/** `2020-05-04 08:35:02` (MySQL, many app logs). */
export function isoSpace(epoch: number): string {
  const p = partsOf(epoch);
  return `${p.year}-${pad(p.month + 1)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `2020-05-04T08:35:02Z`-style (without the zone letter; add it where the tool does). */
export function isoT(epoch: number): string {
  return isoSpace(epoch).replace(' ', 'T');
}

/** `04/May/2020:08:35:02 +0000`: Nginx's and HAProxy's access-log time. */
export function clfTime(epoch: number): string {
  const p = partsOf(epoch);
  return `${pad(p.day)}/${MONTHS[p.month]}/${p.year}:${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} +0000`;
}

/** `Mon, 04 May 2020 08:40:12 GMT`: HTTP's Date header. */
export function httpDate(epoch: number): string {
  const p = partsOf(epoch);
  return `${DAYS[p.weekday]}, ${pad(p.day)} ${MONTHS[p.month]} ${p.year} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} GMT`;
}

/** `Mon 2020-05-04 08:12:44 GMT`: systemd's timestamps (`Active: active (running) since …`). */
export function systemdTime(epoch: number, zone: string): string {
  const p = partsOf(epoch);
  return `${DAYS[p.weekday]} ${p.year}-${pad(p.month + 1)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${zone}`;
}

/** `1h 5min ago`, `2 weeks 3 days ago`: systemd's relative times. */
export function systemdAgo(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const units: [number, string][] = [
    [365 * 24 * 3600, 'years'],
    [30 * 24 * 3600, 'months'],
    [7 * 24 * 3600, 'weeks'],
    [24 * 3600, 'days'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const out: string[] = [];
  let rest = s;
  for (const [size, name] of units) {
    if (rest >= size && out.length < 2) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      const label = name === 'years' || name === 'months' || name === 'weeks' || name === 'days' ? (n === 1 ? name.slice(0, -1) : name) : name;
      out.push(name.length > 3 ? `${n} ${label}` : `${n}${label}`);
    }
  }
  return `${out.length ? out.join(' ') : '0s'} ago`;
}

/** A strftime subset (`%Y-%m-%d %H:%M:%S`, `%s`, `%a %b %e`…), for `date +FORMAT` and log templates. */
export function strftime(epoch: number, format: string, zone: string): string {
  const p = partsOf(epoch);
  return format.replace(/%([a-zA-Z%])/g, (whole, code: string) => {
    switch (code) {
      case 'Y': return String(p.year);
      case 'm': return pad(p.month + 1);
      case 'd': return pad(p.day);
      case 'e': return String(p.day).padStart(2);
      case 'H': return pad(p.hour);
      case 'M': return pad(p.minute);
      case 'S': return pad(p.second);
      case 's': return String(epoch);
      case 'a': return DAYS[p.weekday]!;
      case 'b': case 'h': return MONTHS[p.month]!;
      case 'Z': return zone;
      case 'z': return '+0000';
      case 'F': return `${p.year}-${pad(p.month + 1)}-${pad(p.day)}`;
      case 'T': return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
      case 'D': return `${pad(p.month + 1)}/${pad(p.day)}/${String(p.year).slice(2)}`;
      case 'j': return pad(Math.floor((Date.UTC(p.year, p.month, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1, 3);
      case 'u': return String(p.weekday === 0 ? 7 : p.weekday);
      case '%': return '%';
      default: return whole;
    }
  });
}
