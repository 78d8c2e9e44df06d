/**
 * The GNU tar format, byte for byte: 512-byte headers (name, octal mode, ids, size and time,
 * checksum, type, link target, "ustar  " magic, owner and group names), contents padded to
 * whole blocks, two zero blocks at the end and the archive padded to 20-block records. Names
 * longer than 99 bytes go in a ././@LongLink entry first, as GNU tar writes them. An archive is
 * kept as a string of bytes (one character per byte), so its size is exactly what tar writes.
 */

export interface TarEntry {
  /** As stored: relative, directories ending in `/`. */
  name: string;
  kind: 'file' | 'dir' | 'link';
  mode: number;
  uid: number;
  gid: number;
  owner: string;
  group: string;
  /** Epoch seconds. */
  mtime: number;
  /** The file's text (UTF-8 in the archive). */
  text: string;
  target?: string;
}

const BLOCK = 512;
const RECORD = 20 * BLOCK;
const ZERO_BLOCK = '\u0000'.repeat(BLOCK);

/** Text as bytes, one character per byte (UTF-8). */
export function toBytes(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte);
  return out;
}

/** Bytes (one character each) back to text. */
export function fromBytes(bytes: string): string {
  const array = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) array[i] = bytes.charCodeAt(i) & 0xff;
  return new TextDecoder().decode(array);
}

function field(value: string, width: number): string {
  const bytes = toBytes(value).slice(0, width);
  return bytes + '\u0000'.repeat(width - bytes.length);
}

function octal(value: number, width: number): string {
  return `${Math.max(0, Math.floor(value)).toString(8).padStart(width - 1, '0')}\u0000`;
}

function header(e: { name: string; type: string; mode: number; uid: number; gid: number; size: number; mtime: number; target: string; owner: string; group: string }): string {
  let h = field(e.name, 100) + octal(e.mode & 0o7777, 8) + octal(e.uid, 8) + octal(e.gid, 8) + octal(e.size, 12) + octal(e.mtime, 12);
  const checksumAt = h.length;
  h += ' '.repeat(8) + e.type + field(e.target, 100) + 'ustar  \u0000' + field(e.owner, 32) + field(e.group, 32) + '\u0000'.repeat(8 + 8 + 155 + 12);
  let sum = 0;
  for (let i = 0; i < h.length; i += 1) sum += h.charCodeAt(i);
  return h.slice(0, checksumAt) + `${sum.toString(8).padStart(6, '0')}\u0000 ` + h.slice(checksumAt + 8);
}

function padBlock(bytes: string): string {
  const rest = bytes.length % BLOCK;
  return rest === 0 ? bytes : bytes + '\u0000'.repeat(BLOCK - rest);
}

/** The archive's bytes for these entries. */
export function tarBytes(entries: readonly TarEntry[]): string {
  const parts: string[] = [];
  for (const e of entries) {
    const data = e.kind === 'file' ? toBytes(e.text) : '';
    const type = e.kind === 'dir' ? '5' : e.kind === 'link' ? '2' : '0';
    if (toBytes(e.name).length > 99) {
      const long = `${toBytes(e.name)}\u0000`;
      parts.push(header({ name: '././@LongLink', type: 'L', mode: 0, uid: 0, gid: 0, size: long.length, mtime: 0, target: '', owner: 'root', group: 'root' }), padBlock(long));
    }
    parts.push(header({ name: e.name, type, mode: e.mode, uid: e.uid, gid: e.gid, size: data.length, mtime: e.mtime, target: e.target ?? '', owner: e.owner, group: e.group }));
    if (data) parts.push(padBlock(data));
  }
  parts.push('\u0000'.repeat(2 * BLOCK));
  const body = parts.join('');
  const rest = body.length % RECORD;
  return rest === 0 ? body : body + '\u0000'.repeat(RECORD - rest);
}

function text(bytes: string, at: number, width: number): string {
  const raw = bytes.slice(at, at + width);
  const end = raw.indexOf('\u0000');
  return fromBytes(end < 0 ? raw : raw.slice(0, end));
}

function number(bytes: string, at: number, width: number): number {
  const digits = text(bytes, at, width).trim();
  return /^[0-7]+$/.test(digits) ? parseInt(digits, 8) : 0;
}

/** Does this look like a tar archive (the ustar magic in its first header)? */
export function isTarData(bytes: string): boolean {
  return bytes.length >= BLOCK && bytes.slice(257, 262) === 'ustar';
}

/** The entries of an archive, or null when it is not one. */
export function parseTar(bytes: string): TarEntry[] | null {
  if (!isTarData(bytes)) return null;
  const entries: TarEntry[] = [];
  let at = 0;
  let longName: string | null = null;
  while (at + BLOCK <= bytes.length) {
    const block = bytes.slice(at, at + BLOCK);
    if (block === ZERO_BLOCK) break;
    if (block.slice(257, 262) !== 'ustar') return entries.length ? entries : null;
    const size = number(block, 124, 12);
    const type = block[156] ?? '0';
    const data = bytes.slice(at + BLOCK, at + BLOCK + size);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    const name = longName ?? text(block, 0, 100);
    longName = null;
    entries.push({
      name,
      kind: type === '5' ? 'dir' : type === '2' ? 'link' : 'file',
      mode: number(block, 100, 8),
      uid: number(block, 108, 8),
      gid: number(block, 116, 8),
      mtime: number(block, 136, 12),
      owner: text(block, 265, 32),
      group: text(block, 297, 32),
      text: type === '0' || type === '\u0000' ? fromBytes(data) : '',
      target: type === '2' ? text(block, 157, 100) : undefined,
    });
  }
  return entries;
}
