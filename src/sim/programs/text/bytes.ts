/**
 * Text as bytes: the simulation keeps files as JavaScript strings, while head -c, tail -c,
 * wc -c and cut -b count UTF-8 bytes. A cut through the middle of a character shows as U+FFFD,
 * as a terminal shows a broken character.
 */
import { byteLength } from '../../fs';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Characters below U+0100 that stand for one raw byte each (gzip data), as `dataOf` makes them. */
function isRawBytes(text: string): boolean {
  return text.startsWith('\u001f\u008b');
}

/** The bytes of a text (a gzip stream's characters are bytes already). */
export function toBytes(text: string): Uint8Array {
  if (isRawBytes(text)) return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  return encoder.encode(text);
}

/** UTF-8 bytes back to text (a broken character becomes U+FFFD). */
export function fromBytes(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** How many bytes a text takes. */
export function bytesOf(text: string): number {
  return isRawBytes(text) ? text.length : byteLength(text);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** A byte range of a text, as text. */
export function sliceBytes(text: string, start: number, end?: number): string {
  const raw = isRawBytes(text);
  if (raw) return text.slice(start, end);
  if (isAscii(text)) return text.slice(start, end);
  return fromBytes(toBytes(text).slice(start, end));
}
