/**
 * The size in bytes of a DNS message on the wire, with name compression as servers write it: what
 * `dig` reports as `;; MSG SIZE  rcvd:`. Each name (and each suffix of it) already written becomes
 * a two-byte pointer the next time.
 */
import type { DnsRecord } from './dns';

class NameTable {
  private seen = new Set<string>();

  /** Bytes this name takes here, remembering its suffixes for later pointers. */
  size(name: string): number {
    const labels = name.replace(/\.$/, '').split('.').filter((l) => l !== '');
    let bytes = 0;
    for (let i = 0; i < labels.length; i += 1) {
      const suffix = labels.slice(i).join('.');
      if (this.seen.has(suffix)) return bytes + 2;
      bytes += 1 + labels[i]!.length;
    }
    for (let i = 0; i < labels.length; i += 1) this.seen.add(labels.slice(i).join('.'));
    return bytes + 1;
  }
}

function rdataSize(table: NameTable, record: DnsRecord): number {
  switch (record.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return table.size(record.data);
    case 'MX': {
      const [, exchange = '.'] = record.data.split(/\s+/);
      return 2 + table.size(exchange);
    }
    case 'TXT':
      return [...record.data.matchAll(/"([^"]*)"/g)].reduce((sum, m) => sum + 1 + m[1]!.length, 0) || 1;
    case 'SOA': {
      const [mname = '.', rname = '.'] = record.data.split(/\s+/);
      return table.size(mname) + table.size(rname) + 20;
    }
  }
}

/** Bytes of a reply with this question, these sections and (optionally) an EDNS OPT record. */
export function messageSize(question: string, sections: readonly (readonly DnsRecord[])[], edns: boolean): number {
  const table = new NameTable();
  let bytes = 12 + table.size(question) + 4;
  for (const section of sections) for (const record of section) bytes += table.size(record.name) + 10 + rdataSize(table, record);
  return bytes + (edns ? 11 : 0);
}
