/**
 * Command-line options as getopt(3) and getopt_long read them: bundled flags (`-nv`), values
 * attached or separate (`-c4`, `-c 4`), long options (`--silent`, `--output=FILE`), `--` to end
 * options, and (GNU style) options after operands. Each tool words its own errors from the typed
 * result.
 */

export interface OptionSpec {
  /** Single-letter options without a value. */
  flags?: string;
  /** Single-letter options that take a value. */
  values?: string;
  /** Long option → the short letter it means (or its own name), and whether it takes a value. */
  long?: Readonly<Record<string, { as: string; value?: boolean }>>;
  /** Stop at the first operand (POSIX getopt, as BSD tools do). */
  posix?: boolean;
}

export interface ParsedOptions {
  /** Every option in order, with its value. */
  list: { name: string; value: string | null }[];
  operands: string[];
}

export type OptionError =
  | { kind: 'invalid'; option: string }
  | { kind: 'missing'; option: string }
  /** A long option that does not exist or is ambiguous. */
  | { kind: 'unrecognized'; option: string }
  | { kind: 'ambiguous'; option: string };

export type ParseResult = { ok: true; options: ParsedOptions } | { ok: false; error: OptionError };

function findLong(spec: OptionSpec, name: string): { key: string; entry: { as: string; value?: boolean } } | 'ambiguous' | null {
  const table = spec.long ?? {};
  if (Object.hasOwn(table, name)) return { key: name, entry: table[name]! };
  const prefixed = Object.keys(table).filter((k) => k.startsWith(name));
  const distinct = new Set(prefixed.map((k) => table[k]!.as));
  if (prefixed.length === 0) return null;
  if (distinct.size > 1) return 'ambiguous';
  return { key: prefixed[0]!, entry: table[prefixed[0]!]! };
}

/** Parses `args` (argv without the program name). */
export function parseOptions(args: readonly string[], spec: OptionSpec): ParseResult {
  const flags = spec.flags ?? '';
  const values = spec.values ?? '';
  const list: ParsedOptions['list'] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && spec.long) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const found = findLong(spec, name);
      if (found === 'ambiguous') return { ok: false, error: { kind: 'ambiguous', option: arg } };
      if (!found) return { ok: false, error: { kind: 'unrecognized', option: arg } };
      if (found.entry.value) {
        const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined) return { ok: false, error: { kind: 'missing', option: found.key } };
        list.push({ name: found.entry.as, value });
      } else list.push({ name: found.entry.as, value: null });
      continue;
    }
    if (arg.startsWith('--')) return { ok: false, error: { kind: 'unrecognized', option: arg } };
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j += 1) {
        const letter = arg[j]!;
        if (values.includes(letter)) {
          const rest = arg.slice(j + 1);
          const value = rest !== '' ? rest : args[++i];
          if (value === undefined) return { ok: false, error: { kind: 'missing', option: letter } };
          list.push({ name: letter, value });
          break;
        }
        if (!flags.includes(letter)) return { ok: false, error: { kind: 'invalid', option: letter } };
        list.push({ name: letter, value: null });
      }
      continue;
    }
    operands.push(arg);
    if (spec.posix) {
      operands.push(...args.slice(i + 1));
      break;
    }
  }
  return { ok: true, options: { list, operands } };
}

/** Whether an option was given. */
export function has(options: ParsedOptions, name: string): boolean {
  return options.list.some((o) => o.name === name);
}

/** The last value given for an option, or null. */
export function valueOf(options: ParsedOptions, name: string): string | null {
  for (let i = options.list.length - 1; i >= 0; i -= 1) if (options.list[i]!.name === name) return options.list[i]!.value;
  return null;
}

/** Every value given for an option, in order (`-H a -H b`). */
export function valuesOf(options: ParsedOptions, name: string): string[] {
  return options.list.filter((o) => o.name === name && o.value !== null).map((o) => o.value!);
}
