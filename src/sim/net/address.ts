/**
 * IPv4 addresses and networks as numbers, and the link-local IPv6 address a MAC gives: the
 * arithmetic every network tool shares (which network an address is on, its broadcast, its
 * reverse-DNS name). Pure functions; invalid text gives null, never an exception.
 */

/** `10.0.1.21` → 167772437, or null when it is not a dotted quad of 0–255. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== null;
}

export interface Network {
  /** The network's first address, as a number. */
  base: number;
  prefix: number;
}

/** `10.0.1.21/24` → its network and the address itself. */
export function parseCidr(text: string): { address: number; network: Network } | null {
  const slash = text.indexOf('/');
  const address = parseIpv4(slash < 0 ? text : text.slice(0, slash));
  const prefix = slash < 0 ? 32 : Number(text.slice(slash + 1));
  if (address === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null;
  return { address, network: { base: address - (address % 2 ** (32 - prefix)), prefix } };
}

export function inNetwork(address: number, network: Network): boolean {
  const size = 2 ** (32 - network.prefix);
  return address >= network.base && address < network.base + size;
}

export function broadcastOf(network: Network): number {
  return network.base + 2 ** (32 - network.prefix) - 1;
}

/** `255.255.255.0` for /24. */
export function netmaskOf(prefix: number): string {
  return formatIpv4(2 ** 32 - 2 ** (32 - prefix));
}

/** RFC 1918 private, loopback, link-local or CGNAT: not reachable from the internet. */
export function isPrivate(address: number): boolean {
  const a = Math.floor(address / 2 ** 24);
  const b = Math.floor(address / 2 ** 16) % 256;
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b < 128);
}

export function isLoopback(address: number): boolean {
  return Math.floor(address / 2 ** 24) === 127;
}

/** `10.0.1.21` → `21.1.0.10.in-addr.arpa` */
export function reverseName(address: number): string {
  return `${formatIpv4(address).split('.').reverse().join('.')}.in-addr.arpa`;
}

/** `21.1.0.10.in-addr.arpa` (with or without the final dot) → the address, or null. */
export function addressOfReverseName(name: string): number | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa\.?$/i.exec(name);
  if (!match) return null;
  return parseIpv4([match[4], match[3], match[2], match[1]].join('.'));
}

/** The EUI-64 link-local address of a MAC, as the kernel assigns it: `fe80::5054:ff:fe8a:1121`. */
export function linkLocalOf(mac: string): string {
  const bytes = mac.split(':').map((b) => parseInt(b, 16));
  if (bytes.length !== 6 || bytes.some((b) => !Number.isInteger(b))) return 'fe80::1';
  const eui = [bytes[0]! ^ 0x02, bytes[1]!, bytes[2]!, 0xff, 0xfe, bytes[3]!, bytes[4]!, bytes[5]!];
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push(((eui[i]! << 8) | eui[i + 1]!).toString(16));
  return `fe80::${groups.join(':')}`;
}
