/**
 * DNS records as BIND 9.11's tools write them (master-file style): fields aligned on tab stops at
 * columns 24 (TTL), 32 (class), 40 (type) and 48 (data), a single space when a field is already
 * past its column, exactly as lib/dns/masterdump.c's `indent` does.
 */
import type { DnsRecord } from './dns';

const TAB = 8;

/** Whitespace from column `from` to column `to` (at least one character), and the new column. */
function indent(from: number, target: number): { text: string; column: number } {
  const to = target < from + 1 ? from + 1 : target;
  const tabs = Math.max(0, Math.floor(to / TAB) - Math.floor(from / TAB));
  const start = tabs > 0 ? Math.floor(to / TAB) * TAB : from;
  return { text: '\t'.repeat(tabs) + ' '.repeat(to - start), column: to };
}

/** Fields written at their columns. */
function aligned(fields: readonly (readonly [string, number])[]): string {
  let out = '';
  let column = 0;
  fields.forEach(([text, at], i) => {
    if (i > 0) {
      const pad = indent(column, at);
      out += pad.text;
      column = pad.column;
    }
    out += text;
    column += text.length;
  });
  return out;
}

/** `www.crumb.example.	300	IN	CNAME	crumb.example.` */
export function recordText(record: DnsRecord): string {
  return aligned([
    [record.name, 0],
    [String(record.ttl), 24],
    ['IN', 32],
    [record.type, 40],
    [record.data, 48],
  ]);
}

/** `;crumb.example.			IN	A` (the `;` is not counted in the columns). */
export function questionText(name: string, type: string): string {
  return `;${aligned([
    [name, 0],
    ['IN', 32],
    [type, 40],
  ])}`;
}

/** The root servers, for `dig` with no arguments (an NS query for "."). */
export const ROOT_SERVERS: readonly DnsRecord[] = 'abcdefghijklm'.split('').map((letter) => ({ name: '.', type: 'NS', ttl: 518400, data: `${letter}.root-servers.net.` }));
