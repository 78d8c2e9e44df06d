/**
 * grep, egrep and fgrep as GNU grep 3.1 (Ubuntu 18.04) behaves: patterns read by
 * src/sim/regex.ts, output prefixes `file:line:` (`-` for context lines), `--` between
 * separate groups, "Binary file x matches" for data with NUL bytes (gzip files), recursion with
 * -r/-R, exit status 0 (a line selected), 1 (none) or 2 (an error, unless -q found a line).
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { byteLength } from '../../fs';
import { compilePatternList, errorsOf, type PosixRegex } from '../../regex';
import { parseArgs, type LongOption } from './options';
import { dataOf, listDirectory, readInput, shownData, splitLines, stdinOf } from './input';
import { globMatch } from './glob';

const LONG: readonly LongOption[] = [
  { name: 'basic-regexp', key: 'G' },
  { name: 'extended-regexp', key: 'E' },
  { name: 'fixed-regexp', key: 'F' },
  { name: 'fixed-strings', key: 'F' },
  { name: 'perl-regexp', key: 'P' },
  { name: 'after-context', key: 'A', arg: 'required' },
  { name: 'before-context', key: 'B', arg: 'required' },
  { name: 'binary-files', key: 'binary-files', arg: 'required' },
  { name: 'byte-offset', key: 'b' },
  { name: 'context', key: 'C', arg: 'required' },
  { name: 'color', key: 'color', arg: 'optional' },
  { name: 'colour', key: 'color', arg: 'optional' },
  { name: 'count', key: 'c' },
  { name: 'devices', key: 'D', arg: 'required' },
  { name: 'directories', key: 'd', arg: 'required' },
  { name: 'exclude', key: 'exclude', arg: 'required' },
  { name: 'exclude-from', key: 'exclude-from', arg: 'required' },
  { name: 'exclude-dir', key: 'exclude-dir', arg: 'required' },
  { name: 'file', key: 'f', arg: 'required' },
  { name: 'files-with-matches', key: 'l' },
  { name: 'files-without-match', key: 'L' },
  { name: 'group-separator', key: 'group-separator', arg: 'required' },
  { name: 'help', key: 'help' },
  { name: 'include', key: 'include', arg: 'required' },
  { name: 'ignore-case', key: 'i' },
  { name: 'initial-tab', key: 'T' },
  { name: 'label', key: 'label', arg: 'required' },
  { name: 'line-buffered', key: 'line-buffered' },
  { name: 'line-number', key: 'n' },
  { name: 'line-regexp', key: 'x' },
  { name: 'max-count', key: 'm', arg: 'required' },
  { name: 'no-filename', key: 'h' },
  { name: 'no-group-separator', key: 'no-group-separator' },
  { name: 'no-messages', key: 's' },
  { name: 'null', key: 'Z' },
  { name: 'null-data', key: 'z' },
  { name: 'only-matching', key: 'o' },
  { name: 'quiet', key: 'q' },
  { name: 'recursive', key: 'r' },
  { name: 'dereference-recursive', key: 'R' },
  { name: 'regexp', key: 'e', arg: 'required' },
  { name: 'invert-match', key: 'v' },
  { name: 'silent', key: 'q' },
  { name: 'text', key: 'a' },
  { name: 'binary', key: 'U' },
  { name: 'unix-byte-offsets', key: 'u' },
  { name: 'version', key: 'V' },
  { name: 'with-filename', key: 'H' },
  { name: 'word-regexp', key: 'w' },
];

const USAGE = 'Usage: grep [OPTION]... PATTERN [FILE]...';
const TRY = "Try 'grep --help' for more information.";

const HELP = `${USAGE}
Search for PATTERN in each FILE.
Example: grep -i 'hello world' menu.h main.c

Pattern selection and interpretation:
  -E, --extended-regexp     PATTERN is an extended regular expression
  -F, --fixed-strings       PATTERN is a set of newline-separated strings
  -G, --basic-regexp        PATTERN is a basic regular expression (default)
  -P, --perl-regexp         PATTERN is a Perl regular expression
  -e, --regexp=PATTERN      use PATTERN for matching
  -f, --file=FILE           obtain PATTERN from FILE
  -i, --ignore-case         ignore case distinctions
  -w, --word-regexp         force PATTERN to match only whole words
  -x, --line-regexp         force PATTERN to match only whole lines
  -z, --null-data           a data line ends in 0 byte, not newline

Miscellaneous:
  -s, --no-messages         suppress error messages
  -v, --invert-match        select non-matching lines
  -V, --version             display version information and exit
      --help                display this help text and exit

Output control:
  -m, --max-count=NUM       stop after NUM selected lines
  -b, --byte-offset         print the byte offset with output lines
  -n, --line-number         print line number with output lines
      --line-buffered       flush output on every line
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
      --label=LABEL         use LABEL as the standard input file name prefix
  -o, --only-matching       show only the part of a line matching PATTERN
  -q, --quiet, --silent     suppress all normal output
      --binary-files=TYPE   assume that binary files are TYPE;
                            TYPE is 'binary', 'text', or 'without-match'
  -a, --text                equivalent to --binary-files=text
  -I                        equivalent to --binary-files=without-match
  -d, --directories=ACTION  how to handle directories;
                            ACTION is 'read', 'recurse', or 'skip'
  -D, --devices=ACTION      how to handle devices, FIFOs and sockets;
                            ACTION is 'read' or 'skip'
  -r, --recursive           like --directories=recurse
  -R, --dereference-recursive  likewise, but follow all symlinks
      --include=FILE_PATTERN  search only files that match FILE_PATTERN
      --exclude=FILE_PATTERN  skip files and directories matching FILE_PATTERN
      --exclude-from=FILE   skip files matching any file pattern from FILE
      --exclude-dir=PATTERN  directories that match PATTERN will be skipped.
  -L, --files-without-match  print only names of FILEs with no selected lines
  -l, --files-with-matches  print only names of FILEs with selected lines
  -c, --count               print only a count of selected lines per FILE
  -T, --initial-tab         make tabs line up (if needed)
  -Z, --null                print 0 byte after FILE name

Context control:
  -B, --before-context=NUM  print NUM lines of leading context
  -A, --after-context=NUM   print NUM lines of trailing context
  -C, --context=NUM         print NUM lines of output context
  -NUM                      same as --context=NUM
      --color[=WHEN],
      --colour[=WHEN]       use markers to highlight the matching strings;
                            WHEN is 'always', 'never', or 'auto'
  -U, --binary              do not strip CR characters at EOL (MSDOS/Windows)

When FILE is '-', read standard input.  With no FILE, read '.' if
recursive, '-' otherwise.  With fewer than two FILEs, assume -h.
Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.

Report bugs to: bug-grep@gnu.org
GNU grep home page: <http://www.gnu.org/software/grep/>
General help using GNU software: <http://www.gnu.org/gethelp/>`;

const VERSION = `grep (GNU grep) 3.1
Copyright (C) 2017 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Mike Haertel and others, see <http://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.`;

/** Most files one recursive grep visits: a drill host has far fewer. */
const MAX_FILES_VISITED = 20_000;

interface Settings {
  invert: boolean;
  count: boolean;
  list: 'none' | 'matching' | 'nonmatching';
  quiet: boolean;
  lineNumbers: boolean;
  byteOffset: boolean;
  onlyMatching: boolean;
  maxCount: number;
  before: number;
  after: number;
  /** Context was asked for (even 0): then groups are separated by `--`. */
  contextGiven: boolean;
  groupSeparator: string | null;
  binaryFiles: 'binary' | 'text' | 'without-match';
  nullAfterName: boolean;
  suppressErrors: boolean;
  recursive: false | 'r' | 'R';
  directories: 'read' | 'skip' | 'recurse';
  label: string;
  include: string[];
  exclude: string[];
  excludeDir: string[];
}

/** What persists across the files of one grep run. */
interface Run {
  ctx: ProgramContext;
  re: PosixRegex | null;
  s: Settings;
  /** Print the file name before each line: 0 no, 1 always, 2 inside a recursed directory. */
  withNames: boolean;
  noNames: boolean;
  /** Any output group printed yet (for `--`): GNU grep keeps this across files. */
  used: boolean;
  errors: boolean;
  matched: boolean;
  /** -q found a line: stop everything. */
  done: boolean;
  visited: number;
}

function contextNumber(ctx: ProgramContext, text: string): number | null {
  if (/^\d+$/.test(text)) return Math.min(Number(text), 1e9);
  ctx.err(`grep: ${text}: invalid context length argument`);
  return null;
}

function fail(ctx: ProgramContext, message: string): number {
  ctx.err(message);
  return 2;
}

/** The lines a regex selects, as grep decides: any pattern matches (or none does, with -v). */
function selects(run: Run, line: string): boolean {
  const hit = run.re ? run.re.test(line) : false;
  return hit !== run.s.invert;
}

function fileError(run: Run, name: string, error: keyof typeof FS_ERROR_TEXT): void {
  run.errors = true;
  if (!run.s.suppressErrors) run.ctx.err(`grep: ${name}: ${FS_ERROR_TEXT[error]}`);
}

/** Searches one file's data; prints what grep prints for it. */
function searchData(run: Run, displayName: string, data: string, showName: boolean): void {
  const { ctx, s } = run;
  const binary = s.binaryFiles !== 'text' && data.includes('\u0000');
  if (binary && s.binaryFiles === 'without-match') {
    if (s.list === 'nonmatching') ctx.write(displayName + (s.nullAfterName ? '\u0000' : '\n'));
    return;
  }
  const { lines } = splitLines(data);
  const quietLines = s.quiet || s.count || s.list !== 'none' || binary;
  const sep = (c: ':' | '-') => (s.nullAfterName ? '\u0000' : c);
  let count = 0;
  let lastPrinted = -1;
  let pendingAfter = 0;
  const offsets: number[] = [];
  if (s.byteOffset) {
    let total = 0;
    for (const line of lines) {
      offsets.push(total);
      total += byteLength(line) + 1;
    }
  }
  const head = (index: number, mark: ':' | '-', byte?: number): string => {
    let out = '';
    if (showName) out += displayName + sep(mark);
    if (s.lineNumbers) out += `${index + 1}${mark}`;
    if (s.byteOffset) out += `${byte ?? offsets[index]}${mark}`;
    return out;
  };
  const printLine = (index: number, mark: ':' | '-') => {
    const line = lines[index]!;
    const selectedLine = mark === ':';
    if (s.onlyMatching) {
      // Only the matching parts of a selected line (nothing for -v or context lines).
      if (selectedLine && !s.invert && run.re) {
        for (const m of run.re.matchAll(line)) {
          if (m.end === m.start) continue;
          ctx.out(head(index, ':', s.byteOffset ? offsets[index]! + byteLength(line.slice(0, m.start)) : undefined) + line.slice(m.start, m.end));
        }
      }
    } else ctx.out(head(index, mark) + line);
    lastPrinted = index;
  };
  for (let i = 0; i < lines.length && !run.done; i += 1) {
    if (!selects(run, lines[i]!)) {
      if (pendingAfter > 0 && !quietLines) {
        printLine(i, '-');
        pendingAfter -= 1;
      }
      continue;
    }
    if (count >= s.maxCount) break;
    count += 1;
    run.matched = true;
    if (s.quiet) {
      run.done = true;
      return;
    }
    if (s.list !== 'none') break;
    if (quietLines) continue;
    // Leading context, not reaching back past what was already printed.
    const from = Math.max(lastPrinted + 1, i - s.before);
    const adjacent = lastPrinted >= 0 && from === lastPrinted + 1;
    if (s.contextGiven && run.used && !adjacent && s.groupSeparator !== null) ctx.out(s.groupSeparator);
    for (let k = from; k < i; k += 1) printLine(k, '-');
    printLine(i, ':');
    run.used = true;
    pendingAfter = s.after;
    if (count >= s.maxCount) {
      // grep stops reading, but prints the trailing context it owes.
      for (let k = i + 1; k < lines.length && pendingAfter > 0; k += 1, pendingAfter -= 1) printLine(k, '-');
      break;
    }
  }
  if (s.count) ctx.out((showName ? displayName + (s.nullAfterName ? '\u0000' : ':') : '') + count);
  if (s.list === 'matching' && count > 0) ctx.write(displayName + (s.nullAfterName ? '\u0000' : '\n'));
  if (s.list === 'nonmatching' && count === 0) ctx.write(displayName + (s.nullAfterName ? '\u0000' : '\n'));
  if (binary && count > 0 && !s.quiet && !s.count && s.list === 'none') ctx.out(`Binary file ${displayName} matches`);
}

function excludedName(run: Run, name: string, isDir: boolean): boolean {
  const base = name.replace(/\/+$/, '').split('/').pop() ?? name;
  if (isDir) return run.s.excludeDir.some((g) => globMatch(g, base));
  if (run.s.include.length > 0 && !run.s.include.some((g) => globMatch(g, base))) return true;
  return run.s.exclude.some((g) => globMatch(g, base));
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Recursion into a directory (-r, -R): entries in name order, links followed only with -R. */
function walk(run: Run, shown: string, path: string, depth: number): void {
  if (run.done || depth > 64) return;
  const listing = listDirectory(run.ctx, path);
  if (!listing.ok) {
    fileError(run, shown, listing.error);
    return;
  }
  for (const entry of listing.entries) {
    if (run.done) return;
    run.visited += 1;
    if (run.visited > MAX_FILES_VISITED) return;
    const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
    const childShown = shown === '' ? name : joinPath(shown, name);
    const childPath = joinPath(path, name);
    let node = entry.node;
    if (node.kind === 'link') {
      if (run.s.recursive !== 'R') continue;
      const target = run.ctx.sys.node(childPath);
      if (!target) continue;
      node = target;
    }
    if (node.kind === 'dir') {
      if (excludedName(run, name, true)) continue;
      walk(run, childShown, childPath, depth + 1);
      continue;
    }
    if (excludedName(run, name, false)) continue;
    const read = run.ctx.sys.read(childPath);
    if (!read.ok) {
      fileError(run, childShown, read.error);
      continue;
    }
    searchData(run, childShown, dataOf(read.node, read.text), !run.noNames);
  }
}

function searchOperand(run: Run, operand: string, omitDotSlash: boolean): void {
  const { ctx, s } = run;
  if (operand === '-') {
    searchData(run, s.label, stdinOf(ctx), run.withNames);
    return;
  }
  const node = ctx.sys.node(operand);
  if (node?.kind === 'dir') {
    if (s.directories === 'skip') return;
    if (s.directories === 'recurse') {
      if (excludedName(run, operand, true) && operand !== '.') return;
      walk(run, omitDotSlash ? '' : operand, operand, 0);
      return;
    }
    fileError(run, operand, 'EISDIR');
    return;
  }
  if (node && excludedName(run, operand, false) && (s.include.length > 0 || s.exclude.length > 0)) return;
  const read = readInput(ctx, operand);
  if (!read.ok) {
    fileError(run, operand, read.error);
    return;
  }
  searchData(run, operand, read.file.opaque ? shownData(ctx, read.file) : read.file.data, run.withNames);
}

/** `grep [OPTION]... PATTERN [FILE]...`; also egrep (-E) and fgrep (-F). */
export function grep(ctx: ProgramContext): number {
  const parsed = parseArgs('grep', ctx.argv.slice(1), {
    flags: 'EFGHIPTUVZabchiLlnoqRrsuvwxyz',
    withArg: 'ABCDXdefm',
    long: LONG,
    digits: true,
  });
  if (!parsed.ok) {
    ctx.err(parsed.error);
    ctx.err(USAGE);
    ctx.err(TRY);
    return 2;
  }
  const { list, operands } = parsed.args;
  // egrep and fgrep are `exec grep -E "$@"` and `exec grep -F "$@"` on Ubuntu: they speak as grep.
  const chosen: { matcher: 'G' | 'E' | 'F' | 'P' | null } = { matcher: ctx.argv[0] === 'egrep' ? 'E' : ctx.argv[0] === 'fgrep' ? 'F' : null };
  const setMatcher = (m: 'G' | 'E' | 'F' | 'P'): boolean => {
    if (chosen.matcher !== null && chosen.matcher !== m) return false;
    chosen.matcher = m;
    return true;
  };
  const s: Settings = {
    invert: false, count: false, list: 'none', quiet: false, lineNumbers: false, byteOffset: false, onlyMatching: false,
    maxCount: Number.POSITIVE_INFINITY, before: -1, after: -1, contextGiven: false, groupSeparator: '--', binaryFiles: 'binary',
    nullAfterName: false, suppressErrors: false, recursive: false, directories: 'read', label: '(standard input)', include: [], exclude: [], excludeDir: [],
  };
  let ignoreCase = false;
  let word = false;
  let wholeLine = false;
  let withNames = false;
  let noNames = false;
  let defaultContext = -1;
  let patterns: string[] | null = null;
  let help = false;
  let version = false;
  for (const { key, value } of list) {
    const v = value ?? '';
    switch (key) {
      case 'A':
      case 'B':
      case 'C':
      case 'digits': {
        const n = contextNumber(ctx, v);
        if (n === null) return 2;
        if (key === 'A') s.after = n;
        else if (key === 'B') s.before = n;
        else defaultContext = n;
        break;
      }
      case 'E':
      case 'F':
      case 'G':
      case 'P':
        if (!setMatcher(key)) return fail(ctx, 'grep: conflicting matchers specified');
        break;
      case 'H':
        withNames = true;
        noNames = false;
        break;
      case 'h':
        withNames = false;
        noNames = true;
        break;
      case 'I':
        s.binaryFiles = 'without-match';
        break;
      case 'a':
        s.binaryFiles = 'text';
        break;
      case 'b':
        s.byteOffset = true;
        break;
      case 'c':
        s.count = true;
        break;
      case 'd':
        if (v === 'read' || v === 'skip' || v === 'recurse') s.directories = v;
        else {
          ctx.err(`grep: invalid argument \u2018${v}\u2019 for \u2018--directories\u2019`);
          ctx.err("Valid arguments are:\n  - \u2018read\u2019\n  - \u2018recurse\u2019\n  - \u2018skip\u2019");
          ctx.err(USAGE);
          ctx.err(TRY);
          return 2;
        }
        if (v === 'recurse' && !s.recursive) s.recursive = 'r';
        break;
      case 'D':
        if (v !== 'read' && v !== 'skip') return fail(ctx, 'grep: unknown devices method');
        break;
      case 'e':
        (patterns ??= []).push(...v.split('\n'));
        break;
      case 'f': {
        const read = readInput(ctx, v);
        if (!read.ok) return fail(ctx, `grep: ${v}: ${FS_ERROR_TEXT[read.error]}`);
        const { lines } = splitLines(read.file.data);
        (patterns ??= []).push(...lines);
        break;
      }
      case 'i':
      case 'y':
        ignoreCase = true;
        break;
      case 'L':
        s.list = 'nonmatching';
        break;
      case 'l':
        s.list = 'matching';
        break;
      case 'm':
        if (!/^[-+]?\d+$/.test(v.trim())) return fail(ctx, 'grep: invalid max count');
        s.maxCount = Number(v) < 0 ? Number.POSITIVE_INFINITY : Number(v);
        break;
      case 'n':
        s.lineNumbers = true;
        break;
      case 'o':
        s.onlyMatching = true;
        break;
      case 'q':
        s.quiet = true;
        break;
      case 'R':
      case 'r':
        s.recursive = key;
        s.directories = 'recurse';
        break;
      case 's':
        s.suppressErrors = true;
        break;
      case 'v':
        s.invert = true;
        break;
      case 'w':
        word = true;
        break;
      case 'x':
        wholeLine = true;
        break;
      case 'Z':
        s.nullAfterName = true;
        break;
      case 'z':
        ctx.note('Not simulated in this drill: grep -z (NUL-separated lines); lines end at newlines.');
        break;
      case 'T':
        ctx.note('Not simulated in this drill: grep -T (tab alignment).');
        break;
      case 'binary-files':
        if (v !== 'binary' && v !== 'text' && v !== 'without-match') return fail(ctx, 'grep: unknown binary-files type');
        s.binaryFiles = v;
        break;
      case 'include':
        s.include.push(v);
        break;
      case 'exclude':
        s.exclude.push(v);
        break;
      case 'exclude-dir':
        s.excludeDir.push(v.replace(/\/+$/, ''));
        break;
      case 'exclude-from': {
        const read = readInput(ctx, v);
        if (!read.ok) return fail(ctx, `grep: ${v}: ${FS_ERROR_TEXT[read.error]}`);
        s.exclude.push(...splitLines(read.file.data).lines.filter((l) => l !== ''));
        break;
      }
      case 'group-separator':
        s.groupSeparator = v;
        break;
      case 'no-group-separator':
        s.groupSeparator = null;
        break;
      case 'label':
        s.label = v;
        break;
      case 'help':
        help = true;
        break;
      case 'V':
        version = true;
        break;
      case 'X':
        if (v !== 'grep' && v !== 'egrep' && v !== 'fgrep' && v !== 'perl') return fail(ctx, `grep: invalid matcher ${v}`);
        if (!setMatcher(v === 'grep' ? 'G' : v === 'egrep' ? 'E' : v === 'fgrep' ? 'F' : 'P')) return fail(ctx, 'grep: conflicting matchers specified');
        break;
      default:
        // --color, --line-buffered, -U, -u: no effect on what the drill shows.
        break;
    }
  }
  if (version) {
    ctx.out(VERSION);
    return 0;
  }
  if (help) {
    ctx.out(HELP);
    return 0;
  }
  const rest = [...operands];
  if (patterns === null) {
    if (rest.length === 0) {
      ctx.err(USAGE);
      ctx.err(TRY);
      return 2;
    }
    patterns = rest.shift()!.split('\n');
  }
  let matcher = chosen.matcher ?? 'G';
  if (matcher === 'P') {
    ctx.note('Not simulated in this drill: grep -P (Perl regular expressions); the pattern was read as an extended regular expression (-E).');
    matcher = 'E';
  }
  // -q overrides -l and -L, which override -c (as GNU grep documents).
  if (s.list !== 'none' || s.quiet) s.count = false;
  if (s.quiet) s.list = 'none';
  s.after = s.after < 0 ? defaultContext : s.after;
  s.before = s.before < 0 ? defaultContext : s.before;
  s.contextGiven = s.after >= 0 || s.before >= 0;
  s.after = Math.max(0, s.after);
  s.before = Math.max(0, s.before);
  if (s.maxCount === 0 && s.list !== 'nonmatching') return 1;

  let re: PosixRegex | null = null;
  if (patterns.length > 0) {
    const options = { extended: matcher === 'E', fixed: matcher === 'F', ignoreCase, word, line: wholeLine };
    const errors = errorsOf(patterns, options);
    const real = errors.filter((e) => !e.unsupported);
    if (real.length > 0) {
      for (const e of real) ctx.err(`grep: ${e.error}`);
      return 2;
    }
    if (errors.length > 0) {
      const what = errors[0]!.unsupported === 'backreference' ? 'back-references (\\1 to \\9) in a grep pattern' : 'a repetition count above 1000 in a grep pattern';
      ctx.note(`Not simulated in this drill: ${what}; the drill runs every pattern on a linear-time engine.`);
      return 2;
    }
    const compiled = compilePatternList(patterns, options);
    if (!compiled.ok) {
      ctx.note('Not simulated in this drill: a pattern this large; the drill runs every pattern on a linear-time engine.');
      return 2;
    }
    re = compiled;
  }
  // No pattern at all (-f on an empty file): nothing matches, so -v selects every line.

  let omitDotSlash = false;
  if (rest.length === 0) {
    if (s.directories === 'recurse') {
      rest.push('.');
      omitDotSlash = true;
    } else rest.push('-');
  }
  const run: Run = { ctx, re, s, withNames: (rest.length > 1 && !noNames) || withNames, noNames, used: false, errors: false, matched: false, done: false, visited: 0 };
  for (const operand of rest) {
    if (run.done) break;
    searchOperand(run, operand, omitDotSlash);
  }
  if (s.quiet && run.matched) return 0;
  if (run.errors) return 2;
  return run.matched ? 0 : 1;
}
