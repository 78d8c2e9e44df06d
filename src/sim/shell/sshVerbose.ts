/**
 * The first lines of `ssh -v` (OpenSSH 7.6p1 on Ubuntu 18.04): the version, the configuration
 * files read (the user's ~/.ssh/config, then /etc/ssh/ssh_config, whose `Host *` is line 19),
 * the connection, the identity files tried and the protocol banner, up to "Authenticating to".
 * The key exchange and authentication that follow are left to the drill's note.
 */
import type { ProgramContext } from '../process';
import { fnmatch } from '../programs/files/fnmatch';
import { lookupName } from '../net/resolver';
import { formatIpv4 } from '../net/address';
import { hostMatches, keyFingerprint, readKey, type PublicKey } from '../system/sshKeygen';

export const OPENSSH_VERSION = 'OpenSSH_7.6p1 Ubuntu-4ubuntu0.3';

export interface SshTarget {
  /** The name as typed (`lb-01`). */
  typed: string;
  user: string | null;
  port: string | null;
}

interface ConfigMatch {
  lines: string[];
  hostName: string | null;
  user: string | null;
  identities: string[];
  /** `ForwardAgent` for this host, when a block sets it. */
  forwardAgent: boolean | null;
  /** `Port` for this host, when a block sets it. */
  port: string | null;
}

/** The `Host` blocks of an ssh_config that match `name`, and what they set (first value wins, as ssh reads them). */
export function readUserConfig(text: string, path: string, name: string): ConfigMatch {
  const match: ConfigMatch = { lines: [`debug1: Reading configuration data ${path}`], hostName: null, user: null, identities: [], forwardAgent: null, port: null };
  let active = true;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [keyword = '', ...rest] = line.split(/[\s=]+/);
    const key = keyword.toLowerCase();
    if (key === 'host') {
      active = rest.some((p) => !p.startsWith('!') && fnmatch(p, name)) && !rest.some((p) => p.startsWith('!') && fnmatch(p.slice(1), name));
      if (active) match.lines.push(`debug1: ${path} line ${index + 1}: Applying options for ${name}`);
      return;
    }
    if (!active) return;
    const value = rest.join(' ');
    if (key === 'hostname' && match.hostName === null) match.hostName = value.replace(/%h/g, name);
    else if (key === 'user' && match.user === null) match.user = value;
    else if (key === 'identityfile') match.identities.push(value);
    else if (key === 'port' && match.port === null) match.port = value;
    else if (key === 'forwardagent' && match.forwardAgent === null) match.forwardAgent = value.toLowerCase() === 'yes';
  });
  return match;
}

export const DEFAULT_IDENTITIES = ['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519'];

/** What the user's ~/.ssh/config says for the host as typed (nothing when there is no such file). */
export function userSshConfig(ctx: ProgramContext, typed: string): ConfigMatch {
  const home = ctx.sys.userInfo(ctx.sys.user.name)?.home ?? ctx.sys.env.HOME ?? '/';
  const userConfig = `${home}/.ssh/config`;
  const read = ctx.sys.read(userConfig);
  return read.ok ? readUserConfig(read.text, userConfig, typed) : { lines: [], hostName: null, user: null, identities: [], forwardAgent: null, port: null };
}
const KEY_TYPE: Readonly<Record<string, number>> = { rsa: 0, dsa: 1, ecdsa: 2, ed25519: 3 };

/** The debug lines up to the moment ssh starts authenticating, or up to the failure to resolve the name. */
export function sshVerboseLines(ctx: ProgramContext, target: SshTarget, loginUser: string, knownAddress: string | null = null): { lines: string[]; address: string | null } {
  const lines = [`${OPENSSH_VERSION}, OpenSSL 1.0.2n  7 Dec 2017`];
  const home = ctx.sys.userInfo(ctx.sys.user.name)?.home ?? ctx.sys.env.HOME ?? '/';
  const config = userSshConfig(ctx, target.typed);
  lines.push(...config.lines);
  lines.push('debug1: Reading configuration data /etc/ssh/ssh_config', 'debug1: /etc/ssh/ssh_config line 19: Applying options for *');
  const hostName = config.hostName ?? target.typed;
  const found = lookupName(ctx.sys.draft, ctx.sys.host, hostName);
  const address = found.ok ? formatIpv4(found.addresses[0]!) : knownAddress;
  if (address === null) return { lines, address: null };
  const port = target.port ?? config.port ?? '22';
  lines.push(`debug1: Connecting to ${hostName} [${address}] port ${port}.`, 'debug1: Connection established.');
  const expand = (path: string) => path.replace(/^~(?=\/)/, home).replace(/%d/g, home).replace(/%u/g, ctx.sys.user.name);
  const identities = config.identities.length > 0 ? config.identities.map(expand) : DEFAULT_IDENTITIES.map((n) => `${home}/.ssh/${n}`);
  for (const path of identities) {
    const kind = /id_(rsa|dsa|ecdsa|ed25519)$/.exec(path)?.[1];
    const pub = ctx.sys.node(`${path}.pub`) !== null;
    if (!pub) lines.push('debug1: key_load_public: No such file or directory');
    lines.push(`debug1: identity file ${path} type ${pub ? (kind ? KEY_TYPE[kind] : 0) : -1}`);
    lines.push('debug1: key_load_public: No such file or directory', `debug1: identity file ${path}-cert type -1`);
  }
  lines.push(
    `debug1: Local version string SSH-2.0-${OPENSSH_VERSION}`,
    `debug1: Remote protocol version 2.0, remote software version ${OPENSSH_VERSION}`,
    `debug1: match: ${OPENSSH_VERSION} pat OpenSSH* compat 0x04000000`,
    `debug1: Authenticating to ${hostName}:${port} as '${target.user ?? config.user ?? loginUser}'`,
  );
  return { lines, address };
}

/**
 * The key exchange's debug lines between two OpenSSH 7.6 ends (curve25519, the client's first host
 * key algorithm ecdsa-sha2-nistp256, chacha20-poly1305) up to the server's host key, read from its
 * /etc/ssh, and whether the user's known_hosts holds it for `hostName`.
 */
export function hostKeyLines(ctx: ProgramContext, hostId: string, hostName: string): string[] {
  const server = serverEcdsaKey(ctx, hostId);
  if (!server) return [];
  const { type, blob, key } = server;
  const cipher = 'chacha20-poly1305@openssh.com MAC: <implicit> compression: none';
  const lines = [
    'debug1: SSH2_MSG_KEXINIT sent',
    'debug1: SSH2_MSG_KEXINIT received',
    'debug1: kex: algorithm: curve25519-sha256',
    'debug1: kex: host key algorithm: ecdsa-sha2-nistp256',
    `debug1: kex: server->client cipher: ${cipher}`,
    `debug1: kex: client->server cipher: ${cipher}`,
    'debug1: expecting SSH2_MSG_KEX_ECDH_REPLY',
    `debug1: Server host key: ${type} ${keyFingerprint(key)}`,
  ];
  const home = ctx.sys.userInfo(ctx.sys.user.name)?.home ?? ctx.sys.env.HOME ?? '/';
  const path = `${home}/.ssh/known_hosts`;
  const read = ctx.sys.read(path);
  if (!read.ok) return lines;
  const index = read.text.split('\n').findIndex((l) => {
    const [hosts, t, b] = l.trim().split(/\s+/);
    return hosts !== undefined && t === type && b === blob && hosts.split(',').some((h) => hostMatches(h, hostName));
  });
  if (index >= 0) lines.push(`debug1: Host '${hostName.toLowerCase()}' is known and matches the ECDSA host key.`, `debug1: Found key in ${path}:${index + 1}`);
  return lines;
}

/** The server's ECDSA host key as its /etc/ssh holds it (what ssh 7.6 is shown first), or null. */
function serverEcdsaKey(ctx: ProgramContext, hostId: string): { type: string; blob: string; key: PublicKey } | null {
  const pub = ctx.sys.draft.host(hostId)?.files['/etc/ssh/ssh_host_ecdsa_key.pub']?.content;
  const [type, blob] = (pub ?? '').split(' ');
  const key = type && blob ? readKey(type, blob) : null;
  return key && type && blob ? { type, blob, key } : null;
}

/** `SHA256:…` of the server's ECDSA host key (ssh's first-contact question shows it), or null. */
export function serverKeyFingerprint(ctx: ProgramContext, hostId: string): string | null {
  const server = serverEcdsaKey(ctx, hostId);
  return server ? keyFingerprint(server.key) : null;
}
