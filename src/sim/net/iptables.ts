/**
 * `iptables` 1.6.1 (`-L [-n]`, `-S`) and `ufw status` on Ubuntu 18.04, from the host's firewall
 * in the world (src/sim/net/firewall.ts decides what gets through): the rules that give exactly
 * that behaviour, as iptables-persistent would load them (loopback, replies to the host's own
 * connections, ping unless the world drops it, then each allowed source per port, and a DROP for a
 * port open only to some under an ACCEPT policy). ufw is installed but inactive. A host without a
 * firewall has the stock empty ACCEPT policies. Only root may read the tables.
 */
import type { FirewallSpec } from '../../scenario/world/network';
import type { ProgramContext } from '../process';
import { netHost } from './topology';

interface Rule {
  source: string | null;
  proto: 'all' | 'tcp' | 'udp' | 'icmp';
  port: number | null;
  iface: string | null;
  ctstate: string | null;
  target: 'ACCEPT' | 'DROP';
}

/** The INPUT chain that behaves as `firewall` does, with its policy. */
function inputChain(firewall: FirewallSpec | null): { policy: 'ACCEPT' | 'DROP'; rules: Rule[] } {
  if (!firewall) return { policy: 'ACCEPT', rules: [] };
  const policy = (firewall.policy ?? 'allow') === 'drop' ? 'DROP' : 'ACCEPT';
  const rule = (r: Partial<Rule> & Pick<Rule, 'target'>): Rule => ({ source: null, proto: 'all', port: null, iface: null, ctstate: null, ...r });
  const rules: Rule[] = [rule({ iface: 'lo', target: 'ACCEPT' }), rule({ ctstate: 'RELATED,ESTABLISHED', target: 'ACCEPT' })];
  const icmp = firewall.icmp ?? true;
  if (icmp && policy === 'DROP') rules.push(rule({ proto: 'icmp', target: 'ACCEPT' }));
  if (!icmp && policy === 'ACCEPT') rules.push(rule({ proto: 'icmp', target: 'DROP' }));
  const ports: { port: number; proto: 'tcp' | 'udp' }[] = [];
  for (const r of firewall.allow ?? []) {
    const proto = r.proto ?? 'tcp';
    if (!ports.some((p) => p.port === r.port && p.proto === proto)) ports.push({ port: r.port, proto });
    for (const from of r.from) rules.push(rule({ source: from === 'any' ? null : from.includes('/') ? from : `${from}/32`, proto, port: r.port, target: 'ACCEPT' }));
  }
  if (policy === 'ACCEPT') for (const p of ports) rules.push(rule({ proto: p.proto, port: p.port, target: 'DROP' }));
  return { policy, rules };
}

function ruleSpec(chain: string, r: Rule): string {
  const parts = [`-A ${chain}`];
  if (r.source) parts.push(`-s ${r.source}`);
  if (r.iface) parts.push(`-i ${r.iface}`);
  if (r.proto !== 'all') parts.push(`-p ${r.proto}`);
  if (r.port !== null) parts.push(`-m ${r.proto} --dport ${r.port}`);
  if (r.ctstate) parts.push(`-m conntrack --ctstate ${r.ctstate}`);
  parts.push(`-j ${r.target}`);
  return parts.join(' ');
}

/** print_firewall's line: `%-9s `, the protocol in 5, `-- `, source and destination in 19 each, then the matches. */
function ruleLine(r: Rule, numeric: boolean): string {
  const anywhere = numeric ? '0.0.0.0/0' : 'anywhere';
  const matches = `${r.port !== null ? ` ${r.proto} dpt:${r.port}` : ''}${r.ctstate ? ` ctstate ${r.ctstate}` : ''}`;
  return `${r.target.padEnd(9)}  ${r.proto.padEnd(5)}--  ${(r.source ?? anywhere).padEnd(19)}  ${anywhere.padEnd(19)} ${matches}`;
}

const HEADER = 'target     prot opt source               destination         ';

export function iptables(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args.includes('--version') || args.includes('-V')) {
    ctx.out('iptables v1.6.1');
    return 0;
  }
  const letters = args.filter((a) => /^-[A-Za-z]+$/.test(a)).map((a) => a.slice(1)).join('');
  const list = letters.includes('L') || args.includes('--list');
  const save = letters.includes('S') || args.includes('--list-rules');
  const unknown = args.filter((a) => !/^-[LSnv]+$/.test(a) && !['--list', '--list-rules', '--numeric', 'INPUT', 'FORWARD', 'OUTPUT'].includes(a));
  if ((!list && !save) || unknown.length || letters.includes('v')) {
    ctx.note(`Not simulated in this drill: iptables ${args.join(' ').slice(0, 60)}; the drill lists the filter table (iptables -L -n, iptables -S) and changes no rules.`);
    return 0;
  }
  if (ctx.sys.user.uid !== 0) {
    ctx.err("iptables v1.6.1: can't initialize iptables table `filter': Permission denied (you must be root)");
    ctx.err('Perhaps iptables or your kernel needs to be upgraded.');
    return 3;
  }
  const firewall = netHost(ctx.sys.config, ctx.sys.host)?.firewall ?? null;
  const input = inputChain(firewall);
  const chains = [
    { name: 'INPUT', policy: input.policy, rules: input.rules },
    { name: 'FORWARD', policy: 'ACCEPT', rules: [] as Rule[] },
    { name: 'OUTPUT', policy: 'ACCEPT', rules: [] as Rule[] },
  ];
  const only = args.find((a) => a === 'INPUT' || a === 'FORWARD' || a === 'OUTPUT');
  const shown = only ? chains.filter((c) => c.name === only) : chains;
  if (save) {
    for (const c of shown) ctx.out(`-P ${c.name} ${c.policy}`);
    for (const c of shown) for (const r of c.rules) ctx.out(ruleSpec(c.name, r));
    return 0;
  }
  const numeric = letters.includes('n') || args.includes('--numeric');
  shown.forEach((c, i) => {
    if (i > 0) ctx.out('');
    ctx.out(`Chain ${c.name} (policy ${c.policy})`);
    ctx.out(HEADER);
    for (const r of c.rules) ctx.out(ruleLine(r, numeric));
  });
  return 0;
}

export function ufw(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args[0] === '--version' || args[0] === 'version') {
    ctx.out('ufw 0.36');
    ctx.out('Copyright 2008-2015 Canonical Ltd.');
    return 0;
  }
  if (ctx.sys.user.uid !== 0) {
    ctx.err('ERROR: You need to be root to run this script');
    return 1;
  }
  if (args[0] === 'status') {
    ctx.out('Status: inactive');
    return 0;
  }
  ctx.note(`Not simulated in this drill: ufw ${args.join(' ').slice(0, 60)}; ufw is inactive on this host (its firewall is in iptables: sudo iptables -S).`);
  return 0;
}
