/**
 * What a text tool reads: a file named on its command line (read as the user, with the
 * kernel's errors), `-` or nothing for its standard input, a gzip file as the gzip stream the
 * file programs make of it (its magic bytes, then its text), a file the drill holds no bytes
 * for (a database file) as nothing, with a note.
 */
import type { ProgramContext, FsError } from '../../process';
import { childrenOf, lookup, allowed, resolvePath, GZIP_MAGIC, type FileNode } from '../../fs';
import { gzipStream } from '../files/gzipdata';
import { sizeOf } from '../files/attrs';
import { opaqueNote } from '../files/read';
import { isDeviceWithoutBytes } from '../../system/baseImage';

export interface InputFile {
  /** As named on the command line; `-` for standard input. */
  name: string;
  /** The bytes, as a string (a gzip file: its stream, magic bytes first). */
  data: string;
  /** Holds a NUL byte: grep calls it a binary file. */
  binary: boolean;
  /** A regular file's size in bytes, as `ls -l` shows it (what wc sizes its columns by); null for a pipe. */
  regularSize: number | null;
  /** gzip data (a .gz file, or a gzip stream on standard input). */
  gzip: boolean;
  /** A file the drill holds no bytes for (a database file, a binary): its data is ''. */
  opaque: boolean;
  /** The node it was read from (none for standard input). */
  node?: FileNode;
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
  return node.gzip ? gzipStream(text) : text;
}

/** Holds the file no text, only a size (a database file, a binary)? */
function isOpaque(node: FileNode): boolean {
  return isDeviceWithoutBytes(node) || node.content === undefined && !node.timed?.length && !node.repeat?.length && (node.size ?? 0) > 0;
}

/** Reads an operand (`-` is standard input). */
export function readInput(ctx: ProgramContext, name: string): InputResult {
  if (name === '-') {
    const data = stdinOf(ctx);
    return { ok: true, file: { name, data, binary: data.includes('\u0000'), regularSize: null, gzip: data.startsWith(GZIP_MAGIC), opaque: false } };
  }
  const read = ctx.sys.read(name);
  if (!read.ok) return read;
  const opaque = isOpaque(read.node);
  const data = opaque ? '' : dataOf(read.node, read.text);
  return { ok: true, file: { name, data, binary: data.includes('\u0000'), regularSize: sizeOf(ctx.sys, read.node, read.path), gzip: read.node.gzip === true, opaque, node: read.node } };
}

/**
 * The bytes of an input as a program that prints them shows them: a file the drill holds no
 * bytes for, or gzip data on the terminal (where real compressed bytes are unreadable noise),
 * come out as nothing, with the same note the file programs give.
 */
export function shownData(ctx: ProgramContext, file: InputFile): string {
  const shown = file.name === '-' ? 'standard input' : file.name;
  if (file.opaque) {
    ctx.note(file.node ? opaqueNote(shown, file.node, file.regularSize) : `Not simulated in this drill: the bytes of ${shown}, a binary file (${file.regularSize} bytes).`);
    return '';
  }
  if (file.gzip && ctx.stdoutIsTerminal) {
    ctx.note(`Not simulated in this drill: the compressed bytes of ${shown} on the terminal.`);
    return '';
  }
  return file.data;
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
