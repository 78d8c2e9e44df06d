/**
 * Which shell is running a command line, for the words its errors start with: the trainee's
 * interactive login bash (`-bash: cd: …`), a `bash -c` or a script (`bash: line 0: cd: …`,
 * `deploy.sh: line 3: foo: command not found`), or dash as /bin/sh (`sh: 1: foo: not found`).
 */

export interface ShellIdentity {
  dialect: 'bash' | 'dash';
  /** `$0` and the positional parameters after it (`bash -c STRING NAME ARG…`). */
  args: readonly string[];
  /** The line of the script (or of the `-c` string) running now; bash counts a `-c` string from 0, dash from 1. */
  line: number;
  /** dash names a script again after the line number (`t.sh: 3: t.sh: foo: not found`). */
  script?: string;
}

/** What kind of message the shell writes: bash puts a line number on a builtin's always, on its own only past line 0, on a system error's (sys_error: `bad interpreter`) never. */
export type ShellMessageKind = 'builtin' | 'internal' | 'notFound' | 'redirectIn' | 'redirectOut' | 'system';

/** bash's builtins whose errors start with their name (`cd: …`): told apart from the shell's own messages. */
const BUILTIN_ERRORS = /^(cd|export|unset|history|exit|logout|type|command|ulimit|let|read|printf|echo|alias|unalias|test|\[|break|continue|kill|set|shift|source|\.): /;

/**
 * The line a shell writes for `text` (bash's own words, without any prefix: `cd: /x: No such
 * file or directory`, `foo: command not found`); the interactive login shell when no identity.
 */
export function shellMessage(identity: ShellIdentity | undefined, text: string, kind: ShellMessageKind = BUILTIN_ERRORS.test(text) ? 'builtin' : 'internal'): string {
  if (!identity) return kind === 'notFound' ? text : `-bash: ${text}`;
  const name = identity.args[0] ?? (identity.dialect === 'dash' ? 'sh' : 'bash');
  if (identity.dialect === 'bash') {
    const numbered = kind === 'builtin' || (kind !== 'system' && identity.line > 0);
    return `${name}: ${numbered ? `line ${identity.line}: ` : ''}${text}`;
  }
  // dash names the builtin that failed where it names the script otherwise (its commandname).
  return `${name}: ${identity.line}: ${identity.script && kind !== 'builtin' ? `${identity.script}: ` : ''}${dashText(text, kind)}`;
}

/** dash's wording for what bash says differently. */
function dashText(text: string, kind: ShellMessageKind): string {
  if (kind === 'notFound') return text.replace(/: command not found$/, ': not found');
  const cd = /^cd: (.*): (No such file or directory|Not a directory|Permission denied)$/.exec(text);
  if (cd) return `cd: can't cd to ${cd[1]}`;
  const file = /^(.*): ([^:]+)$/.exec(text);
  if (file && kind === 'redirectOut') return `cannot create ${file[1]}: ${file[2] === 'No such file or directory' ? 'Directory nonexistent' : file[2]}`;
  if (file && kind === 'redirectIn') return `cannot open ${file[1]}: ${file[2] === 'No such file or directory' ? 'No such file' : file[2]}`;
  return text;
}

/** bash's report of a syntax error in a `-c` string or a script (two lines: the error, then the line itself). */
export function syntaxErrorLines(identity: ShellIdentity, error: string, source: string, eof = identity.line + 1): string[] {
  const name = identity.args[0] ?? 'bash';
  if (identity.dialect === 'dash') {
    const atEof = error.includes('end of file') || error.startsWith('unexpected EOF');
    const expecting = atEof ? expectedWord(source) : null;
    return [`${name}: ${atEof ? eof : identity.line}: ${identity.script ? `${identity.script}: ` : ''}${dashSyntax(error)}${expecting ? ` (expecting "${expecting}")` : ''}`];
  }
  const where = identity.script === undefined && identity.line === 0 ? `${name}: -c: line 0` : `${identity.script ?? name}: line ${identity.line}`;
  const atEnd = where.replace(/\d+$/, String(eof));
  if (error.startsWith('unexpected EOF')) return [`${where}: ${error}`, `${atEnd}: syntax error: unexpected end of file`];
  if (error.includes('unexpected end of file')) return [`${atEnd}: ${error}`];
  return [`${where}: ${error}`, `${where}: \`${source}'`];
}

/** The word dash was waiting for when the text ran out (`fi` after `if …; then`), from the keywords left open. */
function expectedWord(source: string): string | null {
  const open: string[] = [];
  const next: Readonly<Record<string, [string | null, string | null]>> = { if: [null, 'then'], then: ['then', 'fi'], elif: ['fi', 'then'], else: ['fi', 'fi'], fi: ['fi', null], while: [null, 'do'], until: [null, 'do'], for: [null, 'do'], do: ['do', 'done'], done: ['done', null], case: [null, 'esac'], esac: ['esac', null], '{': [null, '}'], '}': ['}', null] };
  for (const word of source.split(/[\s;&|()]+/)) {
    const rule = next[word];
    if (!rule) continue;
    if (rule[0] !== null && open.at(-1) === rule[0]) open.pop();
    if (rule[1] !== null) open.push(rule[1]);
  }
  return open.at(-1) ?? null;
}

function dashSyntax(error: string): string {
  const token = /unexpected token `(.*)'$/.exec(error);
  if (token) return `Syntax error: "${token[1]}" unexpected`;
  if (/matching `["']'/.test(error)) return 'Syntax error: Unterminated quoted string';
  if (error.includes('end of file') || error.startsWith('unexpected EOF')) return 'Syntax error: end of file unexpected';
  return `Syntax error: ${error}`;
}
