/**
 * Port names from Ubuntu 18.04's /etc/services (netbase 5.4), as getservbyport(3) gives them to
 * nc (`[tcp/http]`), ss and netstat (`0.0.0.0:ssh`) and telnet. A port without an entry is shown
 * as its number (`*` in nc's message).
 */

const TCP: ReadonlyMap<number, string> = new Map([
  [7, 'echo'], [9, 'discard'], [13, 'daytime'], [20, 'ftp-data'], [21, 'ftp'], [22, 'ssh'], [23, 'telnet'], [25, 'smtp'], [37, 'time'],
  [43, 'whois'], [53, 'domain'], [70, 'gopher'], [79, 'finger'], [80, 'http'], [88, 'kerberos'], [110, 'pop3'], [111, 'sunrpc'],
  [113, 'auth'], [119, 'nntp'], [123, 'ntp'], [143, 'imap2'], [161, 'snmp'], [179, 'bgp'], [389, 'ldap'], [443, 'https'],
  [445, 'microsoft-ds'], [514, 'shell'], [515, 'printer'], [587, 'submission'], [631, 'ipp'], [636, 'ldaps'], [873, 'rsync'],
  [993, 'imaps'], [995, 'pop3s'], [1194, 'openvpn'], [1433, 'ms-sql-s'], [2049, 'nfs'], [3306, 'mysql'], [5432, 'postgresql'],
  [5672, 'amqp'], [6000, 'x11'], [8080, 'http-alt'], [9418, 'git'],
]);

const UDP: ReadonlyMap<number, string> = new Map([
  [53, 'domain'], [67, 'bootps'], [68, 'bootpc'], [69, 'tftp'], [123, 'ntp'], [137, 'netbios-ns'], [138, 'netbios-dgm'],
  [161, 'snmp'], [162, 'snmp-trap'], [514, 'syslog'], [1194, 'openvpn'], [5353, 'mdns'],
]);

/** The service name of a port, or null when /etc/services has none. */
export function serviceName(port: number, proto: 'tcp' | 'udp' = 'tcp'): string | null {
  return (proto === 'tcp' ? TCP : UDP).get(port) ?? null;
}

/** The port a service name or number stands for (`http` → 80), or null. */
export function portOf(text: string, proto: 'tcp' | 'udp' = 'tcp'): number | null {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 0 && n <= 65535 ? n : null;
  }
  for (const [port, name] of proto === 'tcp' ? TCP : UDP) if (name === text) return port;
  if (text === 'www') return 80;
  return null;
}

/** Linux's ephemeral port range (ip_local_port_range): ss shows these as numbers, never names. */
export const EPHEMERAL = { min: 32768, max: 60999 } as const;
