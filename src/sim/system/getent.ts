/**
 * `getent` (glibc 2.27): entries of the host's name service databases. passwd and group come
 * from /etc/passwd and /etc/group (by name or number); hosts as gethostbyname2 finds them:
 * /etc/hosts (IPv6 first, as getent asks), then the resolver, with a CNAME's name as an alias;
 * ahosts as getaddrinfo answers. Exit 2 when a key is not found; names are matched exactly.
 */
import type { ProgramContext } from '../process';
import { lookupName, nameOfAddress } from '../net/resolver';
import { formatIpv4, parseIpv4 } from '../net/address';

const DATABASES = new Set(['ahosts', 'ahostsv4', 'ahostsv6', 'aliases', 'ethers', 'group', 'gshadow', 'hosts', 'initgroups', 'netgroup', 'networks', 'passwd', 'protocols', 'rpc', 'services', 'shadow']);

function fileLines(ctx: ProgramContext, path: string): string[] {
  const read = ctx.sys.read(path);
  return read.ok ? read.text.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#')) : [];
}

/** passwd and group: every line, or those whose name or number (third field) is a key. */
function colonDatabase(ctx: ProgramContext, path: string, keys: readonly string[]): number {
  const lines = fileLines(ctx, path);
  if (keys.length === 0) {
    for (const l of lines) ctx.out(l);
    return 0;
  }
  let status = 0;
  for (const key of keys) {
    const numeric = /^\d+$/.test(key);
    const line = lines.find((l) => {
      const fields = l.split(':');
      return numeric ? fields[2] === String(Number(key)) : fields[0] === key;
    });
    if (line) ctx.out(line);
    else status = 2;
  }
  return status;
}

interface HostLine {
  address: string;
  names: string[];
  v6: boolean;
}

function hostsLines(ctx: ProgramContext): HostLine[] {
  return fileLines(ctx, '/etc/hosts').map((raw) => {
    const [address = '', ...names] = raw.replace(/#.*/, '').trim().split(/\s+/);
    return { address, names, v6: address.includes(':') };
  }).filter((h) => h.names.length > 0);
}

const hostLine = (address: string, names: readonly string[]) => `${address.padEnd(15)} ${names.join(' ')}`;

function hosts(ctx: ProgramContext, keys: readonly string[]): number {
  const table = hostsLines(ctx);
  if (keys.length === 0) {
    for (const h of table) ctx.out(hostLine(h.address, h.names));
    return 0;
  }
  let status = 0;
  for (const key of keys) {
    const lower = key.toLowerCase();
    const inFile = table.find((h) => h.v6 && (h.address === key || h.names.some((n) => n.toLowerCase() === lower))) ?? table.find((h) => !h.v6 && (h.address === key || h.names.some((n) => n.toLowerCase() === lower)));
    if (inFile) {
      ctx.out(hostLine(inFile.address === key || !/^[\d.:a-f]+$/i.test(key) ? inFile.address : key, inFile.names));
      continue;
    }
    // An address is looked up by gethostbyaddr (the hosts file above, then its PTR record): no name, no line.
    const address = parseIpv4(key);
    if (address !== null) {
      const name = nameOfAddress(ctx.sys.draft, ctx.sys.host, address);
      if (name === null) status = 2;
      else ctx.out(hostLine(key, [name.replace(/\.$/, '')]));
      continue;
    }
    const found = lookupName(ctx.sys.draft, ctx.sys.host, key);
    if (!found.ok) {
      status = 2;
      continue;
    }
    for (const a of found.addresses) ctx.out(hostLine(formatIpv4(a), found.source === 'literal' ? [key] : [found.canonical, ...(found.aliases ?? [])]));
  }
  return status;
}

/** `ahosts`, `ahostsv4`: getaddrinfo's answers, one line per address and socket type; the canonical name on the first only. */
function ahosts(ctx: ProgramContext, keys: readonly string[]): number {
  // With no key getent enumerates the hosts database, as `getent hosts` does.
  if (keys.length === 0) return hosts(ctx, keys);
  let status = 0;
  for (const key of keys) {
    const found = lookupName(ctx.sys.draft, ctx.sys.host, key);
    if (!found.ok) {
      status = 2;
      continue;
    }
    found.addresses.forEach((a, i) => {
      const address = formatIpv4(a).padEnd(15);
      ctx.out(`${address} STREAM ${i === 0 ? (found.source === 'literal' ? key : found.canonical) : ''}`);
      ctx.out(`${address} DGRAM  `);
      ctx.out(`${address} RAW    `);
    });
  }
  return status;
}

export function getent(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1).filter((a) => a !== '--');
  const option = args.find((a) => a.startsWith('-'));
  if (option === '--help' || option === '-?') {
    ctx.out('Usage: getent [OPTION...] database [key ...]');
    ctx.out('Get entries from administrative database.');
    return 0;
  }
  if (option === '-V' || option === '--version') {
    ctx.out('getent (Ubuntu GLIBC 2.27-3ubuntu1) 2.27');
    return 0;
  }
  if (option) {
    ctx.note(`Not simulated in this drill: getent ${option}.`);
    return 0;
  }
  const [database, ...keys] = args;
  if (!database) {
    ctx.err('getent: wrong number of arguments');
    ctx.err("Try `getent --help' or `getent --usage' for more information.");
    return 1;
  }
  if (!DATABASES.has(database)) {
    ctx.err(`Unknown database: ${database}`);
    ctx.err("Try `getent --help' or `getent --usage' for more information.");
    return 1;
  }
  if (database === 'passwd') return colonDatabase(ctx, '/etc/passwd', keys);
  if (database === 'group') return colonDatabase(ctx, '/etc/group', keys);
  if (database === 'hosts') return hosts(ctx, keys);
  if (database === 'ahosts' || database === 'ahostsv4') return ahosts(ctx, keys);
  ctx.note(`Not simulated in this drill: the ${database} database; getent answers for passwd, group and hosts.`);
  return 0;
}
