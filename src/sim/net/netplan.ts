/**
 * A host's netplan file, made from the same interfaces and routes `ip a` and `ip route` print.
 * A server's is the one cloud-init 20.1 writes at first boot when the datasource gives a
 * version 2 network config (passed through as PyYAML dumps it: keys sorted, four-space indent,
 * list items level with their key); a desktop install's is the installer's one line for
 * NetworkManager, which then owns every link.
 */
import type { HostSpec } from '../../scenario/world';
import type { FileNode } from '../fs';
import type { SimConfig } from '../world';
import { formatIpv4 } from './address';
import { routeTable } from './routes';
import { netHost, type NetInterface } from './topology';
import { uplinkServers } from './init';

/** cloud-init's header on the files it renders (cloudinit/net/renderer.py, 18.x–20.x). */
const CLOUD_INIT_HEADER = [
  '# This file is generated from information provided by the datasource.  Changes',
  "# to it will not persist across an instance reboot.  To disable cloud-init's",
  '# network configuration capabilities, write a file',
  '# /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg with the following:',
  '# network: {config: disabled}',
];

/** Ubuntu 18.04 desktop's /etc/netplan/01-network-manager-all.yaml. */
export const NETWORK_MANAGER_NETPLAN = '# Let NetworkManager manage all devices on this system\nnetwork:\n  version: 2\n  renderer: NetworkManager\n';

const pad = (depth: number) => ' '.repeat(depth * 4);

/** One ethernet's block under `ethernets:`, its keys in PyYAML's sorted order. */
function ethernetLines(config: SimConfig, id: string, iface: NetInterface, carriesNameservers: boolean, spec: HostSpec): string[] {
  const net = netHost(config, id);
  const table = routeTable(net).filter((r) => r.dev === iface.name);
  const d = pad(3);
  const lines: string[] = [`${pad(2)}${iface.name}:`];
  if (!iface.dhcp) lines.push(`${d}addresses:`, `${d}- ${formatIpv4(iface.address)}/${iface.network.prefix}`);
  if (iface.dhcp) lines.push(`${d}dhcp4: true`);
  const gateway = iface.dhcp ? null : (table.find((r) => r.base === null)?.via ?? null);
  if (gateway) lines.push(`${d}gateway4: ${gateway}`);
  if (iface.mac) lines.push(`${d}match:`, `${pad(4)}macaddress: ${iface.mac}`);
  if (iface.mtu !== 1500) lines.push(`${d}mtu: ${iface.mtu}`);
  const servers = carriesNameservers ? uplinkServers(spec.network) : [];
  const search = carriesNameservers ? (spec.network?.dns?.search ?? []) : [];
  if (servers.length || search.length) {
    lines.push(`${d}nameservers:`);
    if (servers.length) lines.push(`${pad(4)}addresses:`, ...servers.map((s) => `${pad(4)}- ${s}`));
    if (search.length) lines.push(`${pad(4)}search:`, ...search.map((s) => `${pad(4)}- ${s}`));
  }
  const routes = table.filter((r) => r.base !== null && r.proto !== 'kernel' && r.via !== null);
  if (routes.length) {
    lines.push(`${d}routes:`);
    for (const r of routes) {
      const keys = [...(r.metric !== null ? [`metric: ${r.metric}`] : []), `to: ${formatIpv4(r.base!)}/${r.prefix}`, `via: ${r.via}`];
      lines.push(...keys.map((k, n) => `${d}${n === 0 ? '-   ' : '    '}${k}`));
    }
  }
  if (iface.mac) lines.push(`${d}set-name: ${iface.name}`);
  return lines;
}

/** The text of a server's /etc/netplan/50-cloud-init.yaml: its ethernets (not a VPN's tun), then `version: 2`. */
export function cloudInitNetplanText(config: SimConfig, id: string, spec: HostSpec): string {
  const ethers = (netHost(config, id)?.interfaces ?? []).filter((i) => i.kind === 'ether');
  const dns = ethers.find((i) => !i.dhcp && routeTable(netHost(config, id)).some((r) => r.base === null && r.dev === i.name)) ?? ethers.find((i) => !i.dhcp);
  const lines = [...CLOUD_INIT_HEADER, 'network:'];
  if (ethers.length) lines.push(`${pad(1)}ethernets:`, ...ethers.flatMap((i) => ethernetLines(config, id, i, i === dns, spec)));
  lines.push(`${pad(1)}version: 2`, '');
  return lines.join('\n');
}

/** /etc/netplan and its file: cloud-init's on a server, NetworkManager's on a desktop, written when the host was set up. */
export function netplanFiles(config: SimConfig, id: string, spec: HostSpec, desktop: boolean, installed: number): Record<string, FileNode> {
  const node = (kind: FileNode['kind'], extra: Partial<FileNode>): FileNode => ({ kind, owner: 'root', group: 'root', mode: kind === 'dir' ? 0o755 : 0o644, mtime: installed, ...extra });
  return {
    '/etc/netplan': node('dir', {}),
    ...(desktop
      ? { '/etc/netplan/01-network-manager-all.yaml': node('file', { content: NETWORK_MANAGER_NETPLAN }) }
      : { '/etc/netplan/50-cloud-init.yaml': node('file', { content: cloudInitNetplanText(config, id, spec) }) }),
  };
}
