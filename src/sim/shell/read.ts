/**
 * bash's `read [-r] [name…]`: one line of standard input split on blanks into the names (the
 * last takes the rest), `REPLY` with no name. Exit 1 at the end of the input, so
 * `while read h; do …; done < hosts` stops there.
 */
import type { ProgramContext } from '../process';
import type { ShellState } from './run';

/** Standard input that several commands read in turn (a loop's): what is left of it. */
export interface LineSource {
  rest: string;
}

const VALUE_OPTIONS = new Set(['-p', '-t', '-n', '-N', '-d', '-u', '-a', '-i']);

export function readBuiltin(ctx: ProgramContext, state: ShellState, source: LineSource): number {
  const args = ctx.argv.slice(1);
  let raw = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (names.length === 0 && /^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('r')) raw = true;
      if (VALUE_OPTIONS.has(`-${a.at(-1)}`)) i += 1;
      continue;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(a)) {
      ctx.err(`-bash: read: \`${a}': not a valid identifier`);
      return 1;
    }
    names.push(a);
  }
  if (source.rest === '') return 1;
  let line = '';
  let ended = false;
  // Without -r a backslash quotes the next character, and a backslash-newline joins lines.
  let i = 0;
  const text = source.rest;
  for (; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '\n') {
      ended = true;
      i += 1;
      break;
    }
    if (ch === '\\' && !raw && i + 1 < text.length) {
      i += 1;
      if (text[i] !== '\n') line += text[i];
      continue;
    }
    line += ch;
  }
  source.rest = text.slice(i);
  const env: Record<string, string> = { ...state.session.env };
  if (names.length === 0) env.REPLY = line;
  else {
    let rest = line.replace(/^[ \t]+/, '');
    names.forEach((name, index) => {
      if (index === names.length - 1) {
        env[name] = rest.replace(/[ \t]+$/, '');
        return;
      }
      const field = /^[^ \t]*/.exec(rest)![0];
      env[name] = field;
      rest = rest.slice(field.length).replace(/^[ \t]+/, '');
    });
  }
  state.session = { ...state.session, env };
  return ended ? 0 : 1;
}
