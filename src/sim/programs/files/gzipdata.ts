/**
 * gzip data in the simulation. A `.gz` file keeps the text it decompresses to (`gzip: true`),
 * and its size is what gzip would plausibly make of that text: the deflate output is estimated
 * by a greedy LZ77 pass (matches of 4+ characters in a 32 KiB window cost about what their
 * codes would, other characters what their Huffman code would), plus gzip's header and trailer.
 *
 * Through a pipe (`gzip -c f | …`, `… | gzip > f.gz`) compressed data travels as a stream that
 * starts with gzip's magic bytes and carries the text after them; when such a stream is written
 * to a file it becomes a gzip node again (see Sys.write), so zcat and gunzip read it back.
 */
import { byteLength, GZIP_MAGIC, gzipStreamText } from '../../fs';

/** Compressed data as it travels through a pipe. */
export function gzipStream(text: string): string {
  return GZIP_MAGIC + text;
}

/** Does this piped or stored text start as gzip data does? */
export function isGzipStream(data: string): boolean {
  return data.startsWith(GZIP_MAGIC);
}

/** The text inside a gzip stream (concatenated members decompress one after another, as with zcat). */
export function gunzipStream(data: string): string | null {
  return gzipStreamText(data);
}

const sizes = new WeakMap<object, number>();

/** gzip's header (10 bytes, plus the stored name and its NUL) and trailer (CRC32 and length, 8 bytes). */
export function framing(name: string | null): number {
  return 10 + (name ? byteLength(name) + 1 : 0) + 8;
}

function literalEntropy(text: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Estimated bytes of a deflate stream of `text` (gzip -6). */
export function deflatedSize(text: string): number {
  const n = text.length;
  if (n === 0) return 2;
  const small = n < 512;
  const literalBits = small ? 8.5 : Math.max(literalEntropy(text), 3) + 0.3;
  const table = new Int32Array(1 << 15).fill(-1);
  const hashAt = (i: number) => ((text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) * 31 + text.charCodeAt(i + 2)) * 31 + text.charCodeAt(i + 3);
  let bits = 0;
  let i = 0;
  while (i < n) {
    if (i + 3 < n) {
      const h = hashAt(i) & 0x7fff;
      const candidate = table[h]!;
      table[h] = i;
      if (candidate >= 0 && i - candidate <= 32768) {
        let length = 0;
        while (length < 258 && i + length < n && text.charCodeAt(candidate + length) === text.charCodeAt(i + length)) length += 1;
        if (length >= 4) {
          bits += 9 + Math.log2(i - candidate);
          for (let k = 1; k < length && i + k + 3 < n; k += 1) table[hashAt(i + k) & 0x7fff] = i + k;
          i += length;
          continue;
        }
      }
    }
    bits += literalBits;
    i += 1;
  }
  return Math.ceil(bits / 8) + (small ? 1 : 64);
}

/** Bytes of the `.gz` file gzip writes for this text (stored name included when gzip had one). */
export function gzipSize(text: string, name: string | null, key?: object): number {
  if (key) {
    const known = sizes.get(key);
    if (known !== undefined) return known;
  }
  const size = framing(name) + deflatedSize(text);
  if (key) sizes.set(key, size);
  return size;
}

/**
 * The ratio gzip -v and -l print (`%5.1f%%`): how much smaller the deflate data is than the
 * text, header and trailer not counted, as gzip counts it.
 */
export function gzipRatio(original: number, compressed: number, name: string | null): string {
  const ratio = original === 0 ? 0 : ((original - (compressed - framing(name))) / original) * 100;
  return `${ratio.toFixed(1).padStart(5)}%`;
}
