/**
 * File names and values in messages as coreutils 8.28 writes them in a UTF-8 locale (gnulib's
 * quotearg): `quoteAlways` 'x' ("cannot open 'x' for reading"), `quoteIfNeeded` x or 'my file'
 * ("wc: x: No such file or directory"), `quoteLocale` ‘x’ ("invalid number of lines: ‘x’").
 */

const SHELL_SPECIAL = /[\s!"$&'()*;<>?[\\^`|\p{Cc}]/u;

function singleQuoted(name: string): string {
  if (name.includes("'") && /^[A-Za-z0-9%+,\-./:=@_{}\] '~#]*$/.test(name)) return `"${name}"`;
  return `'${name.replace(/'/g, "'\\''")}'`;
}

/** 'x': always quoted (coreutils' quoteaf). */
export function quoteAlways(name: string): string {
  return singleQuoted(name);
}

/** x, or quoted when a shell would need it (coreutils' quotef). */
export function quoteIfNeeded(name: string): string {
  return name === '' || SHELL_SPECIAL.test(name) || name.startsWith('#') || name.startsWith('~') ? singleQuoted(name) : name;
}

/** ‘x’: the locale's quotation marks (coreutils' quote()). */
export function quoteLocale(text: string): string {
  return `\u2018${text}\u2019`;
}
