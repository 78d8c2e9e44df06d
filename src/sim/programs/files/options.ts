/**
 * Command-line options as GNU getopt_long reads them: short options clustered (`-la`), an
 * argument attached or next (`-n5`, `-n 5`), long options with `=` or the next word and any
 * unambiguous prefix (`--human`), options and operands in any order, `--` ending options. The
 * errors are getopt's own words, followed by coreutils' "Try … --help" line.
 */
import type { ProgramContext } from '../../process';

export interface LongOption {
  /** Long name without dashes (`all`, `block-size`). */
  name: string;
  /** What it sets: usually the matching short letter, else its own name. */
  key: string;
  /** `required` takes the next word if not given with `=`; `optional` only with `=`. */
  arg?: 'required' | 'optional';
}

export interface OptionSpec {
  /** Short options that take no argument, e.g. `laAhtrRd1S`. */
  flags?: string;
  /** Short options that take an argument, e.g. `wT`. */
  withArg?: string;
  long?: readonly LongOption[];
  /** Stop at the first operand (as POSIX utilities and `find` do); default false (GNU permutes). */
  inOrder?: boolean;
}

export interface ParsedOption {
  key: string;
  value: string | null;
}

export interface Options {
  /** Every option in the order given (a later one may undo an earlier one). */
  list: readonly ParsedOption[];
  operands: string[];
  has(key: string): boolean;
  /** The last value given for an option with an argument. */
  value(key: string): string | undefined;
  /** How many times it was given (`-v -v`). */
  count(key: string): number;
}

export type ParseResult = { ok: true; options: Options } | { ok: false; message: string };

function options(list: ParsedOption[], operands: string[]): Options {
  return {
    list,
    operands,
    has: (key) => list.some((o) => o.key === key),
    value: (key) => {
      for (let i = list.length - 1; i >= 0; i -= 1) if (list[i]!.key === key && list[i]!.value !== null) return list[i]!.value!;
      return undefined;
    },
    count: (key) => list.filter((o) => o.key === key).length,
  };
}

function findLong(spec: OptionSpec, name: string): { found: LongOption } | { error: 'unrecognized' | 'ambiguous'; matches?: LongOption[] } {
  const longs = spec.long ?? [];
  const exact = longs.find((l) => l.name === name);
  if (exact) return { found: exact };
  const matches = longs.filter((l) => l.name.startsWith(name));
  if (matches.length === 1) return { found: matches[0]! };
  // Several names sharing a key (aliases) are one option to getopt.
  if (matches.length > 1 && matches.every((m) => m.key === matches[0]!.key && m.arg === matches[0]!.arg)) return { found: matches[0]! };
  return matches.length > 1 ? { error: 'ambiguous', matches } : { error: 'unrecognized' };
}

/** Parses `args` (argv without the program name). */
export function parseOptions(args: readonly string[], spec: OptionSpec): ParseResult {
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
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const lookup = findLong(spec, name);
      if ('error' in lookup) {
        if (lookup.error === 'ambiguous') {
          return { ok: false, message: `option '--${name}' is ambiguous; possibilities: ${lookup.matches!.map((m) => `'--${m.name}'`).join(' ')}` };
        }
        return { ok: false, message: `unrecognized option '${arg}'` };
      }
      const option = lookup.found;
      if (!option.arg && eq >= 0) return { ok: false, message: `option '--${option.name}' doesn't allow an argument` };
      if (option.arg === 'required' && eq < 0) {
        if (i + 1 >= args.length) return { ok: false, message: `option '--${option.name}' requires an argument` };
        list.push({ key: option.key, value: args[i + 1]! });
        i += 1;
      } else list.push({ key: option.key, value: eq >= 0 ? arg.slice(eq + 1) : null });
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j += 1) {
        const letter = arg[j]!;
        if (withArg.includes(letter)) {
          const rest = arg.slice(j + 1);
          if (rest !== '') list.push({ key: letter, value: rest });
          else if (i + 1 < args.length) {
            list.push({ key: letter, value: args[i + 1]! });
            i += 1;
          } else return { ok: false, message: `option requires an argument -- '${letter}'` };
          break;
        }
        if (!flags.includes(letter)) return { ok: false, message: `invalid option -- '${letter}'` };
        list.push({ key: letter, value: null });
      }
      continue;
    }
    if (spec.inOrder) {
      operands.push(...args.slice(i));
      break;
    }
    operands.push(arg);
  }
  return { ok: true, options: options(list, operands) };
}

/** `prog: MESSAGE` then `Try 'prog --help' for more information.`; returns the exit status. */
export function usageError(ctx: ProgramContext, message: string, status = 1): number {
  const prog = ctx.argv[0] ?? '';
  if (message) ctx.err(`${prog}: ${message}`);
  ctx.err(`Try '${prog} --help' for more information.`);
  return status;
}

const COREUTILS_AUTHORS: ReadonlyMap<string, string> = new Map([
  ['ls', 'Richard M. Stallman and David MacKenzie.'],
  ['cat', 'Torbjorn Granlund and Richard M. Stallman.'],
  ['tac', 'Jay Lepreau and David MacKenzie.'],
  ['cp', 'Torbjorn Granlund, David MacKenzie, and Jim Meyering.'],
  ['mv', 'Mike Parker, David MacKenzie, and Jim Meyering.'],
  ['rm', 'Paul Rubin, David MacKenzie, Richard M. Stallman,\nand Jim Meyering.'],
  ['mkdir', 'David MacKenzie.'],
  ['rmdir', 'David MacKenzie.'],
  ['touch', 'Paul Rubin, Arnold Robbins, Jim Kingdon,\nDavid MacKenzie, and Randy Smith.'],
  ['ln', 'Mike Parker and David MacKenzie.'],
  ['chmod', 'David MacKenzie and Jim Meyering.'],
  ['chown', 'David MacKenzie and Jim Meyering.'],
  ['chgrp', 'David MacKenzie and Jim Meyering.'],
  ['stat', 'Michael Meskes.'],
  ['du', 'Torbjorn Granlund, David MacKenzie, Paul Eggert,\nand Jim Meyering.'],
  ['readlink', 'Dmitry V. Levin.'],
  ['realpath', 'Padraig Brady.'],
  ['basename', 'David MacKenzie.'],
  ['dirname', 'David MacKenzie and Jim Meyering.'],
  ['md5sum', 'Ulrich Drepper, Scott Miller, and David Madore.'],
  ['sha256sum', 'Ulrich Drepper, Scott Miller, and David Madore.'],
  ['sha1sum', 'Ulrich Drepper, Scott Miller, and David Madore.'],
  ['tee', 'Mike Parker, Richard M. Stallman, and David MacKenzie.'],
]);

/** What `PROG --version` prints for a coreutils 8.28 program. */
export function coreutilsVersion(ctx: ProgramContext): number {
  const prog = ctx.argv[0] ?? '';
  ctx.out(`${prog} (GNU coreutils) 8.28`);
  ctx.out('Copyright (C) 2017 Free Software Foundation, Inc.');
  ctx.out('License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.');
  ctx.out('This is free software: you are free to change and redistribute it.');
  ctx.out('There is NO WARRANTY, to the extent permitted by law.');
  const authors = COREUTILS_AUTHORS.get(prog);
  if (authors) {
    ctx.out('');
    ctx.out(`Written by ${authors}`);
  }
  return 0;
}

/**
 * `--help`: the real first line of the usage, and the drill's note that the rest of the manual
 * is not reproduced here.
 */
export function helpText(ctx: ProgramContext, usage: string): number {
  ctx.out(`Usage: ${ctx.argv[0]} ${usage}`);
  ctx.note(`Not simulated in this drill: the full --help text of ${ctx.argv[0]}.`);
  return 0;
}

/** The long options every coreutils program has. */
export const STANDARD_LONG: readonly LongOption[] = [
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];
