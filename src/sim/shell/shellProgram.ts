/**
 * bash and dash as programs (/bin/bash, /bin/sh → dash): `-c STRING [NAME [ARG…]]` runs the
 * string in a child shell of the drill's own (a `cd` or variable there does not reach the
 * caller; its exit status does), `bash FILE` runs a script line by line, `-n` only checks its
 * syntax, `bash --version`. A nested interactive shell is not simulated.
 */
import type { ProgramContext, RunResult } from '../process';
import { FS_ERROR_TEXT } from '../process';
import { parseShell } from './parse';
import { syntaxErrorLines, type ShellIdentity } from './identity';

type Dialect = ShellIdentity['dialect'];

const BASH_VERSION = [
  'GNU bash, version 4.4.20(1)-release (x86_64-pc-linux-gnu)',
  'Copyright (C) 2016 Free Software Foundation, Inc.',
  'License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>',
  '',
  'This is free software; you are free to change and redistribute it.',
  'There is NO WARRANTY, to the extent permitted by law.',
];

/** bash's long options that change nothing the drill models (`--norc`, `--login`…). */
const BASH_LONG = new Set(['--norc', '--noprofile', '--login', '--posix', '--verbose', '--restricted', '--noediting', '--protected']);
/** Option letters that change nothing the drill models (`-l` login, `-i` interactive, `-r` restricted…). */
const QUIET_LETTERS = /^[abfhiklmprtBCEHPT]$/;
/** Option letters the drill does not model whose effect shows: tracing, stopping at the first failure. */
const NOTED_LETTERS: Readonly<Record<string, string>> = { x: 'tracing with -x', v: 'echoing input with -v', e: 'stopping at the first failure (-e)', u: 'treating unset variables as errors (-u)' };

/** A script's commands: a line that does not finish a command (`if …; then`, a trailing `|` or `\`) is joined with the next. */
export interface ScriptParse {
  chunks: { source: string; line: number }[];
  error?: { error: string; line: number; source: string; eof: number };
}

export function scriptChunks(text: string): ScriptParse {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const chunks: ScriptParse['chunks'] = [];
  let acc = '';
  let start = 0;
  for (const [index, raw] of lines.entries()) {
    const number = index + 1;
    const line = raw.replace(/\r$/, '');
    if (acc === '' && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    if (acc === '') {
      acc = line;
      start = number;
    } else if (acc.endsWith('\\')) acc = acc.slice(0, -1) + line;
    else if (line.trim() === '' || line.trim().startsWith('#')) continue;
    else acc += /(^|\s)(do|then|else|\{|\(|\||&&|\|\||;)$/.test(acc.trimEnd()) ? ` ${line}` : `; ${line}`;
    if (acc.endsWith('\\')) continue;
    const parsed = parseShell(acc);
    if (!parsed.ok && parsed.incomplete) continue;
    if (!parsed.ok) return { chunks, error: { error: parsed.error, line: start, source: acc, eof: lines.length + 1 } };
    chunks.push({ source: acc, line: start });
    acc = '';
  }
  if (acc !== '') {
    const parsed = parseShell(acc.replace(/\\$/, ''));
    const error = parsed.ok ? 'syntax error: unexpected end of file' : parsed.error;
    return { chunks, error: { error, line: start, source: acc, eof: lines.length + 1 } };
  }
  return { chunks };
}

function writeResult(ctx: ProgramContext, result: RunResult): void {
  // Both streams reach the terminal as the commands wrote them (an error between two lines of output).
  const chunks = result.interleaved ?? [{ err: false, text: result.stdout }, { err: true, text: result.stderr }];
  let pendingErr = '';
  for (const chunk of chunks) {
    if (!chunk.err) {
      ctx.write(chunk.text);
      continue;
    }
    pendingErr += chunk.text;
    const lines = pendingErr.split('\n');
    pendingErr = lines.pop()!;
    for (const line of lines) ctx.err(line);
  }
  if (pendingErr) ctx.err(pendingErr);
}

function shellMain(dialect: Dialect) {
  return (ctx: ProgramContext): number => {
    const self = ctx.argv[0] ?? (dialect === 'bash' ? 'bash' : 'sh');
    const args = ctx.argv.slice(1);
    let wantCommand = false;
    let check = false;
    let fromStdin = false;
    let i = 0;
    for (; i < args.length; i += 1) {
      const a = args[i]!;
      if (a === '--' || a === '-') {
        i += 1;
        break;
      }
      if (dialect === 'bash' && a.startsWith('--')) {
        if (a === '--version') {
          for (const line of BASH_VERSION) ctx.out(line);
          return 0;
        }
        if (a === '--rcfile' || a === '--init-file') i += 1;
        else if (a === '--help') {
          ctx.note("Not simulated in this drill: bash's --help text.");
          return 0;
        } else if (!BASH_LONG.has(a)) {
          ctx.err(`${self}: ${a}: invalid option`);
          ctx.err(`Usage:\t${self} [GNU long option] [option] ...`);
          ctx.err(`\t${self} [GNU long option] [option] script-file ...`);
          ctx.note("Not simulated in this drill: the rest of bash's usage text.");
          return 2;
        }
        continue;
      }
      if (!/^[-+]./.test(a)) break;
      for (const letter of a.slice(1)) {
        if (letter === 'c') wantCommand = true;
        else if (letter === 'n') check = true;
        else if (letter === 's') fromStdin = true;
        else if (letter === 'o' || letter === 'O') i += 1;
        else if (NOTED_LETTERS[letter]) ctx.note(`Not simulated in this drill: ${NOTED_LETTERS[letter]}; the commands run without it.`);
        else if (!QUIET_LETTERS.test(letter)) {
          if (dialect === 'dash') ctx.err(`${self}: 0: Illegal option -${letter}`);
          else ctx.err(`${self}: -${letter}: invalid option`);
          return 2;
        }
      }
    }
    const operands = args.slice(i);
    const childEnv = dialect === 'bash' ? { ...ctx.sys.env, SHLVL: String((Number(ctx.sys.env.SHLVL ?? '0') || 0) + 1) } : ctx.sys.env;
    const run = (identity: ShellIdentity, script: ScriptParse, stdin: string | null): number => {
      if (!check && script.chunks.length > 0) {
        const result = ctx.sys.run('', { shell: identity, chunks: script.chunks, cwd: ctx.sys.cwd, env: childEnv, stdin, tty: ctx.stdoutIsTerminal });
        writeResult(ctx, result);
        if (!script.error) return result.status;
      }
      if (!script.error) return 0;
      const at: ShellIdentity = { ...identity, line: script.error.line };
      for (const line of syntaxErrorLines(at, script.error.error, script.error.source, script.error.eof)) ctx.err(line);
      return 2;
    };
    if (wantCommand) {
      const source = operands[0];
      if (source === undefined) {
        ctx.err(dialect === 'bash' ? `${self}: -c: option requires an argument` : `${self}: 0: -c requires an argument`);
        return 2;
      }
      const identity: ShellIdentity = { dialect, args: operands.length > 1 ? operands.slice(1) : [self], line: dialect === 'bash' ? 0 : 1 };
      const parsed = parseShell(source);
      if (!parsed.ok) return run(identity, { chunks: [], error: { error: parsed.error, line: identity.line, source, eof: 1 } }, null);
      return run(identity, { chunks: source.trim() === '' ? [] : [{ source, line: identity.line }] }, ctx.stdin);
    }
    if (operands.length > 0 && !fromStdin) {
      const file = operands[0]!;
      const read = ctx.sys.read(file);
      if (!read.ok) {
        if (dialect === 'dash') ctx.err(`${self}: 0: Can't open ${file}`);
        else ctx.err(`${self}: ${file}: ${FS_ERROR_TEXT[read.error]}`);
        return dialect === 'dash' || read.error === 'ENOENT' ? 127 : 126;
      }
      const identity: ShellIdentity = { dialect, args: operands, line: 1, ...(dialect === 'dash' ? { script: file } : {}) };
      return run(identity, scriptChunks(read.text), ctx.stdin);
    }
    const piped = ctx.stdin;
    // Commands on standard input (`echo 'uptime' | bash`): the script is what they read, so none is left for them.
    if (piped !== null) return run({ dialect, args: [self, ...operands], line: 1 }, scriptChunks(piped), null);
    ctx.note(`Not simulated in this drill: a nested interactive shell. Run \`${self} -c '…'\` or \`${self} FILE\`, or type the commands here.`);
    return 0;
  };
}

export const shellPrograms = {
  bash: { main: shellMain('bash'), base: true },
  sh: { main: shellMain('dash'), base: true },
  dash: { main: shellMain('dash'), base: true },
  rbash: { main: shellMain('bash'), base: true },
};
