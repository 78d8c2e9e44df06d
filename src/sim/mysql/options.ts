/**
 * Command-line options as MySQL's client programs read them (my_getopt): `--user=ana`,
 * `--user ana`, `-u ana`, `-uana`, `-pSECRET` (a password only when attached), unique prefixes of
 * long names, `--skip-`/`--disable-`/`--enable-` for switches, `--`; and the option file
 * ~/.my.cnf ([client] and the program's own section), which supplies what the command line omits.
 */
import type { ProgramContext } from '../process';

export interface OptionDef {
  long: string;
  short?: string;
  /** `none`: a switch; `required`: takes a value; `optional`: only attached (`--password=x`, `-px`). */
  arg: 'none' | 'required' | 'optional';
  /** Switches that count (-v -v -v). */
  repeat?: boolean;
}

export interface ParsedOptions {
  /** Long name → values in order (`''` for a switch given, `'0'` for one turned off, undefined value: optional not given). */
  values: Map<string, (string | undefined)[]>;
  positional: string[];
}

export type OptionsResult = { ok: true; options: ParsedOptions } | { ok: false; message: string };

/** Options every client program shares. */
export const CONNECTION_OPTIONS: readonly OptionDef[] = [
  { long: 'user', short: 'u', arg: 'required' },
  { long: 'password', short: 'p', arg: 'optional' },
  { long: 'host', short: 'h', arg: 'required' },
  { long: 'port', short: 'P', arg: 'required' },
  { long: 'socket', short: 'S', arg: 'required' },
  { long: 'protocol', arg: 'required' },
  { long: 'defaults-file', arg: 'required' },
  { long: 'defaults-extra-file', arg: 'required' },
  { long: 'no-defaults', arg: 'none' },
  { long: 'login-path', arg: 'required' },
  { long: 'default-character-set', arg: 'required' },
  { long: 'ssl-mode', arg: 'required' },
  { long: 'connect-timeout', arg: 'required' },
  { long: 'compress', short: 'C', arg: 'none' },
  { long: 'help', short: '?', arg: 'none' },
  { long: 'version', short: 'V', arg: 'none' },
  { long: 'verbose', short: 'v', arg: 'none', repeat: true },
];

/** Parses argv (without argv[0]) against the program's options. */
export function parseOptions(program: string, args: readonly string[], defs: readonly OptionDef[]): OptionsResult {
  const values = new Map<string, (string | undefined)[]>();
  const positional: string[] = [];
  const add = (def: OptionDef, value: string | undefined) => {
    const list = values.get(def.long) ?? [];
    list.push(value);
    values.set(def.long, list);
  };
  const findLong = (name: string): OptionDef | 'ambiguous' | null => {
    const exact = defs.find((d) => d.long === name);
    if (exact) return exact;
    const prefixed = defs.filter((d) => d.long.startsWith(name));
    if (prefixed.length === 1) return prefixed[0]!;
    return prefixed.length > 1 ? 'ambiguous' : null;
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      let name = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)).replace(/_/g, '-');
      const attached = eq >= 0 ? arg.slice(eq + 1) : undefined;
      let negate = false;
      for (const prefix of ['skip-', 'disable-']) {
        if (name.startsWith(prefix) && !defs.some((d) => d.long === name)) {
          name = name.slice(prefix.length);
          negate = true;
        }
      }
      if (name.startsWith('enable-') && !defs.some((d) => d.long === name)) name = name.slice(7);
      if (name.startsWith('loose-')) {
        const loose = findLong(name.slice(6));
        if (!loose || loose === 'ambiguous') continue;
        name = loose.long;
      }
      const def = findLong(name);
      if (def === 'ambiguous') return { ok: false, message: `${program}: [ERROR] ambiguous option '--${name}'` };
      if (!def) return { ok: false, message: `${program}: [ERROR] unknown option '--${name}'.` };
      if (negate) {
        if (def.arg !== 'none') return { ok: false, message: `${program}: [ERROR] unknown option '--skip-${name}'.` };
        add(def, '0');
        continue;
      }
      if (def.arg === 'none') add(def, attached === undefined ? '' : /^(0|false|off)$/i.test(attached) ? '0' : '');
      else if (def.arg === 'optional') add(def, attached);
      else if (attached !== undefined) add(def, attached);
      else {
        if (i + 1 >= args.length) return { ok: false, message: `${program}: [ERROR] ${program}: option '--${def.long}' requires an argument.` };
        add(def, args[++i]);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let k = 1; k < arg.length; k += 1) {
        const ch = arg[k]!;
        const def = defs.find((d) => d.short === ch);
        if (!def) return { ok: false, message: `${program}: [ERROR] unknown option '-${ch}'.` };
        const rest = arg.slice(k + 1);
        if (def.arg === 'none') {
          add(def, '');
          continue;
        }
        if (def.arg === 'optional') add(def, rest === '' ? undefined : rest);
        else if (rest !== '') add(def, rest);
        else {
          if (i + 1 >= args.length) return { ok: false, message: `${program}: [ERROR] ${program}: option '-${ch}' requires an argument.` };
          add(def, args[++i]);
        }
        break;
      }
      continue;
    }
    positional.push(arg);
  }
  return { ok: true, options: { values, positional } };
}

/** The last value of an option, or undefined when not given. */
export function optionValue(options: ParsedOptions, name: string): string | undefined {
  const list = options.values.get(name);
  return list ? list[list.length - 1] : undefined;
}

export function optionGiven(options: ParsedOptions, name: string): boolean {
  return options.values.has(name);
}

/** Whether a switch is on (given and not turned off). */
export function switchOn(options: ParsedOptions, name: string): boolean {
  const list = options.values.get(name);
  return list !== undefined && list[list.length - 1] !== '0';
}

export function switchCount(options: ParsedOptions, name: string): number {
  return options.values.get(name)?.filter((v) => v !== '0').length ?? 0;
}

/** Settings from ~/.my.cnf for a program ([client], then its own section): user, password, host, port, database. */
export function optionFile(ctx: ProgramContext, program: string, options: ParsedOptions): { settings: Map<string, string>; warnings: string[] } {
  const settings = new Map<string, string>();
  const warnings: string[] = [];
  if (switchOn(options, 'no-defaults')) return { settings, warnings };
  const explicit = optionValue(options, 'defaults-file');
  const paths = explicit ? [explicit] : ['/etc/mysql/my.cnf', `${ctx.sys.user.home}/.my.cnf`];
  for (const path of paths) {
    const node = ctx.sys.node(path);
    if (!node) continue;
    if ((node.mode & 0o002) !== 0) {
      warnings.push(`${program}: [Warning] World-writable config file '${path}' is ignored.`);
      continue;
    }
    const read = ctx.sys.read(path);
    if (!read.ok) continue;
    let section = '';
    for (const raw of read.text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';') || line.startsWith('!')) continue;
      const header = /^\[([^\]]+)\]$/.exec(line);
      if (header) {
        section = header[1]!.trim().toLowerCase();
        continue;
      }
      if (section !== 'client' && section !== program) continue;
      const m = /^([A-Za-z0-9_-]+)\s*(?:=\s*(.*))?$/.exec(line);
      if (!m) continue;
      const key = m[1]!.replace(/_/g, '-').toLowerCase();
      let value = (m[2] ?? '').trim();
      if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
      settings.set(key, value);
    }
  }
  return { settings, warnings };
}
