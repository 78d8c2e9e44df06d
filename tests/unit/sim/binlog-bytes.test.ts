/**
 * The bytes behind mysqlbinlog's `BINLOG '…'` blocks, read by a decoder of this test's own (the
 * layouts of MySQL's "Binary log event" internals: the 19-byte common header, TABLE_MAP_EVENT,
 * WRITE/UPDATE/DELETE_ROWS_EVENT v2, the CRC32 footer): they hold the rows -v prints, their
 * sizes and end positions are the `# at`/end_log_pos lines and the file's size everywhere, and
 * the BINLOG statement applies what the bytes say.
 */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { typeMysql, runStatements, mysqlConfig } from './mysql-fixture';
import { mysqlRowCounts } from '../../../src/sim/mysql/api';
import { base64Bytes, base64Lines, decodeEvents, rowChunks, rowsBody, tableMapBody, TYPE, wrapEvent } from '../../../src/sim/mysql/binlog-codec';
import type { LoggedColumn, TableRows } from '../../../src/sim/mysql/state';

const login = '-u ana -pana-secret';

// ---- the test's own decoder ----

interface Header {
  timestamp: number;
  type: number;
  serverId: number;
  size: number;
  logPos: number;
  flags: number;
}

interface Map {
  database: string;
  table: string;
  types: number[];
  meta: number[][];
}

const le = (b: Uint8Array, at: number, n: number) => b.subarray(at, at + n).reduceRight((v, x) => v * 256 + x, 0);
const be = (b: Uint8Array, at: number, n: number) => b.subarray(at, at + n).reduce((v, x) => v * 256 + x, 0);

function header(b: Uint8Array): Header {
  return { timestamp: le(b, 0, 4), type: b[4]!, serverId: le(b, 5, 4), size: le(b, 9, 4), logPos: le(b, 13, 4), flags: le(b, 17, 2) };
}

function packed(b: Uint8Array, at: number): [number, number] {
  const f = b[at]!;
  if (f < 251) return [f, 1];
  if (f === 0xfc) return [le(b, at + 1, 2), 3];
  return [le(b, at + 1, 3), 4];
}

const META: Record<number, number> = { 15: 2, 246: 2, 254: 2, 18: 1, 17: 1, 19: 1, 252: 1, 245: 1, 4: 1, 5: 1 };

function tableMap(b: Uint8Array): Map {
  let p = 19 + 8;
  const database = new TextDecoder().decode(b.subarray(p + 1, p + 1 + b[p]!));
  p += 1 + b[p]! + 1;
  const table = new TextDecoder().decode(b.subarray(p + 1, p + 1 + b[p]!));
  p += 1 + b[p]! + 1;
  const [n, k] = packed(b, p);
  p += k;
  const types = [...b.subarray(p, p + n)];
  p += n;
  p += packed(b, p)[1];
  const meta = types.map((t) => {
    const m = [...b.subarray(p, p + (META[t] ?? 0))];
    p += m.length;
    return m;
  });
  return { database, table, types, meta };
}

/** One value as -v prints it, for the types the fixture's tables use. */
function value(b: Uint8Array, p: number, type: number, meta: number[]): [string, number] {
  switch (type) {
    case 2:
      return [String((le(b, p, 2) << 16) >> 16), 2];
    case 3:
      return [String(le(b, p, 4) | 0), 4];
    case 15: {
      const n = meta[0]! + meta[1]! * 256 > 255 ? 2 : 1;
      const len = le(b, p, n);
      return [`'${new TextDecoder().decode(b.subarray(p + n, p + n + len))}'`, n + len];
    }
    case 254: {
      const max = ((meta[0]! & 0x30) ^ 0x30) * 16 + meta[1]!;
      const n = max > 255 ? 2 : 1;
      const len = le(b, p, n);
      return [`'${new TextDecoder().decode(b.subarray(p + n, p + n + len))}'`, n + len];
    }
    case 18: {
      const v = be(b, p, 5) - 0x8000000000;
      const ymd = Math.floor(v / 2 ** 17);
      const hms = v % 2 ** 17;
      const two = (x: number) => String(x).padStart(2, '0');
      const ym = ymd >> 5;
      return [`'${Math.floor(ym / 13)}-${two(ym % 13)}-${two(ymd & 31)} ${two(hms >> 12)}:${two((hms >> 6) & 63)}:${two(hms & 63)}'`, 5 + Math.ceil(meta[0]! / 2)];
    }
    case 246: {
      // decimal(p,s) with p−s ≤ 9 and s ≤ 9, positive: what the fixture holds.
      const [precision, scale] = meta as [number, number];
      const dig = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];
      const ib = dig[precision - scale]!;
      const fb = dig[scale]!;
      const raw = Uint8Array.from(b.subarray(p, p + ib + fb));
      raw[0] = raw[0]! ^ 0x80;
      return [`${be(raw, 0, ib)}.${String(be(raw, ib, fb)).padStart(scale, '0')}`, ib + fb];
    }
    case 245: {
      const len = le(b, p, 4);
      return ['<json>', 4 + len];
    }
    default:
      throw new Error(`type ${type} not in this decoder`);
  }
}

/** A row event's rows as -v lines (`###   @1=…`), one array per image. */
function rowImages(b: Uint8Array, map: Map): string[][] {
  const h = header(b);
  let p = 19 + 6 + 2;
  p += le(b, p, 2);
  const [n, k] = packed(b, p);
  p += k + Math.ceil(n / 8) * (h.type === TYPE.updateRows ? 2 : 1);
  const images: string[][] = [];
  while (p < h.size - 4) {
    const nulls = b.subarray(p, p + Math.ceil(n / 8));
    p += nulls.length;
    const row: string[] = [];
    for (let i = 0; i < n; i += 1) {
      if ((nulls[i >> 3]! >> (i & 7)) & 1) row.push(`###   @${i + 1}=NULL`);
      else {
        const [text, used] = value(b, p, map.types[i]!, map.meta[i]!);
        p += used;
        row.push(`###   @${i + 1}=${text}`);
      }
    }
    images.push(row);
  }
  return images;
}

interface Printed {
  /** `# at N` with the header line after it. */
  heads: { at: number; end: number; crc: string; kind: string }[];
  /** The events of each BINLOG block, decoded from base64. */
  blocks: Uint8Array[][];
  /** Each block's -v lines. */
  verbose: string[][];
}

/** mysqlbinlog's output cut into its event headers, its BINLOG blocks (each event's base64 on its own lines) and the -v lines after each. */
function parse(lines: readonly string[]): Printed {
  const out: Printed = { heads: [], blocks: [], verbose: [] };
  for (let i = 0; i < lines.length; i += 1) {
    const at = /^# at (\d+)$/.exec(lines[i]!);
    if (at) {
      const m = /end_log_pos (\d+) CRC32 (0x[0-9a-f]{8})\s+(\w+)/.exec(lines[i + 1]!)!;
      out.heads.push({ at: Number(at[1]), end: Number(m[1]), crc: m[2]!, kind: m[3]! });
      continue;
    }
    if (lines[i] === "BINLOG '") {
      const text: string[] = [];
      for (i += 1; lines[i] !== "'/*!*/;"; i += 1) text.push(lines[i]!);
      // Each event's base64 ends at a line shorter than 76 characters (or with its padding).
      const events: string[][] = [[]];
      for (const l of text) {
        events.at(-1)!.push(l);
        if (l.length < 76 || l.endsWith('=')) events.push([]);
      }
      out.blocks.push(events.filter((e) => e.length).map((e) => Uint8Array.from(Buffer.from(e.join(''), 'base64'))));
      const verbose: string[] = [];
      while (lines[i + 1]?.startsWith('###')) verbose.push(lines[(i += 1)]!);
      out.verbose.push(verbose);
    }
  }
  return out;
}

function mysqlbinlog(args: string, world?: Parameters<typeof typeMysql>[1]): { lines: string[]; world: ReturnType<typeof typeMysql>['world'] } {
  const { steps, world: after } = typeMysql(['ssh shopdb-1', `sudo mysqlbinlog ${args} /var/lib/mysql/binlog.000017`], world);
  return { lines: steps[1]!.output, world: after };
}

function crcText(event: Uint8Array): string {
  return `0x${le(event, event.length - 4, 4).toString(16).padStart(8, '0')}`;
}

describe("mysqlbinlog's BINLOG blocks are the events' real bytes", () => {
  it('each block starts with the Table_map, then the row events; each event decodes to the rows -v prints', { timeout: 60_000 }, () => {
    const printed = parse(mysqlbinlog('-v').lines);
    // The first block is the Format_description at 4, then one per row statement.
    expect(header(printed.blocks[0]![0]!)).toMatchObject({ type: 15, size: 120, logPos: 124 });
    expect(printed.blocks.length).toBeGreaterThan(3);
    for (const [k, block] of printed.blocks.slice(1).entries()) {
      const map = tableMap(block[0]!);
      expect(header(block[0]!).type).toBe(TYPE.tableMap);
      // Each row event is read by the Table_map before it (a transaction can change several tables).
      let current = map;
      const images = block.flatMap((e) => {
        if (header(e).type === TYPE.tableMap) {
          current = tableMap(e);
          return [];
        }
        return rowImages(e, current);
      });
      const verbose = printed.verbose[k + 1]!.filter((l) => l.startsWith('###   @'));
      const typesOf = block.filter((e) => header(e).type === TYPE.tableMap).flatMap((e) => tableMap(e).types);
      // JSON columns are not read by this decoder: compare the others.
      const keep = (l: string) => !typesOf.includes(245) || !l.includes('<json>');
      expect(images.flat().filter(keep)).toEqual(verbose.filter((_, i) => keep(images.flat()[i] ?? '')));
      expect(printed.verbose[k + 1]!.find((l) => /^### (INSERT INTO|UPDATE|DELETE FROM) /.test(l))).toContain(`\`${map.database}\`.\`${map.table}\``);
    }
  });

  it("sizes, end positions and checksums in the bytes are the `# at`/end_log_pos/CRC32 lines; the last end is SHOW BINARY LOGS' size and ls -l's", { timeout: 60_000 }, () => {
    const printed = parse(mysqlbinlog('').lines);
    const byStart = new Map(printed.heads.map((h) => [h.at, h]));
    const fde = printed.blocks[0]![0]!;
    expect(crcText(fde)).toBe(byStart.get(4)!.crc);
    for (const block of printed.blocks.slice(1)) {
      for (const event of block) {
        const h = header(event);
        const head = byStart.get(h.logPos - h.size)!;
        expect(head).toBeDefined();
        expect(head.end).toBe(h.logPos);
        expect(h.size).toBe(event.length);
        expect(crcText(event)).toBe(head.crc);
        expect(crc32(event.subarray(0, event.length - 4))).toBe(le(event, event.length - 4, 4));
        expect(h.serverId).toBe(1);
      }
    }
    // The events tile the file: each starts where the one before ended.
    printed.heads.forEach((h, i) => {
      if (i > 0) expect(h.at).toBe(printed.heads[i - 1]!.end);
    });
    const last = printed.heads.at(-1)!.end;
    const { steps } = typeMysql(['ssh shopdb-1', 'sudo ls -l /var/lib/mysql/binlog.000017', `mysql ${login} -BN -e "SHOW BINARY LOGS; SHOW MASTER STATUS"`]);
    expect(steps[1]!.output[0]).toMatch(new RegExp(` ${last} \\w{3} .* /var/lib/mysql/binlog.000017$`));
    expect(steps[2]!.output).toContain(`binlog.000017\t${last}\tNo`);
    expect(steps[2]!.output).toContain(`binlog.000017\t${last}\t\t\t`);
  });

  it("SHOW BINLOG EVENTS and the replica's positions are the same events' positions", { timeout: 60_000 }, () => {
    const printed = parse(mysqlbinlog('').lines);
    const { steps } = typeMysql(['ssh shopdb-1', `mysql ${login} -BN -e "SHOW BINLOG EVENTS IN 'binlog.000017'"`, 'exit', 'ssh shopdb-2', `mysql ${login} -e "SHOW SLAVE STATUS\\G"`]);
    const shown = steps[1]!.output.filter((l) => l.startsWith('binlog.000017')).map((l) => l.split('\t'));
    expect(shown.map((c) => [Number(c[1]), Number(c[4])])).toEqual(printed.heads.map((h) => [h.at, h.end]));
    const status = steps[4]!.output;
    const field = (name: string) => Number(status.find((l) => l.trim().startsWith(`${name}:`))!.split(':')[1]);
    expect(field('Read_Master_Log_Pos')).toBe(printed.heads.at(-1)!.end);
    // The replica executed up to the end of a transaction: an Xid's end.
    expect(printed.heads.filter((h) => h.kind === 'Xid').map((h) => h.end)).toContain(field('Exec_Master_Log_Pos'));
  });

  it('the BINLOG statement applies what the bytes say: an edited row (its checksum made again) is what lands', { timeout: 60_000 }, () => {
    const printed = parse(mysqlbinlog('').lines);
    // The DELETE FROM customers: re-apply it as an INSERT of the same rows with one e-mail changed.
    const block = printed.blocks.find((b) => tableMap(b[0]!).table === 'customers' && b.slice(1).some((e) => header(e).type === TYPE.deleteRows))!;
    const first = Uint8Array.from(block[1]!);
    first[4] = TYPE.writeRows;
    const text = new TextDecoder('latin1').decode(first);
    const at = text.indexOf('@');
    expect(at).toBeGreaterThan(0);
    first[at - 1] = 'Z'.charCodeAt(0);
    first.set(Buffer.from(Uint32Array.of(crc32(first.subarray(0, first.length - 4))).buffer), first.length - 4);
    const rows = rowImages(first, tableMap(block[0]!));
    const b64 = (b: Uint8Array) => base64Lines(b).replace(/\n/g, '');
    const statement = `BINLOG '${b64(printed.blocks[0]![0]!)}'; BINLOG '${b64(block[0]!)}${b64(first)}';`;
    const { world, steps } = typeMysql(['ssh shopdb-1', `mysql ${login} -e "${statement}"`, `mysql ${login} -BN -e "SELECT COUNT(*) FROM shop.customers WHERE email LIKE '%Z@%'"`]);
    expect(steps[1]!.output.filter((l) => !l.includes('[Warning]'))).toEqual([]);
    expect(mysqlRowCounts(mysqlConfig, world, 'db1')!.get('shop.customers')).toBe(rows.length);
    expect(steps[2]!.output.filter((l) => !l.includes('[Warning]'))).toEqual(['1']);
    // A checksum that does not match is refused.
    first[first.length - 1] = first[first.length - 1]! ^ 0xff;
    const bad = typeMysql(['ssh shopdb-1', `mysql ${login} -e "BINLOG '${b64(printed.blocks[0]![0]!)}'; BINLOG '${b64(block[0]!)}${b64(first)}'"`]);
    expect(bad.steps[1]!.output.join('\n')).toMatch(/ERROR 1575/);
    // Without a Format_description BINLOG first on the connection, 8.0 refuses the events.
    const alone = typeMysql(['ssh shopdb-1', `mysql ${login} -e "BINLOG '${b64(block[0]!)}'"`]);
    expect(alone.steps[1]!.output.filter((l) => !l.includes('[Warning]'))).toEqual(['ERROR 1609 (HY000) at line 1: The BINLOG statement of type `Table_map` was not preceded by a format description BINLOG statement.']);
  });
});

describe('the codec', () => {
  const t = (base: string, a: string[] = [], unsigned = false): LoggedColumn => ({ type: { base, args: a, unsigned, zerofill: false }, nullable: true });
  it('round-trips the column types the scenarios use, NULLs included', () => {
    const types = [t('int'), t('int', [], true), t('bigint'), t('smallint'), t('decimal', ['12', '3']), t('decimal', ['10', '2']), t('varchar', ['255']), t('char', ['64']), t('datetime'), t('date'), t('timestamp'), t('time'), t('json'), t('enum', ["'above'", "'below'"]), t('set', ["'a'", "'b'", "'c'"]), t('double'), t('year'), t('text')];
    const row = [-5, 4_000_000_000, 2 ** 40, -300, -1234.5, 99.99, 'é'.repeat(100), 'x'.repeat(64), '2020-05-04 08:35:02', '2020-05-04', '2020-05-04 08:35:02', '-12:30:05', '{"b": [1, 2.5, "x"], "a": null, "ok": true}', 'below', 'a,c', 0.1, 2020, 'long text'];
    const rows: TableRows = { database: 'd', table: 't', op: 'insert', columns: types.map((_, i) => `c${i}`), rows: [row, types.map(() => null)], types };
    const map = wrapEvent({ timestamp: 0, type: TYPE.tableMap, serverId: 1, logPos: 0, flags: 0 }, tableMapBody(100, rows));
    const write = wrapEvent({ timestamp: 0, type: TYPE.writeRows, serverId: 1, logPos: 0, flags: 0 }, rowsBody(100, 1, rowChunks(rows)[0]!));
    const events = decodeEvents(base64Bytes(`${base64Lines(map)}\n${base64Lines(write)}`)!, new Map(), () => types);
    const decoded = events[1]!.kind === 'rows' ? events[1]!.rows : [];
    expect(decoded[1]).toEqual(types.map(() => null));
    expect(decoded[0]).toEqual([-5, 4_000_000_000, 2 ** 40, -300, -1234.5, 99.99, 'é'.repeat(100), 'x'.repeat(64), '2020-05-04 08:35:02', '2020-05-04', '2020-05-04 08:35:02', '-12:30:05', '{"a": null, "b": [1, 2.5, "x"], "ok": true}', 'below', 'a,c', 0.1, 2020, 'long text']);
  });

  it('splits rows into events of at most binlog_row_event_max_size (8 kB) of data', () => {
    const types = [t('int'), t('varchar', ['255'])];
    const rows: TableRows = { database: 'd', table: 't', op: 'delete', columns: ['id', 'v'], rows: Array.from({ length: 1281 }, (_, i) => [i, `row ${i} ${'y'.repeat(40)}`]), types };
    const chunks = rowChunks(rows);
    expect(chunks.reduce((n, c) => n + c.rows.rows.length, 0)).toBe(1281);
    for (const c of chunks) expect(rowsBody(1, 0, c).length).toBeLessThanOrEqual(8192);
    expect(chunks.length).toBeGreaterThan(5);
  });
});

describe('a large DELETE', () => {
  it('of 1,281 rows prints with -v in well under a second, its rows all decoded', { timeout: 120_000 }, () => {
    const values = Array.from({ length: 1281 }, (_, i) => `('F${i}', 'L${i}', 'bulk${i}@example.com', 'Tunis', '2021-03-02 14:00:00')`).join(', ');
    const { world, results } = runStatements('db1', ['SET FOREIGN_KEY_CHECKS=0', `INSERT INTO shop.customers (first_name, last_name, email, city, created_at) VALUES ${values}`, "DELETE FROM shop.customers WHERE email LIKE 'bulk%'"]);
    expect(results.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok']);
    // Warm the world once (the database images open), then time the command itself (into a file: the drill shows 5,000 lines of a command).
    const typed = typeMysql(['ssh shopdb-1'], world);
    const run = (w: typeof world) => typeMysql(['sudo mysqlbinlog -v /var/lib/mysql/binlog.000017 > /tmp/all.sql'], w);
    run(typed.world);
    const started = performance.now();
    const after = run(typed.world).world;
    const elapsed = performance.now() - started;
    const { steps } = typeMysql(['grep -c "^### DELETE FROM .shop.\\..customers.$" /tmp/all.sql', "grep -v '^###' /tmp/all.sql | tail -n 2500"], after);
    expect(steps[0]!.output).toEqual([String(48 + 1281)]);
    const printed = parse(steps[1]!.output);
    const block = printed.blocks.at(-1)!;
    expect(block.length).toBeGreaterThan(5);
    const rows = block.slice(1).flatMap((e) => rowImages(e, tableMap(block[0]!)));
    expect(rows.length).toBe(1281);
    expect(rows[1280]![3]).toBe("###   @4='bulk1280@example.com'");
    expect(elapsed).toBeLessThan(1000);
    if (process.env.BINLOG_TIMING) console.log(`mysqlbinlog -v of 1,329 rows: ${elapsed.toFixed(0)} ms`);
  });
});
