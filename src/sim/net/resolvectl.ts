/**
 * `systemd-resolve --status` from systemd 237 (resolve-tool.c's status_all): the Global section
 * (resolved's built-in negative trust anchors, sorted as strv_sort does, since Ubuntu's
 * resolved.conf names no global servers), then each link but the loopback in ifindex order. The
 * link the host's default route leaves by holds the upstream servers and search domains that
 * /etc/resolv.conf's `search` line and dig's answers come from (the scenario's `dns`, or the
 * router DHCP named: /run/systemd/resolve/resolv.conf lists the same); Ubuntu builds resolved with LLMNR, mDNS and DNSSEC off, so only DNS is a
 * current scope. Queries, statistics and the other verbs are not modelled.
 */
import type { ProgramContext } from '../process';
import { uplinkServers } from './init';
import { linksOf } from './links';
import { netHost } from './topology';

/** resolved's default negative trust anchors (RFC 6761, RFC 6762 and the private TLDs), in strcmp order. */
const NTAS = [
  'test', '10.in-addr.arpa',
  ...Array.from({ length: 16 }, (_, i) => `${16 + i}.172.in-addr.arpa`),
  '168.192.in-addr.arpa', 'd.f.ip6.arpa', 'local', 'home', 'corp', 'lan', 'intranet', 'internal', 'private',
].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The lines `label: first` then the rest aligned under it, as status_global/status_ifindex print a list. */
function listLines(label: string, values: readonly string[]): string[] {
  return values.map((v, i) => `${i === 0 ? label.padStart(21) : ' '.repeat(21)} ${v}`);
}

export function statusLines(ctx: ProgramContext): string[] {
  const net = netHost(ctx.sys.config, ctx.sys.host);
  const spec = net?.spec;
  const route = net?.routes.find((r) => r.to === 'default');
  const links = linksOf(ctx.sys.draft, ctx.sys.host).filter((l) => l.kind !== 'loopback');
  const dnsLink = links.find((l) => l.name === route?.dev && l.kind !== 'tun') ?? links.find((l) => l.kind === 'ether');
  const servers = uplinkServers(spec);
  const domains = spec?.dns?.search ?? [];
  const out = ['Global', ...listLines('DNSSEC NTA:', NTAS)];
  for (const l of links) {
    const hasDns = l === dnsLink && servers.length > 0;
    out.push('', `Link ${l.index} (${l.name})`, `      Current Scopes: ${hasDns ? 'DNS' : 'none'}`, '       LLMNR setting: yes', 'MulticastDNS setting: no', '      DNSSEC setting: no', '    DNSSEC supported: no');
    if (l === dnsLink) out.push(...listLines('DNS Servers:', servers), ...listLines('DNS Domain:', domains));
  }
  return out;
}

export function systemdResolve(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args.includes('--version')) {
    ctx.out('systemd 237');
    ctx.out('+PAM +AUDIT +SELINUX +IMA +APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 +SECCOMP +BLKID +ELFUTILS +KMOD -IDN2 +IDN -PCRE2 default-hierarchy=hybrid');
    return 0;
  }
  const options = args.filter((a) => a.startsWith('-'));
  if (args.length > 0 && options.every((a) => a === '--status' || a === '--no-pager') && args.every((a) => a.startsWith('-'))) {
    if (!args.includes('--status')) return usage(ctx);
    for (const line of statusLines(ctx)) ctx.out(line);
    return 0;
  }
  if (args.length === 0) return usage(ctx);
  ctx.note(`Not simulated in this drill: systemd-resolve ${args.join(' ').slice(0, 60)}; \`systemd-resolve --status\` shows the servers, and dig or getent hosts resolve names.`);
  return 0;
}

/** resolve-tool's MODE_RESOLVE_HOST without a name. */
function usage(ctx: ProgramContext): number {
  ctx.err('No arguments passed.');
  return 1;
}
