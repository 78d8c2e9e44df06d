/**
 * How coreutils 8.28 (gnulib's quotearg) writes a file name in a message, in a UTF-8 locale:
 *
 * - `quoteAlways` ('x'): shell-escape-always style, used where the message says
 *   "cannot access 'x'", "cannot remove 'x'", "omitting directory 'x'" (quoteaf in the source);
 * - `quoteIfNeeded` (x, or 'my file'): shell-escape style, used by `cat: x: …` (quotef) and by
 *   `ls` for names it prints to a terminal;
 * - `quoteLocale` (‘x’): locale quoting, used by mkdir's "cannot create directory ‘x’", by
 *   `chmod: invalid mode: ‘x’` and by find (quote in the source).
 */

/** Characters that make the shell-escape styles quote a name (`#` and `~` only at its start). */
const SHELL_SPECIAL = /[\s!"$&'()*;<>?[\\^`|]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Characters that C's and the shell's double quotes treat alike (then "it's" is written so). */
const DOUBLE_QUOTE_SAFE = /^[A-Za-z0-9%+,\-./:=@_{}\] '~#]*$/;

function needsQuoting(name: string): boolean {
  return name === '' || SHELL_SPECIAL.test(name) || CONTROL.test(name) || name.startsWith('#') || name.startsWith('~');
}

function controlEscape(ch: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\u001b': '\\E' };
  return Object.hasOwn(named, ch) ? named[ch]! : `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`;
}

function singleQuoted(name: string): string {
  let out = "'";
  for (const ch of name) {
    if (ch === "'") out += "'\\''";
    else if (CONTROL.test(ch)) out += `'$'${controlEscape(ch)}''`;
    else out += ch;
  }
  out += "'";
  // gnulib drops the empty '' pairs that splicing leaves behind.
  return out.replace(/^''(?=.)/, '').replace(/(?<=.)''$/, '');
}

function quoted(name: string): string {
  if (name.includes("'") && DOUBLE_QUOTE_SAFE.test(name)) return `"${name}"`;
  return singleQuoted(name);
}

/** 'x': always quoted (coreutils' quoteaf). */
export function quoteAlways(name: string): string {
  return quoted(name);
}

/** x as it is, or quoted when the shell would need it (coreutils' quotef, `ls` on a terminal). */
export function quoteIfNeeded(name: string): string {
  return needsQuoting(name) ? quoted(name) : name;
}

/** ‘x’: the locale's quotation marks (coreutils' quote() in a UTF-8 locale). */
export function quoteLocale(name: string): string {
  return `\u2018${name}\u2019`;
}

/** A word written so that the shell reads it back as the same one word (for command lines find -exec builds). */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
