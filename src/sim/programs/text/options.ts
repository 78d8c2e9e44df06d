/**
 * Command lines as GNU getopt_long (glibc 2.27) reads them: short options clustered (`-in`),
 * an argument attached or in the next word (`-A3`, `-A 3`), long options with `=` or the next
 * word and any unambiguous prefix (`--ignore`), options after operands (GNU permutes), `--`
 * ending options, `-` an operand. Errors are getopt's own words; each tool adds its usage line.
 */

export interface LongOption {
  /** Without the dashes: `ignore-case`. */
  name: string;
  /** What it sets: its short letter, or its own name. */
  key: string;
  arg?: 'required' | 'optional';
}

export interface OptionSpec {
  /** Short options without an argument: `ivcnEF`. */
  flags?: string;
  /** Short options with an argument: `ABCefm`. */
  withArg?: string;
  /** Short options whose argument can only be attached (`sed -i.bak`): `-i` alone has none. */
  optionalArg?: string;
  long?: readonly LongOption[];
  /** `-5`, `-12` (grep's context, sort's obsolete keys): digits become one `digits` option. */
  digits?: boolean;
}

export interface ParsedOption {
  key: string;
  value: string | null;
}

export interface ParsedArgs {
  /** Every option in the order given: a later one may undo an earlier one. */
  list: ParsedOption[];
  operands: string[];
}

export type ParseResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

function findLong(spec: OptionSpec, name: string): LongOption | { error: string } {
  const longs = spec.long ?? [];
  const exact = longs.find((l) => l.name === name);
  if (exact) return exact;
  const matches = longs.filter((l) => l.name.startsWith(name));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1 && matches.every((m) => m.key === matches[0]!.key && m.arg === matches[0]!.arg)) return matches[0]!;
  if (matches.length > 1) return { error: `option '--${name}' is ambiguous; possibilities:${matches.map((m) => ` '--${m.name}'`).join('')}` };
  return { error: '' };
}

/** Parses argv without the program name; `prog` prefixes the error (`grep: invalid option -- 'z'`). */
export function parseArgs(prog: string, args: readonly string[], spec: OptionSpec): ParseResult {
  const flags = spec.flags ?? '';
  const withArg = spec.withArg ?? '';
  const list: ParsedOption[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const found = findLong(spec, name);
      if ('error' in found) return { ok: false, error: found.error ? `${prog}: ${found.error}` : `${prog}: unrecognized option '${arg}'` };
      if (eq >= 0) {
        if (!found.arg) return { ok: false, error: `${prog}: option '--${found.name}' doesn't allow an argument` };
        list.push({ key: found.key, value: arg.slice(eq + 1) });
      } else if (found.arg === 'required') {
        if (i + 1 >= args.length) return { ok: false, error: `${prog}: option '--${found.name}' requires an argument` };
        list.push({ key: found.key, value: args[++i]! });
      } else list.push({ key: found.key, value: null });
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j += 1) {
      const c = arg[j]!;
      if (spec.digits && c >= '0' && c <= '9') {
        let k = j;
        while (k < arg.length && arg[k]! >= '0' && arg[k]! <= '9') k += 1;
        list.push({ key: 'digits', value: arg.slice(j, k) });
        j = k - 1;
        continue;
      }
      if ((spec.optionalArg ?? '').includes(c)) {
        list.push({ key: c, value: j + 1 < arg.length ? arg.slice(j + 1) : null });
        break;
      }
      if (withArg.includes(c)) {
        if (j + 1 < arg.length) list.push({ key: c, value: arg.slice(j + 1) });
        else if (i + 1 < args.length) list.push({ key: c, value: args[++i]! });
        else return { ok: false, error: `${prog}: option requires an argument -- '${c}'` };
        break;
      }
      if (!flags.includes(c)) return { ok: false, error: `${prog}: invalid option -- '${c}'` };
      list.push({ key: c, value: null });
    }
  }
  return { ok: true, args: { list, operands } };
}

/** The last value given for an option, or undefined. */
export function lastValue(args: ParsedArgs, key: string): string | undefined {
  for (let i = args.list.length - 1; i >= 0; i -= 1) if (args.list[i]!.key === key) return args.list[i]!.value ?? undefined;
  return undefined;
}

export function hasOption(args: ParsedArgs, key: string): boolean {
  return args.list.some((o) => o.key === key);
}
