/**
 * Reading the files the CLI is given, with a bound: only regular files are opened (a FIFO would
 * wait for a writer forever, `/dev/zero` never ends, a directory is not a file), and at most the
 * size limit plus one byte is read, so memory and time stay bounded whatever the path names.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

export type NotAFile = 'directory' | 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

/** Why a file was not read. Worded once, in `refusalReason`. */
export type FileRefusal =
  | { kind: 'unreadable'; code: string }
  | { kind: 'not-a-file'; is: NotAFile }
  /** `bytes` is null when the size is only known to be over the limit (a pipe, a file that grew). */
  | { kind: 'too-large'; bytes: number | null; limit: number };

export type FileText = { ok: true; text: string } | { ok: false; refusal: FileRefusal };

function notAFile(stats: Stats): NotAFile | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * The text (UTF-8) of a regular file of at most `limit` bytes. Never throws, never blocks on a
 * pipe or device, and never reads more than `limit + 1` bytes.
 */
export function readTextFile(path: string, limit: number): FileText {
  let fd: number;
  try {
    // stat first: opening some devices has effects. O_NONBLOCK: if the path became a FIFO since, open does not wait.
    const kind = notAFile(statSync(path));
    if (kind) return { ok: false, refusal: { kind: 'not-a-file', is: kind } };
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, refusal: { kind: 'unreadable', code: errorCode(error) } };
  }
  try {
    const stats = fstatSync(fd);
    const kind = notAFile(stats);
    if (kind) return { ok: false, refusal: { kind: 'not-a-file', is: kind } };
    if (stats.size > limit) return { ok: false, refusal: { kind: 'too-large', bytes: stats.size, limit } };
    // Some files (in /proc) say they are empty and are not: read up to the limit, not up to the size.
    const buffer = Buffer.allocUnsafe(limit + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > limit) return { ok: false, refusal: { kind: 'too-large', bytes: null, limit } };
    }
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return { ok: false, refusal: { kind: 'unreadable', code: errorCode(error) } };
  } finally {
    closeSync(fd);
  }
}

/** Standard input as text, reading at most `limit + 1` bytes (`< /dev/zero` ends, with a refusal). */
export async function readStdinText(limit: number): Promise<FileText> {
  if (process.stdin.isTTY) return { ok: true, text: '' };
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const bytes = chunk as Buffer;
    length += bytes.length;
    if (length > limit) {
      process.stdin.destroy();
      return { ok: false, refusal: { kind: 'too-large', bytes: null, limit } };
    }
    chunks.push(bytes);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** A size for people: `800 kB`, `4.4 MB` (1 kB = 1,000 bytes, as the limits are written). */
export function sizeText(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.ceil(bytes / 1000)} kB`;
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}

const NOT_A_FILE: Record<NotAFile, string> = {
  directory: 'a directory',
  fifo: 'a named pipe (FIFO)',
  'character-device': 'a device',
  'block-device': 'a disk device',
  socket: 'a socket',
  other: 'something else',
};

/** The one-line reason a file was not read, in plain words (`FILE: <reason>`). */
export function refusalReason(refusal: FileRefusal): string {
  switch (refusal.kind) {
    case 'unreadable':
      return `cannot read the file (${refusal.code})`;
    case 'not-a-file':
      return `cannot read it: it is ${NOT_A_FILE[refusal.is]}, not a regular file`;
    case 'too-large':
      return refusal.bytes === null
        ? `too large to read (over the limit of ${sizeText(refusal.limit)})`
        : `too large to read (${sizeText(refusal.bytes)}; the limit is ${sizeText(refusal.limit)})`;
  }
}
