/** The network: ping, dig, host, nslookup, ip, ss, nc, telnet, nmap, curl, wget… */
import type { ProgramTable } from '../programs/registry';
import { dig } from './dig';
import { hostProgram } from './host';
import { ifconfig } from './ifconfig';
import { ip } from './ip';
import { nslookup } from './nslookup';
import { ping } from './ping';
import { tracepath } from './tracepath';
import { traceroute } from './traceroute';

const netTools = { apt: ['net-tools'] };

export const netPrograms: ProgramTable = {
  ping: { main: ping, base: true },
  dig: { main: dig, base: true },
  host: { main: hostProgram, base: true },
  nslookup: { main: nslookup, base: true },
  ip: { main: ip, base: true },
  tracepath: { main: tracepath, base: true },
  ifconfig: { main: ifconfig, installable: netTools },
  traceroute: { main: traceroute, installable: { apt: ['inetutils-traceroute', 'traceroute'] } },
};
