/**
 * `telnet` (netkit-telnet 0.17, Ubuntu 18.04) as a port checker: `Trying 10.0.1.21...`,
 * `Connected to web-01.`, `Escape character is '^]'.`, or `telnet: Unable to connect to remote
 * host: Connection refused`. What the server then says (greeting.ts: an SSH banner, MySQL's handshake) is shown; typing into the
 * session is not simulated.
 */
import type { ProgramContext } from '../process';
import { formatIpv4 } from './address';
import { connectTcp } from './connect';
import { LOOKUP_ERROR_TEXT, lookupName } from './resolver';
import { portOf } from './services';
import { serverGreeting } from './greeting';

export { SSH_BANNER } from './greeting';

export function telnet(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1).filter((a) => !/^-[478EFKLacdfrx]$/.test(a));
  const bad = args.find((a) => a.startsWith('-') && a.length > 1 && !/^-[lbeknS]$/.test(a));
  if (bad) {
    ctx.err(`telnet: invalid option -- '${bad[1]}'`);
    ctx.err('Usage: telnet [-4] [-6] [-8] [-E] [-L] [-S tos] [-a] [-c] [-d] [-e char] [-l user]');
    ctx.err('\t[-n tracefile] [-b hostalias ] [-r] [ host-name [port] ]');
    return 1;
  }
  const operands = args.filter((a, i) => !a.startsWith('-') && !/^-[lbenS]$/.test(args[i - 1] ?? ''));
  const [host, portText = 'telnet'] = operands;
  if (!host) {
    ctx.note("Not simulated in this drill: telnet's interactive prompt; give a host (telnet HOST PORT).");
    return 0;
  }
  const port = portOf(portText);
  if (port === null) {
    ctx.err(`telnet: could not resolve ${host}/${portText}: Servname not supported for ai_socktype`);
    return 1;
  }
  const draft = ctx.sys.draft;
  const found = lookupName(draft, ctx.sys.host, host);
  if (!found.ok) {
    ctx.err(`telnet: could not resolve ${host}/${portText}: ${LOOKUP_ERROR_TEXT[found.error]}`);
    return 1;
  }
  const address = found.addresses[0]!;
  ctx.out(`Trying ${formatIpv4(address)}...`);
  const result = connectTcp(draft, ctx.sys.host, address, port);
  if (result.kind !== 'open') {
    const why = result.kind === 'refused' ? 'Connection refused' : result.kind === 'timeout' ? 'Connection timed out' : result.reason === 'network' ? 'Network is unreachable' : 'No route to host';
    ctx.err(`telnet: Unable to connect to remote host: ${why}`);
    return 1;
  }
  ctx.out(`Connected to ${found.source === 'literal' ? host : found.canonical}.`);
  ctx.out("Escape character is '^]'.");
  // What the server says first (the terminal hides the CR of its CRLF).
  const greeting = serverGreeting(draft, result.host, result.socket);
  if (greeting !== null) ctx.write(greeting.replace(/\r\n/g, '\n'));
  ctx.note('Not simulated in this drill: typing into a telnet session; the drill closed the connection.');
  return 0;
}
