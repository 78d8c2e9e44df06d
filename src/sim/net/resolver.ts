/**
 * Name resolution as a program on an Ubuntu 18.04 host does it (glibc's getaddrinfo with
 * `hosts: files dns`): the host's own /etc/hosts file first (as it is now, so an edit counts), then
 * systemd-resolved at 127.0.0.53 with the search domains of /etc/resolv.conf, which asks the
 * host's upstream servers. The stub itself answers the host's own name, `localhost` and
 * `_gateway`, as resolved does.
 */
import type { Draft } from '../draft';
import { lookup as lookupFile } from '../fs';
import { formatIpv4, isIpv4, isLoopback, parseIpv4 } from './address';
import { addressesIn, canonicalIn, ptrOf, queryDns, type DnsScope } from './dns';
import { pathTo } from './path';
import { isInternalAddress, netHost, netView, type NetHost } from './topology';

/** The stub resolver's address, as /etc/resolv.conf and dig show it. */
export const STUB_ADDRESS = '127.0.0.53';

export type Lookup =
  /** `aliases`: the other names on the /etc/hosts line, or the name asked that a CNAME led from (gethostbyname's h_aliases). */
  | { ok: true; addresses: number[]; canonical: string; source: 'literal' | 'hosts' | 'dns' | 'stub'; aliases?: string[] }
  /** `NONAME`: "Name or service not known"; `AGAIN`: "Temporary failure in name resolution" (no DNS server answers). */
  | { ok: false; error: 'NONAME' | 'AGAIN' };

/** glibc's words for a failed lookup. */
export const LOOKUP_ERROR_TEXT = { NONAME: 'Name or service not known', AGAIN: 'Temporary failure in name resolution' } as const;

export interface HostsEntry {
  address: number;
  names: string[];
}

function fileText(draft: Draft, host: string, path: string): string | null {
  const found = lookupFile(draft.host(host)?.files ?? {}, path);
  if (!found || found.node.kind !== 'file') return null;
  return found.node.content ?? '';
}

/** The IPv4 lines of the host's /etc/hosts. */
export function hostsFile(draft: Draft, host: string): HostsEntry[] {
  const text = fileText(draft, host, '/etc/hosts') ?? '';
  const out: HostsEntry[] = [];
  for (const raw of text.split('\n').slice(0, 2000)) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [addressText = '', ...names] = line.split(/\s+/);
    const address = parseIpv4(addressText);
    if (address !== null && names.length > 0) out.push({ address, names });
  }
  return out;
}

/** `search` domains and `nameserver` lines of the host's /etc/resolv.conf. */
export function resolvConf(draft: Draft, host: string): { nameservers: string[]; search: string[] } {
  const text = fileText(draft, host, '/etc/resolv.conf');
  if (text === null) return { nameservers: [], search: [] };
  const nameservers: string[] = [];
  let search: string[] = [];
  for (const line of text.split('\n').slice(0, 200)) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'nameserver' && words[1]) nameservers.push(words[1]);
    if ((words[0] === 'search' || words[0] === 'domain') && words.length > 1) search = words.slice(1, 7);
  }
  return { nameservers, search };
}

/** A DNS server as a client sees it: the zones it serves, how far it is, and whether it is systemd-resolved's stub. */
export interface DnsServer {
  scope: DnsScope;
  rttMs: number;
  /** The local stub (127.0.0.53) returns answers only, never an authority section. */
  stub?: boolean;
}

/** What answers DNS at an address, seen from `host`: the scope of the zones it serves, or null. */
export function dnsServerAt(draft: Draft, host: string, address: number): DnsServer | null {
  const config = draft.config;
  const text = formatIpv4(address);
  if (text === STUB_ADDRESS) {
    const upstream = upstreamOf(draft, host);
    return upstream ? { ...upstream, stub: true } : null;
  }
  const view = netView(config);
  const owner = view.owners.get(address);
  const path = pathTo(config, host, address);
  if (owner) {
    const target = view.hosts.get(owner)!;
    if (path.kind !== 'ok' && path.kind !== 'local') return null;
    if (!target.internal && target.dns) return { scope: 'public', rttMs: path.kind === 'ok' ? path.rttMs : 0.05 };
    return null;
  }
  // An upstream resolver the scenario names but does not model as a host: inside the company it
  // serves the internal zones too.
  const declared = [...view.hosts.values()].some((h) => h.spec?.dns?.servers?.includes(text));
  if (!declared) return null;
  const self = netHost(config, host);
  const internal = isInternalAddress(view, address);
  if (!self || (internal ? !self.reachInternal : !self.reachInternet)) return null;
  return { scope: internal ? 'internal' : 'public', rttMs: (self.interfaces[0]?.rttMs ?? 0.15) * 2 };
}

/** The upstream servers systemd-resolved uses on a host, and what they see. */
function upstreamOf(draft: Draft, host: string): DnsServer | null {
  const self = netHost(draft.config, host);
  if (!self) return null;
  const servers = self.spec?.dns?.servers ?? [];
  for (const server of servers) {
    const address = parseIpv4(server);
    if (address === null) continue;
    const found = dnsServerAt(draft, host, address);
    if (found) return found;
  }
  if (servers.length > 0) return null;
  // No servers named: the one DHCP gave, which sees what the host reaches.
  if (!self.reachInternal && !self.reachInternet) return null;
  return { scope: self.reachInternal ? 'internal' : 'public', rttMs: (self.interfaces[0]?.rttMs ?? 0.15) * 2 };
}

/** The names to try, in order, as the resolver does with `ndots:1` and the search list. */
export function candidates(name: string, search: readonly string[]): string[] {
  if (name.endsWith('.')) return [name];
  const expanded = search.map((domain) => `${name}.${domain}`);
  return name.includes('.') ? [name, ...expanded] : [...expanded, name];
}

/** The router of the host's default route (what resolved calls `_gateway`), or null. */
export function defaultGateway(host: NetHost): number | null {
  const route = host.routes.find((r) => r.to === 'default');
  if (route) {
    const via = route.via ? parseIpv4(route.via) : null;
    return via ?? host.interfaces.find((i) => i.name === route.dev)?.gateway ?? null;
  }
  return host.interfaces.find((i) => i.gateway !== null && i.kind !== 'tun')?.gateway ?? null;
}

/** What systemd-resolved answers itself: the host's own name, `localhost`, `_gateway`. */
function synthesized(draft: Draft, host: string, name: string): number[] | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const self = netHost(draft.config, host);
  const hostname = draft.config.world.hosts[host]?.hostname?.toLowerCase();
  if (lower === 'localhost' || lower.endsWith('.localhost')) return [parseIpv4('127.0.0.1')!];
  if (hostname && lower === hostname) return self && self.interfaces.length > 0 ? self.interfaces.map((i) => i.address) : [parseIpv4('127.0.1.1')!];
  if (lower === '_gateway') {
    const gateway = self ? defaultGateway(self) : null;
    return gateway !== null ? [gateway] : null;
  }
  return null;
}

/** Longest name a resolver accepts (RFC 1035). */
const MAX_NAME = 253;

/** Resolves a name as getaddrinfo would on `host`. */
export function lookupName(draft: Draft, host: string, name: string): Lookup {
  if (isIpv4(name)) return { ok: true, addresses: [parseIpv4(name)!], canonical: name, source: 'literal' };
  if (name === '' || name.length > MAX_NAME || /[\s/]/.test(name) || name.split('.').some((label, i, all) => label === '' && i !== all.length - 1) || name.split('.').some((l) => l.length > 63)) return { ok: false, error: 'NONAME' };
  const wanted = name.toLowerCase().replace(/\.$/, '');
  for (const entry of hostsFile(draft, host)) {
    if (entry.names.some((n) => n.toLowerCase() === wanted)) return { ok: true, addresses: [entry.address], canonical: entry.names[0]!, source: 'hosts', aliases: entry.names.slice(1) };
  }
  const synth = synthesized(draft, host, name);
  if (synth) return { ok: true, addresses: synth, canonical: name.replace(/\.$/, ''), source: 'stub' };
  const upstream = upstreamOf(draft, host);
  if (!upstream) return { ok: false, error: 'AGAIN' };
  const { search } = resolvConf(draft, host);
  for (const candidate of candidates(name, search)) {
    const answer = queryDns(draft.config, upstream.scope, candidate, 'A');
    const addresses = addressesIn(answer);
    if (addresses.length > 0) {
      const canonical = canonicalIn(answer, candidate).replace(/\.$/, '');
      const asked = candidate.replace(/\.$/, '');
      return { ok: true, addresses, canonical, source: 'dns', aliases: asked.toLowerCase() === canonical.toLowerCase() ? [] : [asked] };
    }
  }
  return { ok: false, error: 'NONAME' };
}

/** The name of an address as gethostbyaddr finds it on `host` (/etc/hosts, then PTR), or null. */
export function nameOfAddress(draft: Draft, host: string, address: number): string | null {
  for (const entry of hostsFile(draft, host)) if (entry.address === address) return entry.names[0]!;
  // systemd-resolved answers the reverse of any loopback address (127.0.0.53 too) itself.
  if (isLoopback(address)) return 'localhost';
  const self = netHost(draft.config, host);
  if (self && defaultGateway(self) === address) return '_gateway';
  const upstream = upstreamOf(draft, host);
  if (!upstream) return null;
  return ptrOf(draft.config, upstream.scope, address);
}

/** The scope of the zones the host's stub resolver sees, or null when it reaches no DNS server. */
export function stubScope(draft: Draft, host: string): DnsServer | null {
  return upstreamOf(draft, host);
}


