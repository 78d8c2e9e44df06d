/**
 * Permission modes as chmod and `mkdir -m` take them: octal (`755`, `0640`) or symbolic
 * clauses (`u+x`, `go-w`, `a=r,u+w`, `+x`, `g=u`). A clause without "who" leaves alone the
 * bits the umask masks (the caller's; 022 unless given), as GNU chmod does; `X` adds search only to directories and to
 * files already executable by someone.
 */

/** A compiled mode change: the new mode bits from the old ones. */
export type ModeChange = (old: number, isDir: boolean) => number;

const WHO: Readonly<Record<string, number>> = { u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 };
const PERM: Readonly<Record<string, number>> = { r: 0o444, w: 0o222, x: 0o111, s: 0o6000, t: 0o1000 };

/** Compiles a mode; null when it is not one chmod accepts. */
export function parseMode(text: string, umask = 0o022): ModeChange | null {
  if (/^[0-7]{1,4}$/.test(text)) {
    const value = parseInt(text, 8);
    return () => value;
  }
  const clauses = text.split(',');
  const steps: ((mode: number, isDir: boolean) => number)[] = [];
  for (const clause of clauses) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return null;
    const whoText = m[1]!;
    const explicit = whoText !== '';
    const who = explicit ? [...whoText].reduce((bits, c) => bits | WHO[c]!, 0) : 0o7777;
    const actions = m[2]!.match(/[-+=](?:[rwxXst]*|[ugo])/g) ?? [];
    for (const action of actions) {
      const op = action[0]!;
      const perms = action.slice(1);
      steps.push((mode, isDir) => {
        let value = 0;
        if (/^[ugo]$/.test(perms)) {
          const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0;
          const bits = (mode >> shift) & 7;
          value = bits * 0o111;
        } else {
          for (const p of perms) {
            if (p === 'X') {
              if (isDir || (mode & 0o111) !== 0) value |= 0o111;
            } else value |= PERM[p]!;
          }
        }
        value &= who;
        if (!explicit) value &= ~umask;
        if (op === '+') return mode | value;
        if (op === '-') return mode & ~value;
        const cleared = explicit ? who : 0o7777 & ~umask;
        return (mode & ~cleared) | value;
      });
    }
  }
  return (old, isDir) => steps.reduce((mode, step) => step(mode, isDir), old) & 0o7777;
}

/** `-rwxr-xr-x` minus the type letter, for chmod -v: `rwxr-xr-x`. */
export function permissionString(mode: number): string {
  const rwx = (bits: number, special: boolean, letter: string) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? (bits & 1 ? letter : letter.toUpperCase()) : bits & 1 ? 'x' : '-'}`;
  return rwx(mode >> 6, (mode & 0o4000) !== 0, 's') + rwx(mode >> 3, (mode & 0o2000) !== 0, 's') + rwx(mode, (mode & 0o1000) !== 0, 't');
}

/** `drwxr-xr-x`, `-rwsr-xr-x`, `lrwxrwxrwx`, `crw-rw-rw-` (a character device), `srwxrwxrwx` (a socket): the mode as `ls -l` and `stat` write it. */
export function modeText(kind: 'file' | 'dir' | 'link', mode: number, device = false, socket = false): string {
  if (kind === 'link') return 'lrwxrwxrwx';
  return (kind === 'dir' ? 'd' : device ? 'c' : socket ? 's' : '-') + permissionString(mode);
}
