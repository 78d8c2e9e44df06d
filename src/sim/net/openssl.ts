/**
 * `openssl` (OpenSSL 1.1.1 as Ubuntu 18.04.4 ships it): `version` answers; the commands that
 * would do cryptography or a TLS handshake (`s_client`, `x509`, `req`…) are not simulated and
 * say so in the drill's voice (`curl -v` prints the certificate a server presents).
 */
import type { ProgramContext } from '../process';

const VERSION = 'OpenSSL 1.1.1  11 Sep 2018';

export function openssl(ctx: ProgramContext): number {
  const [command, ...args] = ctx.argv.slice(1);
  if (command === 'version') {
    ctx.out(VERSION);
    if (args.length > 0) ctx.note('Not simulated in this drill: the build details openssl version prints with options; this is its first line.');
    return 0;
  }
  if (command === undefined) {
    ctx.note('Not simulated in this drill: the interactive OpenSSL> prompt.');
    return 0;
  }
  ctx.note(`Not simulated in this drill: openssl ${command} (certificates and TLS handshakes); curl -v shows the certificate a server presents.`);
  return 0;
}
