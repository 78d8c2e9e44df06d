/**
 * sed as GNU sed 4.4 (Ubuntu 18.04): options read in order (an -e is compiled with the -E given
 * before it, as GNU sed does), scripts from -e, -f or the first operand, files or standard input,
 * -i[SUFFIX] writing each file back through the host's filesystem (a backup with SUFFIX), -s,
 * -n, -l. Script errors come as `sed: -e expression #1, char N: …` with GNU's position.
 */
import type { ProgramContext } from '../../../process';
import { FS_ERROR_TEXT } from '../../../process';
import { parseArgs, type LongOption } from '../options';
import { readInput, shownData, splitLines } from '../input';
import { SedCompiler, SedScriptError, type SedCommand } from './script';
import { runSed, type SedFile, type SedSink } from './run';

const LONG: readonly LongOption[] = [
  { name: 'binary', key: 'b' },
  { name: 'regexp-extended', key: 'r' },
  { name: 'expression', key: 'e', arg: 'required' },
  { name: 'file', key: 'f', arg: 'required' },
  { name: 'in-place', key: 'i', arg: 'optional' },
  { name: 'line-length', key: 'l', arg: 'required' },
  { name: 'null-data', key: 'z' },
  { name: 'zero-terminated', key: 'z' },
  { name: 'quiet', key: 'n' },
  { name: 'posix', key: 'posix' },
  { name: 'silent', key: 'n' },
  { name: 'sandbox', key: 'sandbox' },
  { name: 'separate', key: 's' },
  { name: 'unbuffered', key: 'u' },
  { name: 'version', key: 'version' },
  { name: 'help', key: 'help' },
  { name: 'follow-symlinks', key: 'follow-symlinks' },
];

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode.
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <http://www.gnu.org/software/sed/>.
General help using GNU software: <http://www.gnu.org/gethelp/>.`;

const VERSION = `sed (GNU sed) 4.4
Copyright (C) 2017 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
and Paolo Bonzini.
GNU sed home page: <http://www.gnu.org/software/sed/>.
General help using GNU software: <http://www.gnu.org/gethelp/>.
E-mail bug reports to: <bug-sed@gnu.org>.`;

function lines(ctx: ProgramContext, text: string): void {
  for (const line of text.replace(/\n$/, '').split('\n')) ctx.err(line);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function sed(ctx: ProgramContext): number {
  const parsed = parseArgs('sed', ctx.argv.slice(1), { flags: 'bsnrzuE', withArg: 'eflV', optionalArg: 'i', long: LONG });
  if (!parsed.ok) {
    ctx.err(parsed.error);
    lines(ctx, USAGE);
    return 1;
  }
  const options = { extended: false, posix: false };
  const compiler = new SedCompiler(options);
  let quiet = false;
  let separate = false;
  let inPlace: string | null = null;
  let lineWrap = 70;
  let haveScript = false;
  try {
    for (const { key, value } of parsed.args.list) {
      const v = value ?? '';
      if (key === 'n') quiet = true;
      else if (key === 'E' || key === 'r') options.extended = true;
      else if (key === 'posix') options.posix = true;
      else if (key === 's') separate = true;
      else if (key === 'i') {
        separate = true;
        inPlace = value === null ? '*' : v.includes('*') ? v : `*${v}`;
      } else if (key === 'l') lineWrap = Number.parseInt(v, 10) || 0;
      else if (key === 'e') {
        compiler.compileString(v);
        haveScript = true;
      } else if (key === 'f') {
        const read = readInput(ctx, v);
        if (!read.ok) {
          ctx.err(`sed: couldn't open file ${v}: ${FS_ERROR_TEXT[read.error]}`);
          return 4;
        }
        compiler.compileFile(v, read.file.data);
        haveScript = true;
      } else if (key === 'z') ctx.note('Not simulated in this drill: sed -z (NUL-separated lines); lines end at newlines.');
      else if (key === 'version') {
        ctx.out(VERSION);
        return 0;
      } else if (key === 'help') {
        ctx.out(USAGE.replace('General help using GNU software: <http://www.gnu.org/gethelp/>.', 'General help using GNU software: <http://www.gnu.org/gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.'));
        return 0;
      }
    }
    const operands = [...parsed.args.operands];
    if (!haveScript) {
      if (operands.length === 0) {
        lines(ctx, USAGE);
        return 1;
      }
      compiler.compileString(operands.shift()!);
    }
    const program: SedCommand[] = compiler.finish();
    quiet ||= compiler.quiet;
    if (inPlace !== null && operands.length === 0) {
      ctx.err('sed: no input files');
      return 4;
    }
    const names = operands.length > 0 ? operands : ['-'];
    const files: SedFile[] = names.map((name) => {
      const read = readInput(ctx, name);
      if (!read.ok) {
        if (read.error === 'EISDIR') return { name, lines: [], finalNewline: true, error: { message: inPlace !== null ? `sed: couldn't edit ${name}: not a regular file` : `sed: read error on ${name}: ${FS_ERROR_TEXT.EISDIR}`, fatal: true } };
        return { name, lines: [], finalNewline: true, error: { message: `sed: can't read ${name}: ${FS_ERROR_TEXT[read.error]}`, fatal: false } };
      }
      const split = splitLines(inPlace === null ? shownData(ctx, read.file) : read.file.data);
      return { name, lines: split.lines, finalNewline: split.finalNewline };
    });
    const stdout: SedSink = { text: '', missingNewline: false };
    const sinks = new Map<number, SedSink>();
    const result = runSed(program, files, { quiet, separate, lineWrap, posix: options.posix }, {
      stdout,
      sinkFor: (index) => {
        if (inPlace === null) return stdout;
        let sink = sinks.get(index);
        if (!sink) sinks.set(index, (sink = { text: '', missingNewline: false }));
        return sink;
      },
      readFile: (name) => {
        const read = readInput(ctx, name);
        return read.ok ? read.file.data : null;
      },
      error: (message) => {
        ctx.write(stdout.text);
        stdout.text = '';
        ctx.err(message);
      },
    });
    ctx.write(stdout.text);
    if (inPlace !== null) {
      for (const [index, sink] of sinks) {
        const file = files[index]!;
        if (file.error) continue;
        if (inPlace !== '*') {
          const backup = inPlace.includes('/') ? inPlace.replace(/\*/g, baseName(file.name)) : (file.name.includes('/') ? file.name.slice(0, file.name.lastIndexOf('/') + 1) : '') + inPlace.replace(/\*/g, baseName(file.name));
          const original = readInput(ctx, file.name);
          if (original.ok) ctx.sys.write(backup, original.file.data);
        }
        const written = ctx.sys.write(file.name, sink.text);
        if (!written.ok) {
          ctx.err(`sed: couldn't open temporary file ${file.name.includes('/') ? file.name.slice(0, file.name.lastIndexOf('/') + 1) : './'}sedXXXXXX: ${FS_ERROR_TEXT[written.error]}`);
          return 4;
        }
      }
    }
    for (const [name, sink] of result.written) {
      const done = ctx.sys.write(name, sink.text);
      if (!done.ok) {
        ctx.err(`sed: couldn't open file ${name}: ${FS_ERROR_TEXT[done.error]}`);
        return 4;
      }
    }
    if (result.stopped) {
      ctx.note(
        result.stopped === 'steps'
          ? 'Not simulated in this drill: a sed script that does not end; the drill stopped it, as Ctrl-C would.'
          : 'Not simulated in this drill: a sed pattern space, hold space or output over a million characters; the drill stopped it, as Ctrl-C would.',
      );
      return 130;
    }
    return result.status;
  } catch (error) {
    if (!(error instanceof SedScriptError)) throw error;
    if (error.unsupported) {
      ctx.note(`Not simulated in this drill: ${error.message}; the drill runs every pattern on a linear-time engine.`);
      return 1;
    }
    ctx.err(`${error.where}${error.message}`);
    return error.exitStatus;
  }
}
