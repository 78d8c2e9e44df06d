/**
 * Reading a file's bytes as a user: the lookup's permission checks, then read permission on the
 * file itself. A file the drill holds no text for (a database file, a binary) is `opaque`; a
 * `.gz` file's text is what it decompresses to, and what travels through a pipe is its gzip
 * stream.
 */
import type { FileNode } from '../../fs';
import type { ProgramContext, Sys } from '../../process';
import { locate, may, type Actor, type FileError } from './access';
import { gzipStream } from './gzipdata';
import { isDeviceWithoutBytes } from '../../system/baseImage';

/** The drill's note for bytes it does not hold: a device's (/dev/urandom), a text file's or a binary file's of `size` bytes. */
export function opaqueNote(shownAs: string, node: FileNode, size: number | null | undefined): string {
  if (node.device) return `Not simulated in this drill: reading the device ${shownAs}.`;
  return isTextMagic(node.magic) ? `Not simulated in this drill: the text of ${shownAs} (${size} bytes).` : `Not simulated in this drill: the bytes of ${shownAs}, a binary file (${size} bytes).`;
}

/** Whether what `file` says of a file is a kind of text (`ASCII text`, `POSIX shell script, ASCII text executable`, a PEM key or certificate). */
export function isTextMagic(magic: string | undefined): boolean {
  return magic !== undefined && (/\btext\b/.test(magic) || /^PEM /.test(magic));
}

export type ReadOutcome =
  | { ok: true; path: string; node: FileNode; text: string; gzip: boolean; opaque: boolean }
  | { ok: false; error: FileError };

/** Opens and reads a file (following links) as `actor`. */
export function readAs(actor: Actor, sys: Sys, path: string): ReadOutcome {
  const found = locate(actor, path, true);
  if (!found.ok) return found;
  if (found.node.kind === 'dir') return { ok: false, error: 'EISDIR' };
  if (!may(actor, found.node, 'r')) return { ok: false, error: 'EACCES' };
  const node = found.node;
  // open(2) of a UNIX socket fails: it is connected to, not read.
  if (node.socket) return { ok: false, error: 'ENXIO' };
  const opaque = isDeviceWithoutBytes(node) || (node.content === undefined && !node.timed?.length && !node.repeat?.length && (node.size ?? 0) > 0);
  return { ok: true, path: found.path, node, text: opaque ? '' : sys.textOf(node), gzip: node.gzip === true, opaque };
}

/**
 * The bytes a program like `cat` writes for a file it read: its text, or for gzip data the
 * stream (into a pipe or file) or nothing but the drill's note (on the terminal, where real
 * compressed bytes would be unreadable noise).
 */
export function bytesFor(ctx: ProgramContext, read: Extract<ReadOutcome, { ok: true }>, shownAs: string): string {
  if (read.opaque) {
    ctx.note(opaqueNote(shownAs, read.node, read.node.size));
    return '';
  }
  if (!read.gzip) return read.text;
  if (ctx.stdoutIsTerminal) {
    ctx.note(`Not simulated in this drill: the compressed bytes of ${shownAs} on the terminal.`);
    return '';
  }
  return gzipStream(read.text);
}
