/**
 * GNU date's FORMAT (coreutils 8.28, C.UTF-8 locale): every conversion date documents, with
 * the `-`, `_`, `0` and `^` flags and a width. The clock is the host's local time; %z is its zone's offset.
 */
import { partsOf } from '../time';
import { zoneOf } from './zone';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function yday(p: ReturnType<typeof partsOf>): number {
  return Math.floor((Date.UTC(p.year, p.month, p.day) - Date.UTC(p.year, 0, 1)) / 86_400_000);
}

/** ISO 8601 week number and its year. */
function isoWeek(epoch: number): { week: number; year: number } {
  const d = new Date(Math.floor(epoch / 86_400) * 86_400_000);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const first = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round((d.getTime() - first.getTime()) / 86_400_000 / 7 - ((first.getUTCDay() + 6) % 7 - 3) / 7);
  return { week, year };
}

/** `+0100`, `+01:00`, `+01:00:00`, `+01` for an offset in seconds (%z, %:z, %::z, %:::z). */
function offsetOf(offset: number, colons: number): string {
  const abs = Math.abs(offset);
  const h = String(Math.floor(abs / 3600)).padStart(2, '0');
  const m = String(Math.floor(abs / 60) % 60).padStart(2, '0');
  const sec = String(abs % 60).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  return colons === 0 ? `${sign}${h}${m}` : colons === 1 ? `${sign}${h}:${m}` : colons === 2 ? `${sign}${h}:${m}:${sec}` : m === '00' ? `${sign}${h}` : `${sign}${h}:${m}`;
}

/** `date +FORMAT`. Unknown conversions are printed as they are, as GNU date does. `offset` is the zone's, seconds east of UTC (%z). */
export function formatDate(epoch: number, format: string, zone: string, offset = zoneOf(zone).offset): string {
  const p = partsOf(epoch);
  let out = '';
  for (let i = 0; i < format.length; i += 1) {
    const c = format[i]!;
    if (c !== '%' || i === format.length - 1) {
      out += c;
      continue;
    }
    let j = i + 1;
    let flag = '';
    while ('-_0^#'.includes(format[j] ?? 'x')) flag += format[j++];
    let width = '';
    while (/\d/.test(format[j] ?? '')) width += format[j++];
    const conv = format[j];
    if (conv === undefined) {
      out += format.slice(i);
      break;
    }
    const num = (n: number, w: number, padChar = '0') => {
      const pad = flag.includes('-') ? '' : flag.includes('_') ? ' ' : flag.includes('0') ? '0' : padChar;
      const total = width ? Number(width) : w;
      return pad ? String(n).padStart(total, pad) : String(n);
    };
    const text = (s: string) => {
      const t = flag.includes('^') ? s.toUpperCase() : flag.includes('#') ? s.toLowerCase() : s;
      return width ? t.padStart(Number(width), flag.includes('0') ? '0' : ' ') : t;
    };
    const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
    let value: string;
    switch (conv) {
      case '%': value = '%'; break;
      case 'a': value = text(DAYS[p.weekday]!.slice(0, 3)); break;
      case 'A': value = text(DAYS[p.weekday]!); break;
      case 'b': case 'h': value = text(MONTHS[p.month]!.slice(0, 3)); break;
      case 'B': value = text(MONTHS[p.month]!); break;
      case 'c': value = formatDate(epoch, '%a %b %e %H:%M:%S %Y', zone); break;
      case 'C': value = num(Math.floor(p.year / 100), 2); break;
      case 'd': value = num(p.day, 2); break;
      case 'D': value = formatDate(epoch, '%m/%d/%y', zone); break;
      case 'e': value = num(p.day, 2, ' '); break;
      case 'F': value = formatDate(epoch, '%Y-%m-%d', zone); break;
      case 'g': value = num(isoWeek(epoch).year % 100, 2); break;
      case 'G': value = num(isoWeek(epoch).year, 4); break;
      case 'H': value = num(p.hour, 2); break;
      case 'I': value = num(h12, 2); break;
      case 'j': value = num(yday(p) + 1, 3); break;
      case 'k': value = num(p.hour, 2, ' '); break;
      case 'l': value = num(h12, 2, ' '); break;
      case 'm': value = num(p.month + 1, 2); break;
      case 'M': value = num(p.minute, 2); break;
      case 'n': value = '\n'; break;
      case 'N': value = width ? '0'.repeat(Number(width)) : '000000000'; break;
      case 'p': value = text(p.hour < 12 ? 'AM' : 'PM'); break;
      case 'P': value = p.hour < 12 ? 'am' : 'pm'; break;
      case 'r': value = formatDate(epoch, '%I:%M:%S %p', zone); break;
      case 'R': value = formatDate(epoch, '%H:%M', zone); break;
      case 's': value = String(epoch); break;
      case 'S': value = num(p.second, 2); break;
      case 't': value = '\t'; break;
      case 'T': value = formatDate(epoch, '%H:%M:%S', zone); break;
      case 'u': value = String(p.weekday === 0 ? 7 : p.weekday); break;
      case 'U': value = num(Math.floor((yday(p) + 7 - p.weekday) / 7), 2); break;
      case 'V': value = num(isoWeek(epoch).week, 2); break;
      case 'w': value = String(p.weekday); break;
      case 'W': value = num(Math.floor((yday(p) + 7 - ((p.weekday + 6) % 7)) / 7), 2); break;
      case 'x': value = formatDate(epoch, '%m/%d/%y', zone, offset); break;
      case 'X': value = formatDate(epoch, '%H:%M:%S', zone, offset); break;
      case 'y': value = num(p.year % 100, 2); break;
      case 'Y': value = num(p.year, 4); break;
      case 'z': value = offsetOf(offset, 0); break;
      case ':': {
        // %:z, %::z, %:::z
        let k = j;
        while (format[k] === ':') k += 1;
        if (format[k] === 'z') {
          const colons = k - j;
          value = offsetOf(offset, colons);
          j = k;
        } else value = format.slice(i, j + 1);
        break;
      }
      case 'Z': value = text(zone); break;
      default: value = format.slice(i, j + 1);
    }
    out += value;
    i = j;
  }
  return out;
}
