/**
 * The binary form of the events mysqlbinlog prints as `BINLOG '…'` and the BINLOG statement
 * applies, as MySQL 8.0.19 writes them (binlog_checksum=CRC32, binlog_row_image=FULL,
 * binlog_row_metadata=MINIMAL): the 19-byte common header (timestamp, type, server id, size, end
 * position, flags), the post-header and body of FORMAT_DESCRIPTION (15), TABLE_MAP (19) and
 * WRITE/UPDATE/DELETE_ROWS v2 (30/31/32), with the row images in the columns' binary storage
 * formats, and the CRC32 at the end. The events' sizes (and so every position in the log) come
 * from these bytes.
 */
import type { ColumnType } from './catalog';
import type { CellValue } from './generate';
import type { LoggedColumn, TableRows } from './state';

export const EVENT_HEADER = 19;
const CHECKSUM = 4;
export const TYPE = { formatDescription: 15, tableMap: 19, writeRows: 30, updateRows: 31, deleteRows: 32 } as const;
const ROW_TYPES = { insert: TYPE.writeRows, update: TYPE.updateRows, delete: TYPE.deleteRows } as const;
export const STMT_END_F = 1;
export const NO_FOREIGN_KEY_CHECKS_F = 2;
/** binlog_row_event_max_size: a row event takes no more rows once its data would pass it. */
const ROW_EVENT_MAX = 8192;

// ---- bytes ----

class Writer {
  private buf = new Uint8Array(256);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
  }
  /** Little-endian, `n` bytes (up to 8; values past 2^53 lose nothing the drill stores). */
  le(v: number | bigint, n: number): void {
    let b = BigInt.asUintN(n * 8, BigInt(v));
    for (let i = 0; i < n; i += 1) {
      this.u8(Number(b & 0xffn));
      b >>= 8n;
    }
  }
  be(v: number | bigint, n: number): void {
    const b = BigInt.asUintN(n * 8, BigInt(v));
    for (let i = n - 1; i >= 0; i -= 1) this.u8(Number((b >> BigInt(i * 8)) & 0xffn));
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  /** A length-encoded ("packed") integer. */
  packed(v: number): void {
    if (v < 251) {
      this.u8(v);
      return;
    }
    const [mark, n] = v < 0x10000 ? [0xfc, 2] : v < 0x1000000 ? [0xfd, 3] : [0xfe, 8];
    this.u8(mark);
    this.le(v, n);
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new RangeError('event truncated');
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  le(n: number): bigint {
    this.need(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i -= 1) v = (v << 8n) | BigInt(this.buf[this.pos + i]!);
    this.pos += n;
    return v;
  }
  leN(n: number): number {
    return Number(this.le(n));
  }
  be(n: number): bigint {
    this.need(n);
    let v = 0n;
    for (let i = 0; i < n; i += 1) v = (v << 8n) | BigInt(this.buf[this.pos + i]!);
    this.pos += n;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  packed(): number {
    const first = this.u8();
    if (first < 251) return first;
    if (first === 0xfc) return this.leN(2);
    if (first === 0xfd) return this.leN(3);
    if (first === 0xfe) return this.leN(8);
    throw new RangeError('bad packed integer');
  }
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

let crcTable: Uint32Array | null = null;
/** CRC-32 (ISO 3309, as zlib's crc32), what binlog_checksum=CRC32 appends. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface EventHeader {
  timestamp: number;
  type: number;
  serverId: number;
  size: number;
  logPos: number;
  flags: number;
}

/** One whole event: the common header, the body, the CRC32 (of a Format_description, computed with LOG_EVENT_BINLOG_IN_USE_F clear). */
export function wrapEvent(header: Omit<EventHeader, 'size'>, body: Uint8Array): Uint8Array {
  const size = EVENT_HEADER + body.length + CHECKSUM;
  const w = new Writer();
  w.le(header.timestamp, 4);
  w.u8(header.type);
  w.le(header.serverId, 4);
  w.le(size, 4);
  w.le(header.logPos, 4);
  w.le(header.type === TYPE.formatDescription ? header.flags & ~1 : header.flags, 2);
  w.bytes(body);
  const sum = crc32(w.done());
  w.le(sum, 4);
  const out = w.done();
  if (header.type === TYPE.formatDescription) out[17] = header.flags & 0xff;
  return out;
}

export function readHeader(bytes: Uint8Array, at = 0): EventHeader {
  const r = new Reader(bytes);
  r.pos = at;
  return { timestamp: r.leN(4), type: r.u8(), serverId: r.leN(4), size: r.leN(4), logPos: r.leN(4), flags: r.leN(2) };
}

/** The CRC32 an event ends with, as mysqlbinlog prints it (`0x1a2b3c4d`). */
export function checksumText(event: Uint8Array): string {
  const n = event.length;
  const v = (event[n - 4]! | (event[n - 3]! << 8) | (event[n - 2]! << 16) | (event[n - 1]! << 24)) >>> 0;
  return `0x${v.toString(16).padStart(8, '0')}`;
}

// ---- Format_description ----

/** Post-header lengths of event types 1…39, as 8.0.19 writes them. */
const POST_HEADER_LENGTHS = [56, 13, 0, 8, 0, 0, 0, 0, 4, 0, 4, 0, 0, 0, 96, 0, 4, 26, 8, 0, 0, 0, 8, 8, 8, 2, 0, 0, 0, 10, 10, 10, 42, 42, 0, 18, 52, 0, 10];

/** Bytes of the Format_description event: the header, binlog version, server version, creation time, header length, the post-header lengths, the checksum algorithm, the checksum. */
export const FORMAT_DESCRIPTION_SIZE = EVENT_HEADER + 2 + 50 + 4 + 1 + POST_HEADER_LENGTHS.length + 1 + CHECKSUM;

/** The Format_description event at position 4 (120 bytes, ending at 124). `created` is 0 unless mysqld opened the file as it started. */
export function formatDescriptionEvent(a: { timestamp: number; serverId: number; version: string; created: number; inUse: boolean }): Uint8Array {
  const w = new Writer();
  w.le(4, 2);
  const version = new Uint8Array(50);
  version.set(utf8.encode(a.version).subarray(0, 49));
  w.bytes(version);
  w.le(a.created, 4);
  w.u8(EVENT_HEADER);
  w.bytes(Uint8Array.from(POST_HEADER_LENGTHS));
  w.u8(1); // binlog_checksum: CRC32
  return wrapEvent({ timestamp: a.timestamp, type: TYPE.formatDescription, serverId: a.serverId, logPos: 4 + FORMAT_DESCRIPTION_SIZE, flags: a.inUse ? 1 : 0 }, w.done());
}

// ---- column types ----

const MYSQL = { tiny: 1, short: 2, long: 3, float: 4, double: 5, timestamp2: 17, longlong: 8, int24: 9, date: 10, year: 13, varchar: 15, bit: 16, datetime2: 18, time2: 19, json: 245, newdecimal: 246, enum: 247, set: 248, blob: 252, string: 254 } as const;
const INT_BYTES: Readonly<Record<string, number>> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, bigint: 8 };
const INT_CODE: Readonly<Record<number, number>> = { 1: MYSQL.tiny, 2: MYSQL.short, 3: MYSQL.int24, 4: MYSQL.long, 8: MYSQL.longlong };
const BLOB_BYTES: Readonly<Record<string, number>> = { tinytext: 1, tinyblob: 1, text: 2, blob: 2, mediumtext: 3, mediumblob: 3, longtext: 4, longblob: 4, json: 4, geometry: 4 };
const MB_MAX: Readonly<Record<string, number>> = { utf8mb4: 4, utf8: 3, utf8mb3: 3, ucs2: 2, utf16: 4, utf32: 4, latin1: 1, ascii: 1, binary: 1 };
/** The collation ids of a character set's default collation (what DEFAULT_CHARSET records). */
const COLLATION_ID: Readonly<Record<string, number>> = { utf8mb4: 255, utf8: 33, utf8mb3: 33, latin1: 8, ascii: 11, binary: 63, ucs2: 35, utf16: 54, utf32: 60 };

/** How one column is logged: its type code, its Table_map metadata, and the sizes its values take. */
interface ColumnCodec {
  code: number;
  meta: number[];
  numeric: boolean;
  character: boolean;
}

const DIG2BYTES = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

function args(t: ColumnType, i: number, fallback: number): number {
  const n = Number.parseInt(t.args[i] ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}

function membersOf(t: ColumnType): string[] {
  return t.args.map((a) => a.replace(/^'|'$/g, '').replace(/''/g, "'"));
}

/** A column's codec. An unknown type is logged as a long blob of its text. */
function codecOf(c: LoggedColumn): ColumnCodec {
  const t = c.type;
  const mb = MB_MAX[c.charset ?? 'utf8mb4'] ?? 4;
  const binary = t.base === 'binary' || t.base === 'varbinary' || t.base.endsWith('blob');
  if (Object.hasOwn(INT_BYTES, t.base)) return { code: INT_CODE[INT_BYTES[t.base]!]!, meta: [], numeric: true, character: false };
  switch (t.base) {
    case 'decimal':
      return { code: MYSQL.newdecimal, meta: [args(t, 0, 10), args(t, 1, 0)], numeric: true, character: false };
    case 'float':
      return { code: MYSQL.float, meta: [4], numeric: true, character: false };
    case 'double':
      return { code: MYSQL.double, meta: [8], numeric: true, character: false };
    case 'bit': {
      const bits = args(t, 0, 1);
      return { code: MYSQL.bit, meta: [bits % 8, Math.floor(bits / 8)], numeric: false, character: false };
    }
    case 'date':
      return { code: MYSQL.date, meta: [], numeric: false, character: false };
    case 'year':
      return { code: MYSQL.year, meta: [], numeric: false, character: false };
    case 'datetime':
      return { code: MYSQL.datetime2, meta: [args(t, 0, 0)], numeric: false, character: false };
    case 'timestamp':
      return { code: MYSQL.timestamp2, meta: [args(t, 0, 0)], numeric: false, character: false };
    case 'time':
      return { code: MYSQL.time2, meta: [args(t, 0, 0)], numeric: false, character: false };
    case 'varchar':
    case 'varbinary': {
      const max = args(t, 0, 255) * (binary ? 1 : mb);
      return { code: MYSQL.varchar, meta: [max & 0xff, max >> 8], numeric: false, character: !binary };
    }
    case 'char':
    case 'binary': {
      const len = args(t, 0, 1) * (binary ? 1 : mb);
      return { code: MYSQL.string, meta: [MYSQL.string ^ ((len & 0x300) >> 4), len & 0xff], numeric: false, character: !binary };
    }
    case 'enum':
      return { code: MYSQL.string, meta: [MYSQL.enum, membersOf(t).length > 255 ? 2 : 1], numeric: false, character: false };
    case 'set': {
      const n = Math.ceil(membersOf(t).length / 8);
      return { code: MYSQL.string, meta: [MYSQL.set, n > 4 ? 8 : n], numeric: false, character: false };
    }
    case 'json':
      return { code: MYSQL.json, meta: [4], numeric: false, character: false };
    default:
      return { code: MYSQL.blob, meta: [BLOB_BYTES[t.base] ?? 4], numeric: false, character: !binary && t.base.endsWith('text') };
  }
}

/** The string length a CHAR/VARCHAR/BLOB prefix takes, from the Table_map metadata. */
function stringPrefix(code: number, meta: readonly number[]): number {
  if (code === MYSQL.varchar) return meta[0]! + (meta[1]! << 8) > 255 ? 2 : 1;
  const len = ((meta[0]! & 0x30) ^ 0x30) * 16 + meta[1]!;
  return len > 255 ? 2 : 1;
}

// ---- values ----

function decimalDigits(value: CellValue, scale: number): { negative: boolean; int: string; frac: string } {
  const text = typeof value === 'number' ? value.toFixed(scale) : String(value).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text) ?? ['', '', '0', ''];
  const frac = (m[3] ?? '').padEnd(scale, '0').slice(0, scale);
  const int = (m[2] ?? '').replace(/^0+/, '');
  return { negative: m[1] === '-' && /[1-9]/.test(int + frac), int, frac };
}

function writeDecimal(w: Writer, value: CellValue, precision: number, scale: number): void {
  const { negative, int, frac } = decimalDigits(value, scale);
  const intg = precision - scale;
  const digits = int.padStart(intg, '0').slice(-intg);
  const mask = negative ? 0xff : 0;
  const groups: [string, number][] = [];
  const lead = intg % 9;
  if (lead) groups.push([digits.slice(0, lead), DIG2BYTES[lead]!]);
  for (let i = lead; i < intg; i += 9) groups.push([digits.slice(i, i + 9), 4]);
  for (let i = 0; i + 9 <= scale; i += 9) groups.push([frac.slice(i, i + 9), 4]);
  if (scale % 9) groups.push([frac.slice(scale - (scale % 9)), DIG2BYTES[scale % 9]!]);
  const out = new Writer();
  for (const [g, n] of groups) out.be(Number(g || '0'), n);
  const bytes = out.done();
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = bytes[i]! ^ mask;
  if (bytes.length) bytes[0] = bytes[0]! ^ 0x80;
  w.bytes(bytes);
}

function readDecimal(r: Reader, precision: number, scale: number): string {
  const intg = precision - scale;
  const size = DIG2BYTES[intg % 9]! + Math.floor(intg / 9) * 4 + Math.floor(scale / 9) * 4 + DIG2BYTES[scale % 9]!;
  const bytes = Uint8Array.from(r.bytes(size));
  const negative = (bytes[0]! & 0x80) === 0;
  bytes[0] = bytes[0]! ^ 0x80;
  if (negative) for (let i = 0; i < bytes.length; i += 1) bytes[i] = bytes[i]! ^ 0xff;
  const rr = new Reader(bytes);
  let int = '';
  const lead = intg % 9;
  if (lead) int += String(rr.be(DIG2BYTES[lead]!));
  for (let i = lead; i < intg; i += 9) int += String(rr.be(4)).padStart(9, '0');
  let frac = '';
  for (let i = 0; i + 9 <= scale; i += 9) frac += String(rr.be(4)).padStart(9, '0');
  if (scale % 9) frac += String(rr.be(DIG2BYTES[scale % 9]!)).padStart(scale % 9, '0');
  int = int.replace(/^0+(?=\d)/, '') || '0';
  return `${negative ? '-' : ''}${int}${scale ? `.${frac}` : ''}`;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$/;

function fracBytes(fsp: number): number {
  return Math.ceil(fsp / 2);
}

function writeFraction(w: Writer, micro: number, fsp: number): void {
  const n = fracBytes(fsp);
  if (n) w.be(Math.floor(micro / 10 ** (6 - n * 2)), n);
}

function readFraction(r: Reader, fsp: number): string {
  const n = fracBytes(fsp);
  if (!n) return '';
  const v = Number(r.be(n)) * 10 ** (6 - n * 2);
  return `.${String(v).padStart(6, '0').slice(0, fsp)}`;
}

function parts(value: CellValue): number[] {
  const m = DATETIME.exec(String(value));
  if (!m) return [0, 0, 0, 0, 0, 0, 0];
  return [...m.slice(1, 7).map((p) => Number(p ?? 0)), Number((m[7] ?? '').padEnd(6, '0'))];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** TIMESTAMP values are the server's UTC text (as the drill keeps them); the log holds epoch seconds. */
function timestampEpoch(value: CellValue): number {
  const [y, mo, d, h, mi, s] = parts(value);
  return Math.max(0, Math.floor(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) / 1000));
}

function epochText(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

function bytesOfString(value: CellValue): Uint8Array {
  return utf8.encode(typeof value === 'number' ? String(value) : (value ?? ''));
}

function writeValue(w: Writer, value: CellValue, c: ColumnCodec, col: LoggedColumn): void {
  const t = col.type;
  switch (c.code) {
    case MYSQL.tiny:
    case MYSQL.short:
    case MYSQL.int24:
    case MYSQL.long:
    case MYSQL.longlong: {
      const n = INT_BYTES[t.base] ?? 8;
      const text = typeof value === 'number' ? Math.trunc(value).toString() : String(value).trim();
      w.le(/^[+-]?\d+$/.test(text) ? BigInt(text) : 0n, n);
      return;
    }
    case MYSQL.newdecimal:
      writeDecimal(w, value, c.meta[0]!, c.meta[1]!);
      return;
    case MYSQL.float: {
      const b = new DataView(new ArrayBuffer(4));
      b.setFloat32(0, Number(value), true);
      w.bytes(new Uint8Array(b.buffer));
      return;
    }
    case MYSQL.double: {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, Number(value), true);
      w.bytes(new Uint8Array(b.buffer));
      return;
    }
    case MYSQL.bit: {
      const n = c.meta[1]! + (c.meta[0]! ? 1 : 0);
      w.be(BigInt(Math.trunc(Number(value)) || 0), n);
      return;
    }
    case MYSQL.year: {
      const y = Number(value);
      w.u8(y ? y - 1900 : 0);
      return;
    }
    case MYSQL.date: {
      const [y, m, d] = parts(value);
      w.le(d! | (m! << 5) | (y! << 9), 3);
      return;
    }
    case MYSQL.datetime2: {
      const [y, mo, d, h, mi, s, micro] = parts(value);
      const ymd = (((y! * 13 + mo!) << 5) | d!) >>> 0;
      const hms = (h! << 12) | (mi! << 6) | s!;
      w.be(BigInt(ymd) * 131072n + BigInt(hms) + 0x8000000000n, 5);
      writeFraction(w, micro!, c.meta[0]!);
      return;
    }
    case MYSQL.timestamp2:
      w.be(timestampEpoch(value), 4);
      writeFraction(w, parts(value)[6]!, c.meta[0]!);
      return;
    case MYSQL.time2: {
      const m = /^(-)?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(String(value));
      const sign = m?.[1] ? -1 : 1;
      const micro = Number((m?.[5] ?? '').padEnd(6, '0'));
      const int = (Number(m?.[2] ?? 0) << 12) | (Number(m?.[3] ?? 0) << 6) | Number(m?.[4] ?? 0);
      const fsp = c.meta[0]!;
      const n = fracBytes(fsp);
      const frac = n ? Math.floor(micro / 10 ** (6 - n * 2)) : 0;
      // The packed value: the integer part shifted over the fraction's bytes, plus the offset, as one big-endian number.
      const packed = BigInt(sign) * (BigInt(int) * 256n ** BigInt(n) + BigInt(frac)) + 0x800000n * 256n ** BigInt(n);
      w.be(packed, 3 + n);
      return;
    }
    case MYSQL.varchar: {
      const b = bytesOfString(value);
      w.le(b.length, stringPrefix(c.code, c.meta));
      w.bytes(b);
      return;
    }
    case MYSQL.string: {
      if (c.meta[0] === MYSQL.enum) {
        w.le(Math.max(0, membersOf(t).indexOf(String(value)) + 1), c.meta[1]!);
        return;
      }
      if (c.meta[0] === MYSQL.set) {
        const members = membersOf(t);
        let mask = 0n;
        for (const m of String(value).split(',')) if (members.includes(m)) mask |= 1n << BigInt(members.indexOf(m));
        w.le(mask, c.meta[1]!);
        return;
      }
      const b = bytesOfString(value);
      w.le(b.length, stringPrefix(c.code, c.meta));
      w.bytes(b);
      return;
    }
    case MYSQL.json: {
      const b = jsonBinary(String(value));
      w.le(b.length, 4);
      w.bytes(b);
      return;
    }
    default: {
      const b = bytesOfString(value);
      w.le(b.length, c.meta[0]!);
      w.bytes(b);
    }
  }
}

/** One value back from its binary form, as the drill keeps values (numbers, and text for the rest). */
function readValue(r: Reader, code: number, meta: readonly number[], unsigned: boolean, column: LoggedColumn | undefined): CellValue {
  switch (code) {
    case MYSQL.tiny:
    case MYSQL.short:
    case MYSQL.int24:
    case MYSQL.long:
    case MYSQL.longlong: {
      const n = code === MYSQL.tiny ? 1 : code === MYSQL.short ? 2 : code === MYSQL.int24 ? 3 : code === MYSQL.long ? 4 : 8;
      const raw = r.le(n);
      const v = unsigned ? raw : BigInt.asIntN(n * 8, raw);
      return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
    }
    case MYSQL.newdecimal: {
      const text = readDecimal(r, meta[0]!, meta[1]!);
      return Number(text).toFixed(meta[1]!) === text ? Number(text) : text;
    }
    case MYSQL.float:
      return new DataView(r.bytes(4).slice().buffer).getFloat32(0, true);
    case MYSQL.double:
      return new DataView(r.bytes(8).slice().buffer).getFloat64(0, true);
    case MYSQL.bit:
      return Number(r.be(meta[1]! + (meta[0]! ? 1 : 0)));
    case MYSQL.year: {
      const y = r.u8();
      return y ? y + 1900 : 0;
    }
    case MYSQL.date: {
      const v = r.leN(3);
      return `${String(v >> 9).padStart(4, '0')}-${pad2((v >> 5) & 15)}-${pad2(v & 31)}`;
    }
    case MYSQL.datetime2: {
      const packed = r.be(5) - 0x8000000000n;
      const ymd = Number(packed >> 17n);
      const hms = Number(packed & 0x1ffffn);
      const ym = ymd >> 5;
      return `${String(Math.floor(ym / 13)).padStart(4, '0')}-${pad2(ym % 13)}-${pad2(ymd & 31)} ${pad2(hms >> 12)}:${pad2((hms >> 6) & 63)}:${pad2(hms & 63)}${readFraction(r, meta[0]!)}`;
    }
    case MYSQL.timestamp2:
      return `${epochText(Number(r.be(4)))}${readFraction(r, meta[0]!)}`;
    case MYSQL.time2: {
      const n = fracBytes(meta[0]!);
      const scale = 256n ** BigInt(n);
      let packed = r.be(3 + n) - 0x800000n * scale;
      const sign = packed < 0n ? '-' : '';
      if (packed < 0n) packed = -packed;
      const int = Number(packed / scale);
      const frac = Number(packed % scale);
      const fraction = n ? `.${String(frac * 10 ** (6 - n * 2)).padStart(6, '0').slice(0, meta[0]!)}` : '';
      return `${sign}${pad2(int >> 12)}:${pad2((int >> 6) & 63)}:${pad2(int & 63)}${fraction}`;
    }
    case MYSQL.varchar:
      return fromUtf8.decode(r.bytes(r.leN(stringPrefix(code, meta))));
    case MYSQL.string: {
      const members = column ? membersOf(column.type) : [];
      if (meta[0] === MYSQL.enum) {
        const i = r.leN(meta[1]!);
        return members[i - 1] ?? '';
      }
      if (meta[0] === MYSQL.set) {
        const mask = r.le(meta[1]!);
        return members.filter((_, i) => (mask >> BigInt(i)) & 1n).join(',');
      }
      return fromUtf8.decode(r.bytes(r.leN(stringPrefix(code, meta))));
    }
    case MYSQL.json:
      return jsonText(r.bytes(r.leN(4)));
    case MYSQL.blob:
      return fromUtf8.decode(r.bytes(r.leN(meta[0]!)));
    default:
      throw new RangeError(`column type ${code} not decoded`);
  }
}

// ---- JSON (MySQL's binary JSON) ----

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function jsonBinary(text: string): Uint8Array {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    doc = text;
  }
  const w = new Writer();
  const [type, inline, body] = jsonValue(doc);
  w.u8(type);
  if (body) w.bytes(body);
  else w.le(inline, 2);
  return w.done();
}

function varLength(w: Writer, n: number): void {
  do {
    const b = n & 0x7f;
    n = Math.floor(n / 128);
    w.u8(n ? b | 0x80 : b);
  } while (n);
}

/** A JSON value: its type byte and either an inline value (literals, int16) or its bytes. */
function jsonValue(v: Json): [number, number, Uint8Array | null] {
  if (v === null) return [0x04, 0, null];
  if (v === true) return [0x04, 1, null];
  if (v === false) return [0x04, 2, null];
  if (typeof v === 'number') {
    const w = new Writer();
    if (Number.isInteger(v) && v >= -32768 && v <= 32767) return [0x05, v & 0xffff, null];
    if (Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1) return (w.le(v, 4), [0x07, 0, w.done()]);
    if (Number.isSafeInteger(v)) return (w.le(BigInt(v), 8), [0x09, 0, w.done()]);
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, v, true);
    return [0x0b, 0, new Uint8Array(b.buffer)];
  }
  if (typeof v === 'string') {
    const w = new Writer();
    const b = utf8.encode(v);
    varLength(w, b.length);
    w.bytes(b);
    return [0x0c, 0, w.done()];
  }
  const isArray = Array.isArray(v);
  const keys = isArray ? [] : Object.keys(v).map((k) => utf8.encode(k)).sort((a, b) => a.length - b.length || compareBytes(a, b));
  const values = isArray ? v : keys.map((k) => (v as Record<string, Json>)[fromUtf8.decode(k)]!);
  const count = values.length;
  const header = 4 + (isArray ? 0 : count * 4) + count * 3;
  const w = new Writer();
  const tail = new Writer();
  let offset = header + keys.reduce((s, k) => s + k.length, 0);
  const keyEntries = new Writer();
  let keyOffset = header;
  for (const k of keys) {
    keyEntries.le(keyOffset, 2);
    keyEntries.le(k.length, 2);
    keyOffset += k.length;
  }
  const valueEntries = new Writer();
  for (const item of values) {
    const [type, inline, body] = jsonValue(item);
    valueEntries.u8(type);
    if (body) {
      valueEntries.le(offset, 2);
      tail.bytes(body);
      offset += body.length;
    } else valueEntries.le(inline, 2);
  }
  w.le(count, 2);
  w.le(offset, 2);
  w.bytes(keyEntries.done());
  w.bytes(valueEntries.done());
  for (const k of keys) w.bytes(k);
  w.bytes(tail.done());
  return [isArray ? 0x02 : 0x00, 0, w.done()];
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function readJson(buf: Uint8Array, type: number, at: number, inline: number): Json {
  const r = new Reader(buf);
  r.pos = at;
  switch (type) {
    case 0x04:
      return inline === 1 ? true : inline === 2 ? false : null;
    case 0x05:
      return (inline << 16) >> 16;
    case 0x06:
      return inline;
    case 0x07:
      return Number(BigInt.asIntN(32, r.le(4)));
    case 0x08:
      return r.leN(4);
    case 0x09:
      return Number(BigInt.asIntN(64, r.le(8)));
    case 0x0a:
      return Number(r.le(8));
    case 0x0b:
      return new DataView(r.bytes(8).slice().buffer).getFloat64(0, true);
    case 0x0c: {
      let n = 0;
      let shift = 1;
      for (;;) {
        const b = r.u8();
        n += (b & 0x7f) * shift;
        shift *= 128;
        if (!(b & 0x80)) break;
      }
      return fromUtf8.decode(r.bytes(n));
    }
    case 0x00:
    case 0x02: {
      const count = r.leN(2);
      r.leN(2);
      const keys: string[] = [];
      if (type === 0x00) {
        for (let i = 0; i < count; i += 1) {
          const off = r.leN(2);
          const len = r.leN(2);
          keys.push(fromUtf8.decode(buf.subarray(at + off, at + off + len)));
        }
      }
      const items: Json[] = [];
      for (let i = 0; i < count; i += 1) {
        const t = r.u8();
        const v = r.leN(2);
        items.push(readJson(buf, t, [0x04, 0x05, 0x06].includes(t) ? 0 : at + v, v));
      }
      if (type === 0x02) return items;
      return Object.fromEntries(keys.map((k, i) => [k, items[i]!]));
    }
    default:
      throw new RangeError(`JSON type ${type} not decoded`);
  }
}

/** MySQL's JSON text: `{"a": 1, "b": [1, 2]}`. */
function jsonString(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(jsonString).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${jsonString(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}

function jsonText(bytes: Uint8Array): string {
  const r = new Reader(bytes);
  const type = r.u8();
  const inline = bytes.length >= 3 ? bytes[1]! | (bytes[2]! << 8) : 0;
  return jsonString(readJson(bytes, type, 1, inline));
}

// ---- Table_map and row events ----

/** The columns of a change: as it was logged, else guessed from the values (an int, a double, text). */
export function loggedColumns(rows: TableRows): readonly LoggedColumn[] {
  if (rows.types && rows.types.length === rows.columns.length) return rows.types;
  return rows.columns.map((_, k) => {
    const v = [...rows.rows, ...(rows.after ?? [])].map((r) => r[k]).find((x) => x !== null && x !== undefined);
    const base = typeof v === 'number' ? (Number.isInteger(v) ? 'bigint' : 'double') : 'longtext';
    return { type: { base, args: [], unsigned: false, zerofill: false }, nullable: true };
  });
}

function bitmap(w: Writer, n: number, bit: (i: number) => boolean, unusedSet: boolean): void {
  for (let i = 0; i < n; i += 8) {
    let b = 0;
    for (let k = 0; k < 8; k += 1) if (i + k < n ? bit(i + k) : unusedSet) b |= 1 << k;
    w.u8(b);
  }
}

/** The Table_map body: table id, flags, the names, the types and their metadata, the nullable columns, and MINIMAL's optional metadata (signedness, default charset). */
export function tableMapBody(tableId: number, rows: TableRows): Uint8Array {
  const columns = loggedColumns(rows);
  const codecs = columns.map(codecOf);
  const w = new Writer();
  w.le(tableId, 6);
  w.le(1, 2);
  for (const name of [rows.database, rows.table]) {
    const b = utf8.encode(name);
    w.u8(b.length);
    w.bytes(b);
    w.u8(0);
  }
  w.packed(columns.length);
  for (const c of codecs) w.u8(c.code);
  const meta = codecs.flatMap((c) => c.meta);
  w.packed(meta.length);
  for (const b of meta) w.u8(b);
  bitmap(w, columns.length, (i) => columns[i]!.nullable, false);
  const numeric = columns.filter((_, i) => codecs[i]!.numeric);
  if (numeric.length) {
    w.u8(1);
    w.packed(Math.ceil(numeric.length / 8));
    for (let i = 0; i < numeric.length; i += 8) {
      let b = 0;
      for (let k = 0; k < 8 && i + k < numeric.length; k += 1) if (numeric[i + k]!.type.unsigned) b |= 0x80 >> k;
      w.u8(b);
    }
  }
  const character = columns.filter((_, i) => codecs[i]!.character);
  if (character.length) {
    const ids = character.map((c) => COLLATION_ID[c.charset ?? 'utf8mb4'] ?? 255);
    const common = ids[0]!;
    const field = new Writer();
    field.packed(common);
    ids.forEach((id, i) => {
      if (id === common) return;
      field.packed(i);
      field.packed(id);
    });
    w.u8(2);
    w.packed(field.length);
    w.bytes(field.done());
  }
  return w.done();
}

/** One row image: the null bitmap over the columns, then the non-null values. */
function rowImage(row: readonly CellValue[], columns: readonly LoggedColumn[], codecs: readonly ColumnCodec[]): Uint8Array {
  const w = new Writer();
  bitmap(w, columns.length, (i) => row[i] === null || row[i] === undefined, true);
  columns.forEach((c, i) => {
    const v = row[i];
    if (v !== null && v !== undefined) writeValue(w, v, codecs[i]!, c);
  });
  return w.done();
}

export interface RowsChunk {
  rows: TableRows;
  /** The images of the chunk's rows (an update: before then after, row by row). */
  images: Uint8Array[];
}

/** A statement's rows split into row events as the server fills them: a row goes to a new event once the event's data would pass binlog_row_event_max_size. */
export function rowChunks(rows: TableRows): RowsChunk[] {
  const columns = loggedColumns(rows);
  const codecs = columns.map(codecOf);
  const fixed = 10 + packedSize(columns.length) + Math.ceil(columns.length / 8) * (rows.op === 'update' ? 2 : 1);
  const chunks: RowsChunk[] = [];
  let current: { rows: (readonly CellValue[])[]; after: (readonly CellValue[])[]; images: Uint8Array[]; size: number } | null = null;
  const flush = () => {
    if (current) chunks.push({ rows: { ...rows, rows: current.rows, after: rows.after ? current.after : undefined }, images: current.images });
  };
  rows.rows.forEach((row, i) => {
    const images = [rowImage(row, columns, codecs)];
    if (rows.after) images.push(rowImage(rows.after[i]!, columns, codecs));
    const size = images.reduce((s, b) => s + b.length, 0);
    if (!current || (current.rows.length > 0 && current.size + size > ROW_EVENT_MAX)) {
      flush();
      current = { rows: [], after: [], images: [], size: fixed };
    }
    current.rows.push(row);
    if (rows.after) current.after.push(rows.after[i]!);
    current.images.push(...images);
    current.size += size;
  });
  flush();
  return chunks;
}

function packedSize(n: number): number {
  return n < 251 ? 1 : n < 0x10000 ? 3 : n < 0x1000000 ? 4 : 9;
}

/** A row event's body: table id, flags, the v2 extra-data length (2: none), the column count and bitmaps, the row images. */
export function rowsBody(tableId: number, flags: number, chunk: RowsChunk): Uint8Array {
  const n = chunk.rows.columns.length;
  const w = new Writer();
  w.le(tableId, 6);
  w.le(flags, 2);
  w.le(2, 2);
  w.packed(n);
  bitmap(w, n, () => true, true);
  if (chunk.rows.op === 'update') bitmap(w, n, () => true, true);
  for (const image of chunk.images) w.bytes(image);
  return w.done();
}

export function rowsEventType(op: TableRows['op']): number {
  return ROW_TYPES[op];
}

/** Bytes an event with this body takes. */
export function eventSize(body: Uint8Array | number): number {
  return EVENT_HEADER + (typeof body === 'number' ? body : body.length) + CHECKSUM;
}

// ---- base64 ----

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 in lines of 76 characters, as MySQL's base64_encode writes an event for mysqlbinlog. */
export function base64Lines(bytes: Uint8Array): string {
  let out = '';
  let len = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    if (len === 76) {
      out += '\n';
      len = 0;
    }
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]! + (b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!) + (c === undefined ? '=' : B64[c & 63]!);
    len += 4;
  }
  return out;
}

/** The bytes of a BINLOG statement's text: base64 chunks, each event's padded on its own (null when it is not base64). */
export function base64Bytes(text: string): Uint8Array | null {
  const s = text.replace(/\s+/g, '');
  if (s.length % 4 !== 0) return null;
  const out = new Uint8Array((s.length / 4) * 3);
  let n = 0;
  for (let i = 0; i < s.length; i += 4) {
    const q = [0, 1, 2, 3].map((k) => (s[i + k] === '=' ? -2 : B64.indexOf(s[i + k]!)));
    if (q.some((x) => x === -1) || q[0]! < 0 || q[1]! < 0 || (q[2] === -2 && q[3] !== -2)) return null;
    out[n++] = (q[0]! << 2) | (q[1]! >> 4);
    if (q[2]! >= 0) out[n++] = ((q[1]! & 15) << 4) | (q[2]! >> 2);
    if (q[3]! >= 0) out[n++] = ((q[2]! & 3) << 6) | q[3]!;
  }
  return out.slice(0, n);
}

// ---- decoding events ----

export interface DecodedTableMap {
  tableId: number;
  database: string;
  table: string;
  codes: number[];
  meta: number[][];
  nullable: boolean[];
  unsigned: boolean[];
}

export type DecodedEvent =
  | { kind: 'format'; header: EventHeader; version: string; created: number }
  | { kind: 'table_map'; header: EventHeader; map: DecodedTableMap }
  | { kind: 'rows'; header: EventHeader; op: TableRows['op']; tableId: number; flags: number; columns: number; rows: CellValue[][]; after: CellValue[][] }
  | { kind: 'other'; header: EventHeader };

const META_BYTES: Readonly<Record<number, number>> = { [MYSQL.float]: 1, [MYSQL.double]: 1, [MYSQL.varchar]: 2, [MYSQL.bit]: 2, [MYSQL.newdecimal]: 2, [MYSQL.blob]: 1, [MYSQL.json]: 1, [MYSQL.string]: 2, [MYSQL.timestamp2]: 1, [MYSQL.datetime2]: 1, [MYSQL.time2]: 1 };

function readTableMap(r: Reader, end: number): DecodedTableMap {
  const tableId = r.leN(6);
  r.leN(2);
  const dbLen = r.u8();
  const database = fromUtf8.decode(r.bytes(dbLen));
  r.u8();
  const tLen = r.u8();
  const table = fromUtf8.decode(r.bytes(tLen));
  r.u8();
  const n = r.packed();
  const codes = [...r.bytes(n)];
  r.packed();
  const meta = codes.map((c) => [...r.bytes(META_BYTES[c] ?? 0)]);
  const nulls = r.bytes(Math.ceil(n / 8));
  const nullable = codes.map((_, i) => ((nulls[i >> 3]! >> (i & 7)) & 1) === 1);
  const unsigned = codes.map(() => false);
  while (r.pos < end) {
    const type = r.u8();
    const len = r.packed();
    const value = r.bytes(len);
    if (type === 1) {
      let k = 0;
      codes.forEach((c, i) => {
        if ([MYSQL.tiny, MYSQL.short, MYSQL.int24, MYSQL.long, MYSQL.longlong, MYSQL.newdecimal, MYSQL.float, MYSQL.double].includes(c as never)) {
          unsigned[i] = ((value[k >> 3]! >> (7 - (k & 7))) & 1) === 1;
          k += 1;
        }
      });
    }
  }
  return { tableId, database, table, codes, meta, nullable, unsigned };
}

function readRowImage(r: Reader, map: DecodedTableMap, columns: readonly (LoggedColumn | undefined)[]): CellValue[] {
  const n = map.codes.length;
  const nulls = r.bytes(Math.ceil(n / 8));
  const row: CellValue[] = [];
  for (let i = 0; i < n; i += 1) {
    if ((nulls[i >> 3]! >> (i & 7)) & 1) row.push(null);
    else row.push(readValue(r, map.codes[i]!, map.meta[i]!, map.unsigned[i]!, columns[i]));
  }
  return row;
}

/**
 * The events in a BINLOG statement's bytes. Row events are decoded by the Table_map before them
 * (`maps`, kept across statements as the session's), with `columnsOf` naming a table's columns
 * (ENUM and SET values are read by their members). Throws on bytes that are not events.
 */
export function decodeEvents(bytes: Uint8Array, maps: Map<number, DecodedTableMap>, columnsOf: (database: string, table: string) => readonly LoggedColumn[] | undefined): DecodedEvent[] {
  const out: DecodedEvent[] = [];
  let at = 0;
  while (at < bytes.length) {
    const header = readHeader(bytes, at);
    if (header.size < EVENT_HEADER + CHECKSUM || at + header.size > bytes.length) throw new RangeError('bad event size');
    const event = bytes.subarray(at, at + header.size);
    const check = event.slice(0, header.size - CHECKSUM);
    if (header.type === TYPE.formatDescription) check[17] = check[17]! & ~1;
    if (checksumText(event) !== `0x${crc32(check).toString(16).padStart(8, '0')}`) throw new RangeError('checksum mismatch');
    const r = new Reader(event.subarray(0, header.size - CHECKSUM));
    r.pos = EVENT_HEADER;
    const end = header.size - CHECKSUM;
    if (header.type === TYPE.formatDescription) {
      r.leN(2);
      const version = fromUtf8.decode(r.bytes(50)).replace(/\0.*$/s, '');
      out.push({ kind: 'format', header, version, created: r.leN(4) });
    } else if (header.type === TYPE.tableMap) {
      const map = readTableMap(r, end);
      maps.set(map.tableId, map);
      out.push({ kind: 'table_map', header, map });
    } else if (header.type === TYPE.writeRows || header.type === TYPE.updateRows || header.type === TYPE.deleteRows) {
      const tableId = r.leN(6);
      const flags = r.leN(2);
      const extra = r.leN(2);
      r.bytes(Math.max(0, extra - 2));
      const n = r.packed();
      const update = header.type === TYPE.updateRows;
      r.bytes(Math.ceil(n / 8) * (update ? 2 : 1));
      const map = maps.get(tableId);
      if (!map) throw new RangeError(`no Table_map for table id ${tableId}`);
      const columns = columnsOf(map.database, map.table) ?? [];
      const rows: CellValue[][] = [];
      const after: CellValue[][] = [];
      while (r.pos < end) {
        rows.push(readRowImage(r, map, columns));
        if (update) after.push(readRowImage(r, map, columns));
      }
      out.push({ kind: 'rows', header, op: header.type === TYPE.writeRows ? 'insert' : update ? 'update' : 'delete', tableId, flags, columns: n, rows, after });
    } else out.push({ kind: 'other', header });
    at += header.size;
  }
  return out;
}
