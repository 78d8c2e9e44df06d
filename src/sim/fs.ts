/**
 * A host's filesystem as data: absolute paths to nodes, with owner, mode and mtime. Paths are
 * POSIX: `/` separated, `.` and `..` resolved, `~` expanded by the shell before they get here.
 * A log can grow with the clock: its `timed` lines exist once the clock reaches them.
 */
import { hashOf } from './net/jitter';

export interface TimedText {
  /** Clock seconds from which the line exists. */
  at: number;
  text: string;
}

/** Lines written every `every` seconds from `from` to `until` (clock seconds); `{{n}}` counts them. */
export interface RepeatingText {
  from: number;
  until: number | null;
  every: number;
  text: string;
}

/** The files whose text is the host's state at the moment they are read. */
export type LiveSource = 'proc-loadavg' | 'proc-uptime' | 'proc-meminfo' | 'proc-cpuinfo' | 'proc-version' | 'syslog' | 'auth.log' | 'kern.log' | `${'syslog' | 'auth.log' | 'kern.log'}.${number}`;

export interface FileNode {
  kind: 'file' | 'dir' | 'link';
  owner: string;
  group: string;
  /** Permission bits (0o644). */
  mode: number;
  /** Epoch seconds of the last change. */
  mtime: number;
  /** The text of a file (for a growing log, what was there before its timed lines). */
  content?: string;
  /** Lines that appear at their clock time, sorted by time. */
  timed?: readonly TimedText[];
  repeat?: readonly RepeatingText[];
  /** A size to report when the drill does not hold the content (a database file, a binary). */
  size?: number;
  /** What `file` says of the bytes behind `size` (default `data`); a text type makes the drill's note say text. */
  magic?: string;
  /** gzip-compressed: `content` holds the text it decompresses to. */
  gzip?: boolean;
  /** Where a link points. */
  target?: string;
  /**
   * A file the kernel or a daemon makes from the host's state as it is read (`/proc/uptime`,
   * `/var/log/syslog`): which one, see system/liveFiles.ts. Its `content` is unused.
   */
  live?: LiveSource;
  /** The inode number, once a program gave it one (a rename keeps it); otherwise derived from the path. */
  inode?: number;
  /** A character device (`/dev/null` is 1, 3): `ls -l` shows `c` and the numbers in place of a size. */
  device?: { major: number; minor: number };
  /** A UNIX socket a daemon listens on (`/run/mysqld/mysqld.sock`): `ls -l` shows `s`, and it has no bytes to read. */
  socket?: true;
}

/**
 * Compressed data travelling through a pipe (`gzip -c f | …`, `… | gzip > f.gz`) starts with
 * gzip's magic bytes and carries its text after them (see programs/files/gzipdata.ts).
 */
export const GZIP_MAGIC = '\u001f\u008b\u0008\u0000';

/** The text inside gzip data written to a file, or null when it is not gzip data. */
export function gzipStreamText(data: string): string | null {
  return data.startsWith(GZIP_MAGIC) ? data.split(GZIP_MAGIC).join('') : null;
}

/** Longest file the simulation keeps (bytes of text); writes beyond it are cut, as a full disk would. */
export const MAX_FILE_CHARS = 4_000_000;

/** `/a/b/../c/./d/` → `/a/c/d`. Relative paths are resolved against `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function baseName(path: string): string {
  if (path === '/') return '/';
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Most symbolic links one path may pass through (the kernel's is 40; a drill's world needs fewer). */
const MAX_HOPS = 8;

/**
 * Where a path really is: every link on the way followed, the last one too (a link to nothing
 * gives the path its target names, where a write would create the file). Null when a
 * directory on the way is missing or not a directory, or links loop.
 */
export function canonicalPath(files: Readonly<Record<string, FileNode>>, path: string): string | null {
  // Every stored path is already canonical (its parents are directories, not links): most
  // lookups end here, without walking the components.
  const stored = Object.hasOwn(files, path) ? files[path] : undefined;
  if (stored && (stored.kind !== 'link' || !stored.target) && isNormal(path)) return path;
  const queue = path.split('/').filter((c) => c !== '' && c !== '.');
  let current = '/';
  let hops = 0;
  while (queue.length > 0) {
    const component = queue.shift()!;
    if (component === '..') {
      current = parentOf(current);
      continue;
    }
    const next = current === '/' ? `/${component}` : `${current}/${component}`;
    const node = Object.hasOwn(files, next) ? files[next] : undefined;
    if (node?.kind === 'link' && node.target) {
      hops += 1;
      if (hops > MAX_HOPS) return null;
      if (node.target.startsWith('/')) current = '/';
      queue.unshift(...node.target.split('/').filter((c) => c !== '' && c !== '.'));
      continue;
    }
    if (queue.length > 0 && node?.kind !== 'dir') return null;
    current = next;
  }
  return current;
}

/** `/a/b` with no empty, `.` or `..` component (or `/` itself). */
function isNormal(path: string): boolean {
  return path === '/' || (path.startsWith('/') && !path.endsWith('/') && !path.includes('//') && !path.includes('/./') && !path.includes('/../') && !path.endsWith('/.') && !path.endsWith('/..'));
}

/** The node at a path, following links on the way and at the end (at most 8, as a loop guard). */
export function lookup(files: Readonly<Record<string, FileNode>>, path: string): { path: string; node: FileNode } | null {
  const real = canonicalPath(files, path);
  const node = real !== null && Object.hasOwn(files, real) ? files[real] : undefined;
  return node ? { path: real!, node } : null;
}

/** Direct children of a directory, sorted by name (byte order, as `ls` with LC_ALL=C). */
export function childrenOf(files: Readonly<Record<string, FileNode>>, dir: string): string[] {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const names: string[] = [];
  for (const path of Object.keys(files)) {
    if (path.length > prefix.length && path.startsWith(prefix) && !path.includes('/', prefix.length)) names.push(path.slice(prefix.length));
  }
  return names.sort();
}

/**
 * `{{rand:KEY:LO:HI}}` in a repeating line: a whole number from LO to HI drawn from a hash of KEY
 * and the line's time (never Math.random), so each line gets its own source port, milliseconds or
 * latency, and lines of the same request in different logs (HAProxy's, nginx's, the app's) agree
 * when they use the same KEY. `:+N` or `:-N` after HI shifts the drawn number (the app's
 * milliseconds a few after HAProxy's); a LO written with leading zeros (`000`) pads to HI's width.
 */
function randomField(spec: string, at: number): string | null {
  const m = /^([^:]+):(\d+):(\d+)(?::([+-]\d+))?$/.exec(spec);
  if (!m) return null;
  const lo = Number(m[2]);
  const hi = Number(m[3]);
  const value = lo + (hashOf('log-field', m[1]!, at) % (hi - lo + 1)) + Number(m[4] ?? 0);
  return m[2]!.length > 1 && m[2]!.startsWith('0') ? String(value).padStart(m[3]!.length, '0') : String(value);
}

function fill(template: string, n: number, at: number, format: (at: number, pattern: string) => string): string {
  if (!template.includes('{{')) return template;
  return template.replace(/\{\{\s*(n|time(?::([^}]*))?|rand:([^}]*))\s*\}\}/g, (whole, name: string, pattern?: string, spec?: string) => {
    if (spec !== undefined) return randomField(spec.trim(), at) ?? whole;
    return name === 'n' ? String(n) : format(at, pattern ?? 'clock');
  });
}

/** Most lines one growing log shows: more would be a production log, not a drill's. */
const MAX_GENERATED_LINES = 20_000;

/**
 * The text of a file at a clock time: its content, then its timed and repeating lines that
 * exist by then, in time order. `format` writes the clock for `{{time:…}}` in repeating lines.
 */
export function textAt(node: FileNode, clock: number, format: (at: number, pattern: string) => string): string {
  if (!node.timed?.length && !node.repeat?.length) return node.content ?? '';
  const lines: TimedText[] = [];
  for (const t of node.timed ?? []) if (t.at <= clock) lines.push(t);
  for (const r of node.repeat ?? []) {
    const end = Math.min(clock, r.until ?? clock);
    for (let at = r.from, n = 0; at <= end && lines.length < MAX_GENERATED_LINES; at += r.every, n += 1) lines.push({ at, text: fill(r.text, n, at, format) });
  }
  lines.sort((a, b) => a.at - b.at);
  const body = lines.map((l) => `${l.text}\n`).join('');
  return (node.content ?? '') + body;
}

/** Permission to read, write or enter, for a user with these groups (root may do anything). */
export function allowed(node: FileNode, user: string, groups: readonly string[], want: 'r' | 'w' | 'x'): boolean {
  if (user === 'root') return want !== 'x' || node.kind === 'dir' || (node.mode & 0o111) !== 0;
  const bit = want === 'r' ? 4 : want === 'w' ? 2 : 1;
  if (node.owner === user) return ((node.mode >> 6) & bit) !== 0;
  if (groups.includes(node.group)) return ((node.mode >> 3) & bit) !== 0;
  return (node.mode & bit) !== 0;
}

/** May this user reach `path`: search (x) permission on every directory above it (root always may)? */
export function reachable(files: Readonly<Record<string, FileNode>>, path: string, user: string, groups: readonly string[]): boolean {
  for (let dir = parentOf(path); ; dir = parentOf(dir)) {
    const node = Object.hasOwn(files, dir) ? files[dir] : undefined;
    if (node && node.kind === 'dir' && !allowed(node, user, groups, 'x')) return false;
    if (dir === '/') return true;
  }
}

/** `-rw-r--r--` for a node. */
export function modeString(node: FileNode): string {
  const type = node.kind === 'dir' ? 'd' : node.kind === 'link' ? 'l' : node.device ? 'c' : node.socket ? 's' : '-';
  const rwx = (bits: number) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
  if (node.kind === 'link') return 'lrwxrwxrwx';
  let s = type + rwx(node.mode >> 6) + rwx(node.mode >> 3) + rwx(node.mode);
  if (node.mode & 0o1000) s = s.slice(0, 9) + (node.mode & 1 ? 't' : 'T');
  return s;
}

/** Bytes of a string as UTF-8 (what `ls -l` and `wc -c` count). */
export function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
