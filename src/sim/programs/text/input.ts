/**
 * What a text tool reads: a file named on its command line (read as the user, with the
 * kernel's errors), `-` or nothing for its standard input, a gzip file as the bytes it holds.
 */
import type { ProgramContext, FsError } from '../../process';
import { byteLength, childrenOf, lookup, allowed, resolvePath, type FileNode } from '../../fs';

/** The first bytes of gzip data (ID1 ID2 CM=deflate FLG), as the files programs write them. */
export const GZIP_MAGIC = '\u001f\u008b\u0008\u0000';

export interface InputFile {
  /** As named on the command line; `-` for standard input. */
  name: string;
  /** The bytes, as a string (a gzip file: its magic number, then the data). */
  data: string;
  /** Holds a NUL byte: grep calls it a binary file. */
  binary: boolean;
  /** A regular file's size in bytes (what wc sizes its columns by); null for a pipe. */
  regularSize: number | null;
}

export type InputResult = { ok: true; file: InputFile } | { ok: false; error: FsError };

const noted = new WeakSet<ProgramContext>();

/**
 * Standard input: the pipe or redirection, or (at the terminal) nothing, with a note that
 * typing input is not simulated (the program sees end of file, as after Ctrl-D).
 */
export function stdinOf(ctx: ProgramContext): string {
  if (ctx.stdin !== null) return ctx.stdin;
  if (!noted.has(ctx)) {
    noted.add(ctx);
    ctx.note(`Not simulated in this drill: typing input for ${ctx.argv[0]} at the terminal; it read nothing, as after Ctrl-D.`);
  }
  return '';
}

/** A file's bytes as a reading program gets them. */
export function dataOf(node: FileNode, text: string): string {
  return node.gzip ? GZIP_MAGIC + text : text;
}

/** Reads an operand (`-` is standard input). */
export function readInput(ctx: ProgramContext, name: string): InputResult {
  if (name === '-') {
    const data = stdinOf(ctx);
    return { ok: true, file: { name, data, binary: data.includes('\u0000'), regularSize: null } };
  }
  const read = ctx.sys.read(name);
  if (!read.ok) return read;
  const data = dataOf(read.node, read.text);
  return { ok: true, file: { name, data, binary: data.includes('\u0000'), regularSize: read.node.size ?? byteLength(data) } };
}

/** The lines of a text: every `\n`-ended line, and a last one without `\n` if there is one. */
export function splitLines(data: string): { lines: string[]; finalNewline: boolean } {
  if (data === '') return { lines: [], finalNewline: true };
  const finalNewline = data.endsWith('\n');
  const lines = (finalNewline ? data.slice(0, -1) : data).split('\n');
  return { lines, finalNewline };
}

export interface DirEntry {
  path: string;
  node: FileNode;
}

/** A directory's entries as this user may list them, or why not. */
export function listDirectory(ctx: ProgramContext, path: string): { ok: true; entries: DirEntry[] } | { ok: false; error: FsError } {
  const files = ctx.sys.draft.host(ctx.sys.host)?.files ?? {};
  const full = resolvePath(ctx.sys.cwd, path);
  const found = lookup(files, full);
  if (!found) return { ok: false, error: 'ENOENT' };
  if (found.node.kind !== 'dir') return { ok: false, error: 'ENOTDIR' };
  if (!allowed(found.node, ctx.sys.user.name, ctx.sys.user.groups, 'r') || !allowed(found.node, ctx.sys.user.name, ctx.sys.user.groups, 'x')) return { ok: false, error: 'EACCES' };
  const entries: DirEntry[] = [];
  for (const name of childrenOf(files, found.path)) {
    const child = found.path === '/' ? `/${name}` : `${found.path}/${name}`;
    const node = Object.hasOwn(files, child) ? files[child] : undefined;
    if (node) entries.push({ path: child, node });
  }
  return { ok: true, entries };
}

/** The node a path names, following links, or null. */
export function nodeAt(ctx: ProgramContext, path: string): FileNode | null {
  return ctx.sys.node(path);
}
