/**
 * `journalctl` (systemd 237): the host's journal with `-u`, `-t`, `-p`, `-k`, `-b`, `-n`,
 * `-e`, `-r`, `-f` (a snapshot, said so), `--since`/`--until`, `-o short|short-iso|
 * short-precise|short-unix|cat|with-unit`, `-x` (the catalog's explanations), the
 * "-- Logs begin at … end at … --" header and "-- No entries --". Users outside `adm` and
 * `systemd-journal` see only their own journal, with systemd's hint.
 */
import type { ProgramContext } from '../process';
import { epochOf, systemdTime } from '../time';
import { journalOf, journalSource, journalTime, type JournalRecord } from './journal';
import { parseJournalTime } from './journalTimes';
import { mangleUnitName } from './units';
import { wildcardMatch } from './nginxConfig';
import { canReadJournal } from './unitStatus';
import { bootClockOf } from './machine';

const PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const OUTPUTS = new Set(['short', 'short-iso', 'short-precise', 'short-unix', 'short-monotonic', 'short-full', 'cat', 'with-unit', 'verbose', 'json', 'json-pretty', 'json-sse', 'export']);

function priorityOf(text: string): number | null {
  if (/^[0-7]$/.test(text)) return Number(text);
  const i = PRIORITIES.indexOf(text);
  return i >= 0 ? i : null;
}

interface Options {
  units: string[];
  identifiers: string[];
  priority: [number, number] | null;
  kernel: boolean;
  lines: number | null;
  reverse: boolean;
  follow: boolean;
  since: number | null;
  until: number | null;
  output: string;
  catalog: boolean;
  /** `--disk-usage`: the journal files' total, not their entries. */
  diskUsage?: boolean;
  quiet: boolean;
}

const WITH_VALUE = new Set(['-u', '--unit', '-t', '--identifier', '-p', '--priority', '-S', '--since', '-U', '--until', '-o', '--output', '-g', '--grep', '-D', '--directory', '--file', '-M', '--machine', '-F', '--field', '--user-unit', '--cursor', '--after-cursor', '--vacuum-size', '--vacuum-time']);

type Parsed = { ok: true; options: Options; boot: string | null } | { ok: false; error: string; status?: number };

function parse(ctx: ProgramContext): Parsed {
  const o: Options = { units: [], identifiers: [], priority: null, kernel: false, lines: null, reverse: false, follow: false, since: null, until: null, output: 'short', catalog: false, quiet: false };
  const argv = ctx.argv.slice(1);
  const now = ctx.sys.now();
  const midnight = epochOf(ctx.sys.config.date, Math.floor(ctx.sys.clock / 86_400) * 86_400);
  let boot: string | null = null;
  const time = (value: string): number | { error: string } => parseJournalTime(value, now, midnight) ?? { error: `Failed to parse timestamp: ${value}` };
  for (let i = 0; i < argv.length; i += 1) {
    let word = argv[i]!;
    let value: string | null = null;
    if (word.startsWith('--') && word.includes('=')) {
      value = word.slice(word.indexOf('=') + 1);
      word = word.slice(0, word.indexOf('='));
    } else if (/^-[a-zA-Z]./.test(word) && WITH_VALUE.has(word.slice(0, 2))) {
      value = word.slice(2);
      word = word.slice(0, 2);
    } else if (/^-[a-zA-Z]{2,}$/.test(word) && !/^-n\d/.test(word)) {
      // Clustered flags such as -xe, -fu (the last may take a value).
      const flags = word.slice(1).split('');
      argv.splice(i, 1, ...flags.map((f) => `-${f}`));
      i -= 1;
      continue;
    }
    if (WITH_VALUE.has(word) && value === null) {
      value = argv[i + 1] ?? null;
      if (value === null) return { ok: false, error: `journalctl: option '${word}' requires an argument` };
      i += 1;
    }
    switch (word) {
      case '-u': case '--unit': o.units.push(value!); break;
      case '-t': case '--identifier': o.identifiers.push(value!); break;
      case '-p': case '--priority': {
        const [a, b] = value!.split('..');
        const hi = priorityOf(a!);
        const lo = b === undefined ? 0 : priorityOf(b);
        if (hi === null || lo === null) return { ok: false, error: `Unknown log level ${value}` };
        o.priority = b === undefined ? [0, hi] : [Math.min(hi, lo), Math.max(hi, lo)];
        break;
      }
      case '-S': case '--since': { const t = time(value!); if (typeof t !== 'number') return { ok: false, error: t.error }; o.since = t; break; }
      case '-U': case '--until': { const t = time(value!); if (typeof t !== 'number') return { ok: false, error: t.error }; o.until = t; break; }
      case '-o': case '--output':
        if (!OUTPUTS.has(value!)) return { ok: false, error: `Unknown output format '${value}'.` };
        o.output = value!;
        break;
      case '-g': case '--grep':
        return { ok: false, error: 'Compiled without pattern matching support' };
      case '-n': case '--lines': {
        const next = value ?? (argv[i + 1] !== undefined && /^\d+$/.test(argv[i + 1]!) ? argv[++i]! : null);
        if (next === null || next === '') o.lines = 10;
        else if (next === 'all') o.lines = null;
        else if (/^\d+$/.test(next)) o.lines = Number(next);
        else return { ok: false, error: `Failed to parse lines '${next}'` };
        break;
      }
      case '-e': case '--pager-end': if (o.lines === null) o.lines = 1000; break;
      case '-r': case '--reverse': o.reverse = true; break;
      case '-f': case '--follow': o.follow = true; break;
      case '-k': case '--dmesg': o.kernel = true; break;
      case '-b': case '--boot': {
        const next = argv[i + 1];
        if (next !== undefined && /^(-?\d+|[0-9a-f]{32})$/.test(next)) {
          boot = next;
          i += 1;
        } else boot = '0';
        break;
      }
      case '--disk-usage': o.diskUsage = true; break;
      case '-x': case '--catalog': o.catalog = true; break;
      case '-q': case '--quiet': o.quiet = true; break;
      case '-a': case '--all': case '-l': case '--full': case '--no-pager': case '--no-hostname': case '--system': case '-m': case '--merge': case '--no-full': case '--utc':
        break;
      default:
        if (word.startsWith('--')) return { ok: false, error: `journalctl: unrecognized option '${word}'` };
        if (word.startsWith('-')) return { ok: false, error: `journalctl: invalid option -- '${word.slice(1, 2)}'` };
        // A match such as _SYSTEMD_UNIT=nginx.service or _PID=812.
        if (word.includes('=')) {
          const [field, val] = [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)];
          if (field === '_SYSTEMD_UNIT' || field === 'UNIT') o.units.push(val);
          else if (field === 'SYSLOG_IDENTIFIER') o.identifiers.push(val);
          else if (field === '_PID') o.identifiers.push(`pid:${val}`);
          else ctx.note(`Not simulated in this drill: matching the journal on ${field}; it is ignored.`);
          break;
        }
        return { ok: false, error: `"${word}" is not a valid match (a field=value pair or a path).`, status: 1 };
    }
  }
  if (o.since !== null && o.until !== null && o.since > o.until) return { ok: false, error: '--since= must be before --until=.' };
  return { ok: true, options: o, boot };
}

const SUPPORT = 'http://www.ubuntu.com/support';

/** systemd 237's format_bytes(): `0B` below 1K, else one decimal and the binary prefix (`56.0M`). */
function formatJournalBytes(bytes: number): string {
  const prefixes = ['E', 'P', 'T', 'G', 'M', 'K'];
  for (let i = 0; i < prefixes.length; i += 1) {
    const factor = 1024 ** (prefixes.length - i);
    if (bytes >= factor) {
      const whole = Math.floor(bytes / factor);
      const tenth = Math.floor(((bytes % factor) * 10) / factor);
      return `${whole}.${tenth}${prefixes[i]}`;
    }
  }
  return `${bytes}B`;
}

/** The catalog's explanation for systemd's own unit messages (`journalctl -x`). */
function catalogFor(record: JournalRecord): string[] | null {
  if (record.identifier !== 'systemd' || !record.unit.endsWith('.service')) return null;
  const u = record.unit;
  const m = record.message;
  const make = (subject: string, body: string[]) => [`-- Subject: ${subject}`, '-- Defined-By: systemd', `-- Support: ${SUPPORT}`, '-- ', ...body.map((b) => (b === '' ? '-- ' : `-- ${b}`))];
  if (m.startsWith('Starting ')) return make(`Unit ${u} has begun start-up`, [`Unit ${u} has begun starting up.`]);
  if (m.startsWith('Started ')) return make(`Unit ${u} has finished start-up`, [`Unit ${u} has finished starting up.`, '', 'The start-up result is done.']);
  if (m.startsWith('Failed to start ')) return make(`Unit ${u} has failed`, [`Unit ${u} has failed.`, '', 'The result is failed.']);
  if (m.startsWith('Stopping ')) return make(`Unit ${u} has begun shutting down`, [`Unit ${u} has begun shutting down.`]);
  if (m.startsWith('Stopped ')) return make(`Unit ${u} has finished shutting down`, [`Unit ${u} has finished shutting down.`]);
  if (m.startsWith('Reloading ')) return make(`Unit ${u} has begun reloading its configuration`, [`Unit ${u} has begun reloading its configuration`]);
  if (m.startsWith('Reloaded ')) return make(`Unit ${u} has finished reloading its configuration`, [`Unit ${u} has finished reloading its configuration`, '', 'The result is done.']);
  return null;
}

function format(ctx: ProgramContext, r: JournalRecord, output: string): string {
  const epoch = epochOf(ctx.sys.config.date, 0) + r.at;
  const source = journalSource(r, ctx.sys.hostname);
  const micros = String(Math.round((r.at - Math.floor(r.at)) * 1e6)).padStart(6, '0');
  switch (output) {
    case 'cat':
      return r.message;
    case 'short-iso':
      return `${ctx.sys.formatTime(Math.floor(epoch), '%Y-%m-%dT%H:%M:%S')}+0000 ${source}`;
    case 'short-precise':
      return `${journalTime(epoch)}.${micros} ${source}`;
    case 'short-unix':
      return `${Math.floor(epoch)}.${micros} ${source}`;
    case 'short-full':
      return `${ctx.sys.formatTime(Math.floor(epoch), '%a %Y-%m-%d %H:%M:%S %Z')} ${source}`;
    case 'with-unit':
      return `${journalTime(epoch)} ${r.unit && !r.kernel ? source.replace(`${r.identifier}${r.pid !== undefined ? `[${r.pid}]` : ''}:`, `${r.unit}:`) : source}`;
    default:
      return `${journalTime(epoch)} ${source}`;
  }
}

/** `journalctl`. */
export function journalctl(ctx: ProgramContext): number {
  const parsed = parse(ctx);
  if (!parsed.ok) {
    ctx.err(parsed.error);
    return parsed.status ?? 1;
  }
  const { options: o, boot } = parsed;
  if (boot !== null && boot !== '0' && !/^[0-9a-f]{32}$/.test(boot)) {
    ctx.err(`Data from the specified boot (${boot.startsWith('-') ? boot : `+${boot}`}) is not available: No such boot ID in journal`);
    return 1;
  }
  if (['verbose', 'json', 'json-pretty', 'json-sse', 'export', 'short-monotonic'].includes(o.output)) {
    ctx.note(`Not simulated in this drill: journalctl -o ${o.output}; shown in the short format.`);
  }
  const sys = ctx.sys;
  const state = sys.draft.host(sys.host);
  const privileged = canReadJournal(sys);
  if (o.diskUsage) {
    // sd_journal_get_usage(): the blocks of every journal file it could open (none of the system's for an outsider).
    const files = state?.files ?? {};
    const bytes = privileged ? Object.entries(files).filter(([path, node]) => /^\/(var|run)\/log\/journal\/.+\.journal~?$/.test(path) && node.kind === 'file').reduce((sum, [, node]) => sum + Math.ceil((node.size ?? node.content?.length ?? 0) / 4096) * 4096, 0) : 0;
    ctx.out(`Archived and active journals take up ${formatJournalBytes(bytes)} in the file system.`);
    return 0;
  }
  if (!privileged && !o.quiet) {
    ctx.err('Hint: You are currently not seeing messages from other users and the system.');
    ctx.err("      Users in groups 'adm', 'systemd-journal' can see all messages.");
    ctx.err('      Pass -q to turn off this notice.');
  }
  const all = privileged ? journalOf(sys.config, sys.host, state, sys.clock) : [];
  const toEpoch = (r: JournalRecord) => epochOf(sys.config.date, 0) + r.at;
  const unitPatterns = o.units.map((u) => mangleUnitName(u));
  const bootAt = bootClockOf(state, sys.spec, sys.clock);
  let records = all.filter((r) => {
    if (o.kernel && !r.kernel) return false;
    if (boot !== null && r.at < bootAt) return false;
    if (unitPatterns.length && !unitPatterns.some((p) => (/[*?]/.test(p) ? wildcardMatch(p, r.unit) : r.unit === p))) return false;
    if (o.identifiers.length && !o.identifiers.some((id) => (id.startsWith('pid:') ? String(r.pid) === id.slice(4) : r.identifier === id))) return false;
    if (o.priority && (r.priority < o.priority[0] || r.priority > o.priority[1])) return false;
    if (o.since !== null && toEpoch(r) < o.since) return false;
    if (o.until !== null && toEpoch(r) > o.until) return false;
    return true;
  });
  const limit = o.follow && o.lines === null ? 10 : o.lines;
  if (limit !== null) records = limit === 0 ? [] : records.slice(-limit);
  if (o.reverse) records = [...records].reverse();
  if (!o.quiet && all.length > 0 && limit !== 0) {
    const first = systemdTime(Math.floor(toEpoch(all[0]!)), sys.config.timezone);
    const last = systemdTime(Math.floor(toEpoch(all[all.length - 1]!)), sys.config.timezone);
    ctx.out(o.follow ? `-- Logs begin at ${first}. --` : `-- Logs begin at ${first}, end at ${last}. --`);
  }
  for (const r of records) {
    ctx.out(format(ctx, r, o.output));
    if (o.catalog) for (const line of catalogFor(r) ?? []) ctx.out(line);
  }
  if (records.length === 0 && !o.quiet && !o.follow) ctx.out('-- No entries --');
  if (o.follow) ctx.note('Not simulated in this drill: following the journal as it grows (-f); this is what it holds now.');
  return 0;
}
