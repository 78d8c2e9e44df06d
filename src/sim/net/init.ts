/**
 * The network's files on a host at the start: /etc/hosts as the Ubuntu installer writes it (plus
 * the scenario's entries), and systemd-resolved's /etc/resolv.conf (a link to its stub file) with
 * the host's search domains. The scenario's own files, applied after these, take precedence.
 */
import type { HostSpec } from '../../scenario/world';
import type { FileNode } from '../fs';

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
  '# Third party programs must not access this file directly, but only through the',
  '# symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a different way,',
  '# replace this symlink by a static file or a different symlink.',
  '#',
  '# See man:systemd-resolved.service(8) for details about the supported modes of',
  '# operation for /etc/resolv.conf.',
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

/** The network files every host starts with. `installed` is when the system was set up (epoch seconds). */
export function networkFiles(spec: HostSpec, installed: number, booted: number): Record<string, FileNode> {
  const file = (content: string, mtime: number): FileNode => ({ kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime, content });
  const dir = (mtime: number): FileNode => ({ kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime });
  return {
    '/run/systemd': dir(booted),
    '/run/systemd/resolve': dir(booted),
    '/etc/hosts': file(hostsFileText(spec), installed),
    '/run/systemd/resolve/stub-resolv.conf': file(resolvConfText(spec), booted),
    '/etc/resolv.conf': { kind: 'link', owner: 'root', group: 'root', mode: 0o777, mtime: installed, target: '../run/systemd/resolve/stub-resolv.conf' },
  };
}
