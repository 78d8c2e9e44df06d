/**
 * awk as Ubuntu 18.04 ships it: mawk 1.3.3 (also run as `mawk`). Its own option reading
 * (-F, -v, -f, -W version, `--`), the program from the command line or -f files, then
 * operands: files, `-`, and `var=value` assignments run when reached. Messages in mawk's words,
 * named as it was called (`awk: line 1: syntax error at or near }`); exit status 2 on errors.
 */
import type { ProgramContext } from '../../../process';
import { FS_ERROR_TEXT } from '../../../process';
import { readInput, shownData, stdinOf } from '../input';
import { AwkLexError, unescapeString } from './lexer';
import { AwkSyntaxError, parseAwk } from './parser';
import type { AwkProgram } from './ast';
import { AwkBudgetError, AwkFatalError, AwkInterpreter, AwkRuntimeError } from './interp';
import { translatePosix } from '../../../regex';

/** Every call of a function the program never defines, and every /regex/ mawk cannot compile. */
function checkProgram(program: AwkProgram): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.t === 'call' && typeof o.name === 'string' && !program.functions.has(o.name)) throw new AwkSyntaxError(`function ${o.name} never defined`, typeof o.line === 'number' ? o.line : 1);
    if (o.t === 'regex' && typeof o.src === 'string') {
      const t = translatePosix(o.src, 'awk');
      if (!t.ok) throw new AwkSyntaxError(`regular expression compile failed (${t.error})\n${o.src}`, 1);
    }
    for (const key of Object.keys(o)) if (key !== 't') visit(o[key]);
  };
  visit(program.rules);
  visit([...program.functions.values()].map((f) => f.body));
}

export function awk(ctx: ProgramContext): number {
  const prog = ctx.argv[0] ?? 'awk';
  const args = ctx.argv.slice(1);
  const assignments: [string, string][] = [];
  const programFiles: string[] = [];
  let fs: string | null = null;
  let i = 0;
  const fail = (message: string) => {
    ctx.err(`${prog}: ${message}`);
    return 2;
  };
  for (; i < args.length && args[i]!.startsWith('-'); ) {
    const arg = args[i]!;
    if (arg === '-') break;
    if (arg === '--') {
      i += 1;
      break;
    }
    let optarg: string;
    let next: number;
    if (arg.length === 2) {
      if (i === args.length - 1) {
        if ('WFvf'.includes(arg[1]!)) return fail(`option ${arg} lacks argument`);
        return fail(`not an option: ${arg}`);
      }
      optarg = args[i + 1]!;
      next = i + 2;
    } else {
      optarg = arg.slice(2);
      next = i + 1;
    }
    switch (arg[1]) {
      case 'W': {
        const w = optarg.toUpperCase();
        if (w.startsWith('V')) {
          ctx.out('mawk 1.3.3 Nov 1996, Copyright (C) Michael D. Brennan\n');
          ctx.err('compiled limits:');
          ctx.err('max NF             32767');
          ctx.err('sprintf buffer      2040');
          return 0;
        }
        if (!/^[DSPIE]/.test(w)) ctx.err(`${prog}: vacuous option: -W ${optarg}`);
        else if (w.startsWith('E')) {
          ctx.note(`Not simulated in this drill: ${prog} -W exec.`);
          return 0;
        }
        break;
      }
      case 'v': {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(optarg);
        if (!m) return fail(`improper assignment: -v ${optarg}`);
        assignments.push([m[1]!, m[2]!]);
        break;
      }
      case 'F':
        fs = unescapeString(optarg);
        break;
      case 'f':
        programFiles.push(optarg);
        break;
      case '-':
        return fail(`not an option: ${arg}`);
      default:
        return fail(`not an option: ${arg}`);
    }
    i = next;
  }
  let source: string;
  if (programFiles.length > 0) {
    const texts: string[] = [];
    for (const name of programFiles) {
      const read = name === '-' || name === '/dev/stdin' ? { ok: true as const, file: { data: stdinOf(ctx) } } : readInput(ctx, name);
      if (!read.ok) return fail(`cannot open ${name} (${FS_ERROR_TEXT[read.error]})`);
      texts.push(read.file.data);
    }
    source = texts.join('\n');
  } else {
    if (i >= args.length) return 0;
    source = args[i]!;
    i += 1;
  }
  let program: AwkProgram;
  try {
    program = parseAwk(source);
    checkProgram(program);
  } catch (error) {
    if (error instanceof AwkLexError) {
      if (error.message.startsWith('unexpected character')) ctx.err(`${prog}: ${error.line}: ${error.message}`);
      else ctx.err(`${prog}: line ${error.line}: ${error.message}`);
      return 2;
    }
    if (error instanceof AwkSyntaxError) {
      for (const line of `${prog}: line ${error.line}: ${error.message}`.split('\n')) ctx.err(line);
      return 2;
    }
    throw error;
  }
  const operands = args.slice(i);
  if (fs !== null) assignments.unshift(['FS', fs.replace(/\\/g, '\\\\')]);
  const interpreter = new AwkInterpreter(
    program,
    {
      prog,
      out: (text) => ctx.write(text),
      err: (line) => ctx.err(line),
      stdin: () => stdinOf(ctx),
      readFile: (name) => {
        const read = readInput(ctx, name);
        return read.ok ? { ok: true, text: shownData(ctx, read.file) } : { ok: false, error: FS_ERROR_TEXT[read.error] };
      },
      openOutput: (name, append) => {
        const done = ctx.sys.write(name, '', append);
        return done.ok ? { ok: true } : { ok: false, error: FS_ERROR_TEXT[done.error] };
      },
      appendOutput: (name, text) => {
        ctx.sys.write(name, text, true);
      },
      run: (command, stdin) => ctx.sys.run(command, { stdin }),
      environment: ctx.sys.env,
      seed: ctx.sys.draft.next(),
    },
    [prog, ...operands],
    assignments,
  );
  try {
    const status = interpreter.run();
    interpreter.closeAll();
    return status;
  } catch (error) {
    if (error instanceof AwkRuntimeError) {
      ctx.err(`${prog}: run time error: ${error.message.split('\n')[0]}`);
      for (const line of error.message.split('\n').slice(1)) ctx.err(line);
      ctx.err(interpreter.where());
      return 2;
    }
    if (error instanceof AwkFatalError) {
      ctx.err(`${prog}: ${error.message}`);
      return 2;
    }
    if (error instanceof AwkBudgetError) {
      ctx.note(
        error.what === 'steps'
          ? `Not simulated in this drill: an ${prog} program that does not end; the drill stopped it, as Ctrl-C would.`
          : error.what === 'chars'
            ? `Not simulated in this drill: ${prog} output or a string over a million characters; the drill stopped it, as Ctrl-C would.`
            : `Not simulated in this drill: ${prog} function calls nested this deep; the drill stopped it.`,
      );
      return 130;
    }
    throw error;
  }
}
