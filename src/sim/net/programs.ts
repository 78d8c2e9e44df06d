/** The network: ping, dig, host, nslookup, ip, ss, nc, telnet, nmap, curl, wget… */
import type { ProgramTable } from '../programs/registry';

export const netPrograms: ProgramTable = {};
