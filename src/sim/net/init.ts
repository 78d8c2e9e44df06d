/**
 * The network's files on a host at the start: /etc/hosts as the Ubuntu installer writes it (plus
 * the scenario's entries), and systemd-resolved's /etc/resolv.conf (a link to its stub file) with
 * the host's search domains, and resolved's uplink resolv.conf with the servers it asks. The
 * scenario's own files, applied after these, take precedence.
 */
import type { HostSpec } from '../../scenario/world';
import type { NetworkSpec } from '../../scenario/world/network';
import type { FileNode } from '../fs';
import { formatIpv4, parseCidr } from './address';

/** The paragraph both of resolved's resolv.conf files end their header with (systemd 237). */
const RESOLVED_FILE_NOTE = [
  '# Third party programs must not access this file directly, but only through the',
  '# symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a different way,',
  '# replace this symlink by a static file or a different symlink.',
  '#',
  '# See man:systemd-resolved.service(8) for details about the supported modes of',
  '# operation for /etc/resolv.conf.',
];

/** systemd 237's stub resolv.conf, before the search line. */
const STUB_RESOLV_CONF = [
  '# This file is managed by man:systemd-resolved(8). Do not edit.',
  '#',
  '# This is a dynamic resolv.conf file for connecting local clients to the',
  '# internal DNS stub resolver of systemd-resolved. This file lists all',
  '# configured search domains.',
  '#',
  '# Run "systemd-resolve --status" to see details about the uplink DNS servers',
  '# currently in use.',
  '#',
  ...RESOLVED_FILE_NOTE,
  '',
  'nameserver 127.0.0.53',
  'options edns0',
];

/** /etc/hosts of an Ubuntu 18.04 install with the scenario's extra lines. */
export function hostsFileText(spec: HostSpec): string {
  const extra = (spec.network?.hosts ?? []).map((h) => `${h.address}\t${h.names.join(' ')}`);
  return [
    '127.0.0.1\tlocalhost',
    `127.0.1.1\t${spec.hostname}`,
    ...extra,
    '',
    '# The following lines are desirable for IPv6 capable hosts',
    '::1     ip6-localhost ip6-loopback',
    'fe00::0 ip6-localnet',
    'ff00::0 ip6-mcastprefix',
    'ff02::1 ip6-allnodes',
    'ff02::2 ip6-allrouters',
    '',
  ].join('\n');
}

/** The stub resolver's resolv.conf for a host's search domains. */
export function resolvConfText(spec: HostSpec): string {
  const search = spec.network?.dns?.search ?? [];
  return [...STUB_RESOLV_CONF, ...(search.length ? [`search ${search.join(' ')}`] : []), ''].join('\n');
}

/**
 * The upstream servers systemd-resolved asks on a host: the scenario's, else the one DHCP named
 * (the router of the default route), as `systemd-resolve --status` lists them.
 */
export function uplinkServers(network: NetworkSpec | null | undefined): string[] {
  if (network?.dns?.servers?.length) return [...network.dns.servers];
  const route = network?.routes?.find((r) => r.to === 'default');
  if (route?.via) return [route.via];
  const link = network?.interfaces?.find((i) => (route ? i.name === route.dev : i.kind !== 'tun'));
  if (link?.gateway) return [link.gateway];
  const parsed = link ? parseCidr(link.ipv4) : null;
  return parsed && parsed.network.prefix < 31 ? [formatIpv4(parsed.network.base + 1)] : [];
}

/** resolved's /run/systemd/resolve/resolv.conf (write_uplink_resolv_conf_contents, systemd 237). */
export function uplinkResolvConfText(spec: HostSpec): string {
  const servers = uplinkServers(spec.network);
  const search = spec.network?.dns?.search ?? [];
  return [
    '# This file is managed by man:systemd-resolved(8). Do not edit.',
    '#',
    '# This is a dynamic resolv.conf file for connecting local clients directly to',
    '# all known uplink DNS servers. This file lists all configured search domains.',
    '#',
    ...RESOLVED_FILE_NOTE,
    '',
    ...(servers.length ? servers.flatMap((server, i) => [...(i === 3 ? ['# Too many DNS servers configured, the following entries may be ignored.'] : []), `nameserver ${server}`]) : ['# No DNS servers known.']),
    ...(search.length ? [`search ${search.join(' ')}`] : []),
    '',
  ].join('\n');
}

/** The network files every host starts with. `installed` is when the system was set up (epoch seconds). */
export function networkFiles(spec: HostSpec, installed: number, booted: number): Record<string, FileNode> {
  const file = (content: string, mtime: number): FileNode => ({ kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime, content });
  const dir = (mtime: number): FileNode => ({ kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime });
  return {
    '/run/systemd': dir(booted),
    // resolved's RuntimeDirectory, written as its own user.
    '/run/systemd/resolve': { ...dir(booted), owner: 'systemd-resolve', group: 'systemd-resolve' },
    '/etc/hosts': file(hostsFileText(spec), installed),
    '/run/systemd/resolve/stub-resolv.conf': { ...file(resolvConfText(spec), booted), owner: 'systemd-resolve', group: 'systemd-resolve' },
    '/run/systemd/resolve/resolv.conf': { ...file(uplinkResolvConfText(spec), booted), owner: 'systemd-resolve', group: 'systemd-resolve' },
    '/etc/resolv.conf': { kind: 'link', owner: 'root', group: 'root', mode: 0o777, mtime: installed, target: '../run/systemd/resolve/stub-resolv.conf' },
  };
}
