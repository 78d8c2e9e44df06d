/** The network: ping, dig, host, nslookup, ip, ss, nc, telnet, nmap, curl, wget, openssl… */
import type { ProgramTable } from '../programs/registry';
import { hostSpec, type SimConfig } from '../world';
import { arp } from './arp';
import { browser } from './browser';
import { curl } from './curl';
import { dig } from './dig';
import { hostProgram } from './host';
import { ifconfig } from './ifconfig';
import { ip } from './ip';
import { iptables, ufw } from './iptables';
import { lsof } from './lsof';
import { mtr } from './mtr';
import { nc } from './nc';
import { netstat, route } from './netstat';
import { nmap } from './nmap';
import { nslookup } from './nslookup';
import { openssl } from './openssl';
import { ping } from './ping';
import { systemdResolve } from './resolvectl';
import { ss } from './ss';
import { telnet } from './telnet';
import { tracepath } from './tracepath';
import { traceroute } from './traceroute';
import { wget } from './wget';

const netTools = { apt: ['net-tools'] };
/** net-tools is one package: a host that lists one of its programs has them all. */
const NET_TOOLS = ['netstat', 'ifconfig', 'arp', 'route'];
const hasNetTools = (config: SimConfig, host: string) => NET_TOOLS.some((p) => hostSpec(config, host)?.programs?.includes(p) ?? false);

export const netPrograms: ProgramTable = {
  ping: { main: ping, base: true },
  dig: { main: dig, base: true },
  host: { main: hostProgram, base: true },
  nslookup: { main: nslookup, base: true },
  ip: { main: ip, base: true },
  tracepath: { main: tracepath, base: true },
  // mtr-tiny is in ubuntu-standard.
  mtr: { main: mtr, base: true },
  ss: { main: ss, base: true },
  'systemd-resolve': { main: systemdResolve, base: true },
  curl: { main: curl, base: true },
  wget: { main: wget, base: true },
  browser: { main: browser },
  nc: { main: nc, base: true },
  telnet: { main: telnet, base: true },
  openssl: { main: openssl, base: true },
  lsof: { main: lsof, base: true },
  iptables: { main: iptables, base: true },
  ufw: { main: ufw, base: true },
  ifconfig: { main: ifconfig, installable: netTools, installedWhen: hasNetTools },
  netstat: { main: netstat, installable: netTools, installedWhen: hasNetTools },
  route: { main: route, installable: netTools, installedWhen: hasNetTools },
  // net-tools' arp, where a host has net-tools: its table is ip neigh's.
  arp: { main: arp, installable: netTools, installedWhen: hasNetTools },
  nmap: { main: nmap, installable: { apt: ['nmap'] } },
  traceroute: { main: traceroute, installable: { apt: ['inetutils-traceroute', 'traceroute'] } },
};
