/**
 * DNS as the world's name servers answer it: the scenario's zones (public ones for everyone,
 * internal ones for resolvers inside the company), CNAME chains followed as a recursive resolver
 * does, PTR records (declared, or made from a zone's A records), NXDOMAIN with the zone's SOA.
 */
import type { DnsZoneSpec } from '../../scenario/world/network';
import type { SimConfig } from '../world';
import { addressOfReverseName, parseIpv4, reverseName } from './address';

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'MX' | 'NS' | 'TXT' | 'SOA';

export interface DnsRecord {
  /** Absolute, lower case, with the final dot: `www.tunistocks.tn.` */
  name: string;
  type: RecordType;
  ttl: number;
  /** As dig prints the data: an address, `target.name.`, `10 mail.example.com.`, `"text"`. */
  data: string;
}

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

export interface DnsAnswer {
  rcode: Rcode;
  answers: DnsRecord[];
  authority: DnsRecord[];
}

/** What a resolver sees: public zones only, or the internal ones too. */
export type DnsScope = 'public' | 'internal';

export const DEFAULT_TTL = 300;
/** The root zone's SOA, returned for names under no zone the world knows. */
const ROOT_SOA: DnsRecord = { name: '.', type: 'SOA', ttl: 86400, data: 'a.root-servers.net. nstld.verisign-grs.com. 2020050400 1800 900 604800 86400' };
/** Longest CNAME chain followed (resolvers give up on loops). */
const MAX_CHAIN = 8;

/** `WWW.Example.com` → `www.example.com.` */
export function absoluteName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

function ownerName(record: string, zone: string): string {
  if (record === '@') return zone;
  if (record.endsWith('.')) return record.toLowerCase();
  return `${record.toLowerCase()}.${zone}`;
}

function dataOf(type: RecordType, value: string, zone: string): string {
  // A target with a dot in it is taken as a full name; a single label is inside the zone.
  if (type === 'CNAME' || type === 'PTR' || type === 'NS') return value.endsWith('.') ? value.toLowerCase() : `${value.toLowerCase()}.${value.includes('.') ? '' : zone}`;
  if (type === 'MX') {
    const [pref = '10', host = ''] = value.trim().split(/\s+/);
    return `${pref} ${host.endsWith('.') ? host : `${host}.`}`;
  }
  if (type === 'TXT') return value.startsWith('"') ? value : `"${value}"`;
  return value;
}

interface ZoneIndex {
  zone: string;
  scope: DnsScope;
  soa: DnsRecord | null;
  records: DnsRecord[];
}

const cache = new WeakMap<SimConfig, ZoneIndex[]>();

function zonesOf(config: SimConfig): ZoneIndex[] {
  let zones = cache.get(config);
  if (zones) return zones;
  zones = (config.world.network?.zones ?? []).map((z: DnsZoneSpec) => {
    const zone = absoluteName(z.name);
    const ttl = z.ttl ?? DEFAULT_TTL;
    // A PTR record may be written with the address as its name: `10.0.1.21` → `21.1.0.10.in-addr.arpa.`
    const records: DnsRecord[] = z.records.map((r) => {
      const asAddress = r.type === 'PTR' ? parseIpv4(r.name.replace(/\.$/, '')) : null;
      const owner = asAddress !== null ? `${reverseName(asAddress)}.` : ownerName(r.name, zone);
      return { name: owner, type: r.type, ttl: r.ttl ?? ttl, data: dataOf(r.type, r.value, zone) };
    });
    if (z.reverse) {
      for (const r of records.filter((x) => x.type === 'A')) {
        const address = parseIpv4(r.data);
        if (address !== null) records.push({ name: `${reverseName(address)}.`, type: 'PTR', ttl: r.ttl, data: r.name });
      }
    }
    const soa: DnsRecord | null = z.soa ? { name: zone, type: 'SOA', ttl, data: z.soa } : null;
    return { zone, scope: z.scope, soa, records };
  });
  cache.set(config, zones);
  return zones;
}

function visible(zone: ZoneIndex, scope: DnsScope): boolean {
  return zone.scope === 'public' || scope === 'internal';
}

function recordsNamed(config: SimConfig, scope: DnsScope, name: string): DnsRecord[] {
  const out: DnsRecord[] = [];
  for (const zone of zonesOf(config)) if (visible(zone, scope)) for (const r of zone.records) if (r.name === name) out.push(r);
  return out;
}

/** The zone a name falls in (the longest zone name it ends with), for the SOA of a negative answer. */
function enclosingZone(config: SimConfig, scope: DnsScope, name: string): ZoneIndex | null {
  let best: ZoneIndex | null = null;
  for (const zone of zonesOf(config)) {
    if (!visible(zone, scope)) continue;
    if ((name === zone.zone || name.endsWith(`.${zone.zone}`)) && (!best || zone.zone.length > best.zone.length)) best = zone;
  }
  return best;
}

/** True when some record lives at or below the name (an empty non-terminal is not NXDOMAIN). */
function nameExists(config: SimConfig, scope: DnsScope, name: string): boolean {
  if (name === '.') return true;
  for (const zone of zonesOf(config)) {
    if (!visible(zone, scope)) continue;
    if (zone.zone === name) return true;
    for (const r of zone.records) if (r.name === name || r.name.endsWith(`.${name}`)) return true;
  }
  return false;
}

function negative(config: SimConfig, scope: DnsScope, name: string, rcode: Rcode, answers: DnsRecord[]): DnsAnswer {
  const zone = enclosingZone(config, scope, name);
  const soa = zone ? zone.soa : ROOT_SOA;
  return { rcode, answers, authority: soa ? [soa] : [] };
}

/**
 * A recursive resolver's answer to `name`/`type`: the records, following CNAMEs (each link in the
 * answer, as a resolver returns them), or NXDOMAIN.
 */
export function queryDns(config: SimConfig, scope: DnsScope, name: string, type: RecordType): DnsAnswer {
  let current = absoluteName(name);
  const answers: DnsRecord[] = [];
  for (let link = 0; link < MAX_CHAIN; link += 1) {
    const here = recordsNamed(config, scope, current);
    const wanted = here.filter((r) => r.type === type);
    if (wanted.length > 0) return { rcode: 'NOERROR', answers: [...answers, ...wanted], authority: [] };
    const cname = type === 'CNAME' ? undefined : here.find((r) => r.type === 'CNAME');
    if (cname) {
      answers.push(cname);
      current = cname.data;
      continue;
    }
    if (type === 'PTR' && answers.length === 0) {
      const address = addressOfReverseName(current);
      if (address !== null && here.length === 0) return negative(config, scope, current, 'NXDOMAIN', answers);
    }
    if (here.length > 0 || nameExists(config, scope, current)) return negative(config, scope, current, 'NOERROR', answers);
    return negative(config, scope, current, 'NXDOMAIN', answers);
  }
  return { rcode: 'SERVFAIL', answers: [], authority: [] };
}

/** An answer as a server sends it: systemd-resolved's stub leaves out the authority section. */
export function asSentBy(answer: DnsAnswer, server: { stub?: boolean }): DnsAnswer {
  return server.stub ? { ...answer, authority: [] } : answer;
}

/** IPv4 addresses of the A records at the end of an answer. */
export function addressesIn(answer: DnsAnswer): number[] {
  return answer.answers.filter((r) => r.type === 'A').map((r) => parseIpv4(r.data)).filter((a): a is number => a !== null);
}

/** The name the answer's addresses belong to: the last CNAME's target, or the name asked. */
export function canonicalIn(answer: DnsAnswer, asked: string): string {
  const last = [...answer.answers].reverse().find((r) => r.type === 'CNAME');
  return last ? last.data : absoluteName(asked);
}

/** The PTR name of an address (without the final dot), or null. */
export function ptrOf(config: SimConfig, scope: DnsScope, address: number): string | null {
  const answer = queryDns(config, scope, reverseName(address), 'PTR');
  const ptr = answer.answers.find((r) => r.type === 'PTR');
  return ptr ? ptr.data.replace(/\.$/, '') : null;
}

