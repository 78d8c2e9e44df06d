/**
 * `date` (coreutils 8.28): the default `Mon May  4 08:40:00 GMT 2020`, `+FORMAT`, `-u`, `-R`,
 * `-I[spec]`, `--rfc-3339=spec`, `-d STRING` (the times journalctl reads, and `@EPOCH`), and
 * `-s` (only root may set the clock; the drill's clock is not set by hand).
 */
import type { ProgramContext } from '../process';
import { formatDate } from './dateFormat';
import { unknownZone, zoneAt, zoneOf } from './zone';
import { parseJournalTime } from './journalTimes';
import { epochOf } from '../time';

function tryHelp(ctx: ProgramContext): number {
  ctx.err("Try 'date --help' for more information.");
  return 1;
}

export function date(ctx: ProgramContext): number {
  let utc = false;
  let format: string | null = null;
  let when = ctx.sys.now();
  let setTo: string | null = null;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (a.startsWith('+')) {
      if (format !== null) {
        ctx.err(`date: extra operand ‘${a}’`);
        return tryHelp(ctx);
      }
      format = a.slice(1);
    } else if (name === '-u' || name === '--utc' || name === '--universal') utc = true;
    else if (name === '-R' || name === '--rfc-email' || name === '--rfc-2822') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (name === '-I' || name.startsWith('-I') || name === '--iso-8601') {
      const spec = name.startsWith('-I') && name.length > 2 ? name.slice(2) : (inline ?? 'date');
      const formats: Readonly<Record<string, string>> = { date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z', seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,000000000%:z' };
      if (!Object.hasOwn(formats, spec)) {
        ctx.err(`date: invalid argument ‘${spec}’ for ‘--iso-8601’`);
        ctx.err("Valid arguments are:\n  - ‘hours’\n  - ‘minutes’\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’");
        return tryHelp(ctx);
      }
      format = formats[spec]!;
    } else if (name === '--rfc-3339') {
      const formats: Readonly<Record<string, string>> = { date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.000000000%:z' };
      if (!inline || !Object.hasOwn(formats, inline)) {
        ctx.err(inline ? `date: invalid argument ‘${inline}’ for ‘--rfc-3339’` : "date: option '--rfc-3339' requires an argument");
        return tryHelp(ctx);
      }
      format = formats[inline]!;
    } else if (name === '-d' || name === '--date') {
      const text = inline ?? args[++i];
      if (text === undefined) {
        ctx.err("date: option requires an argument -- 'd'");
        return tryHelp(ctx);
      }
      const midnight = epochOf(ctx.sys.config.date, Math.floor(ctx.sys.clock / 86_400) * 86_400);
      const parsed = /^@-?\d+$/.test(text.trim()) ? Number(text.trim().slice(1)) : parseJournalTime(text, ctx.sys.now(), midnight);
      if (parsed === null) {
        ctx.err(`date: invalid date ‘${text}’`);
        return 1;
      }
      when = parsed;
    } else if (name === '-s' || name === '--set') {
      setTo = inline ?? args[++i] ?? '';
    } else if (name === '--version') {
      ctx.out('date (GNU coreutils) 8.28');
      return 0;
    } else if (a.startsWith('--')) {
      ctx.err(`date: unrecognized option '${a}'`);
      return tryHelp(ctx);
    } else if (a.startsWith('-') && a.length > 1) {
      ctx.err(`date: invalid option -- '${a[1]}'`);
      return tryHelp(ctx);
    } else {
      // An operand that is not +FORMAT sets the date (MMDDhhmm[[CC]YY][.ss]).
      if (!/^\d{8}(\d{2}|\d{4})?(\.\d{2})?$/.test(a)) {
        ctx.err(`date: invalid date ‘${a}’`);
        return 1;
      }
      setTo = a;
      const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d{2}|\d{4})?(?:\.(\d\d))?$/.exec(a)!;
      const now = new Date(when * 1000);
      const year = m[5] === undefined ? now.getUTCFullYear() : m[5].length === 4 ? Number(m[5]) : 2000 + Number(m[5]) - (Number(m[5]) >= 69 ? 100 : 0);
      when = Date.UTC(year, Number(m[1]) - 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[6] ?? 0)) / 1000;
    }
  }
  if (setTo !== null) {
    if (ctx.sys.user.name !== 'root') {
      ctx.err('date: cannot set date: Operation not permitted');
      ctx.out(shown(ctx, when, '%a %b %e %H:%M:%S %Z %Y', utc));
      return 1;
    }
    ctx.note('Not simulated in this drill: setting the clock by hand.');
  }
  ctx.out(shown(ctx, when, format ?? '%a %b %e %H:%M:%S %Z %Y', utc));
  return 0;
}

/**
 * The clock is the host's local time; `-u` and `TZ=` show it in another zone: shifted by the
 * difference of the offsets, with that zone's abbreviation.
 */
function shown(ctx: ProgramContext, when: number, format: string, utc: boolean): string {
  const host = ctx.sys.config.timezone;
  const universal = when - zoneOf(host).offset;
  if (utc) return formatDate(universal, format, 'UTC', 0);
  const tz = ctx.sys.env.TZ;
  if (tz === undefined || tz === '') return formatDate(when, format, host);
  const at = zoneAt(tz, universal) ?? unknownZone(tz);
  return formatDate(universal + at.offset, format, at.abbr, at.offset);
}
