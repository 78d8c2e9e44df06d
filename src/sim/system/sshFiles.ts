/**
 * The trainee's ~/.ssh at the start: on each server they log in to by key, authorized_keys with
 * the public key their laptop holds (or, when the laptop holds none, an ed25519 key named after
 * it); on the laptop, a known_hosts the scenario gives by its size alone is filled with the
 * hashed lines (HashKnownHosts yes, Ubuntu's ssh_config) of the servers it has connected to.
 */
import type { SimConfig } from '../world';
import type { FileNode } from '../fs';
import { hostSpec } from '../world';
import { userOf } from '../process';
import { stableHex, isDesktopInstall } from './baseImage';
import { hashedHostField, hostKey } from './hostKeys';
import { readUserConfig } from '../shell/sshVerbose';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * `chars` base64 characters of stable bytes made from `seed`; with `padded`, the last one has
 * its two low bits clear, as before a `=` (a 20-byte hash, a 104-byte ECDSA blob).
 */
function stableBase64(seed: string, chars: number, padded = false): string {
  const hex = stableHex(seed, chars * 2);
  let out = '';
  for (let i = 0; i < chars; i += 1) {
    const index = parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 64;
    out += BASE64[padded && i === chars - 1 ? index & ~3 : index];
  }
  return out;
}

/** ssh's identities in the order it offers them, and the type word of their .pub lines. */
const PUBLIC_KEYS = ['id_rsa.pub', 'id_dsa.pub', 'id_ecdsa.pub', 'id_ed25519.pub'];

/** The first public key line the start host's login user has in the scenario, with its file's time; null without one. */
function laptopKey(config: SimConfig, startHost: string, timeOf: (text: string) => number): { line: string; at: number | null } | null {
  const spec = hostSpec(config, startHost);
  const user = spec ? userOf(config, startHost, spec.login) : null;
  if (!spec || !user) return null;
  for (const name of PUBLIC_KEYS) {
    const file = (spec.files ?? []).find((f) => f.path === `${user.home}/.ssh/${name}`);
    const text = typeof file?.content === 'string' ? file.content : file?.content?.join('\n');
    const line = text?.split('\n').find((l) => /^(ssh-|ecdsa-)\S+ \S+/.test(l));
    if (line) return { line, at: file?.mtime ? timeOf(file.mtime) : null };
  }
  return null;
}

/** An ed25519 public key line (68 characters of base64, its 51-byte blob) for `comment`. */
function madeUpKey(comment: string): string {
  return `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${stableBase64(`${comment}:ed25519`, 43)} ${comment}`;
}

/** A server's ~/.ssh for the user the trainee logs in as, unless the scenario gives one; `timeOf` reads a scenario file's mtime. */
export function serverSshFiles(config: SimConfig, id: string, startHost: string, installed: number, given: Readonly<Record<string, FileNode>>, timeOf: (text: string) => number): Record<string, FileNode> {
  const spec = hostSpec(config, id);
  if (!spec || id === startHost || isDesktopInstall(spec)) return {};
  const user = userOf(config, id, spec.login);
  if (!user || !Object.hasOwn(given, user.home) || Object.hasOwn(given, `${user.home}/.ssh`)) return {};
  const client = hostSpec(config, startHost);
  const key = laptopKey(config, startHost, timeOf);
  const line = key?.line ?? madeUpKey(`${client?.login ?? user.name}@${client?.hostname ?? startHost}`);
  // Added some minutes after the key was made (ssh-copy-id, or the admin's hand), never before the install.
  const at = Math.max(installed, key?.at ?? installed) + 600 + (parseInt(stableHex(`${id}:authorized_keys`, 4), 16) % 3000);
  const mine = (kind: FileNode['kind'], mode: number, extra: Partial<FileNode>): FileNode => ({ kind, owner: user.name, group: user.groups[0]!, mode, mtime: at, ...extra });
  // cloud-init (disable_root: true) gives root the same keys, behind a command that turns the login away.
  const rootAt = installed + 60;
  const rootNode = (kind: FileNode['kind'], mode: number, extra: Partial<FileNode>): FileNode => ({ kind, owner: 'root', group: 'root', mode, mtime: rootAt, ...extra });
  const refuse = `no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo 'Please login as the user \\"${user.name}\\" rather than the user \\"root\\".';echo;sleep 10" `;
  return {
    [`${user.home}/.ssh`]: mine('dir', 0o700, {}),
    [`${user.home}/.ssh/authorized_keys`]: mine('file', 0o600, { content: `${line}\n` }),
    ...(Object.hasOwn(given, '/root/.ssh') ? {} : { '/root/.ssh': rootNode('dir', 0o700, {}), '/root/.ssh/authorized_keys': rootNode('file', 0o600, { content: `${refuse}${line}\n` }) }),
  };
}

/**
 * One hashed known_hosts line (`|1|salt|hmac ecdsa-sha2-nistp256 key`, 222 bytes with its
 * newline): the server's own ECDSA host key (hostKeys.ts), under a real HMAC-SHA1 of `name`, the
 * name ssh connected to (the HostName ~/.ssh/config gives, else the name typed).
 */
export function knownHostsLine(startHost: string, serverHostname: string, name: string): string {
  return `${hashedHostField(name, `${startHost}:${name}`)} ${hostKey(serverHostname, 'ecdsa').publicLine.split(' ').slice(0, 2).join(' ')}\n`;
}

/**
 * The laptop's known_hosts when the scenario gives only its size: a line per server the trainee
 * has logged in to, in the scenario's order, if that many lines make exactly that size.
 */
export function filledKnownHosts(node: FileNode, startHost: string, servers: readonly { hostname: string; name: string }[]): FileNode {
  if (node.content !== undefined || node.size === undefined) return node;
  const text = servers.map((s) => knownHostsLine(startHost, s.hostname, s.name)).join('');
  return text.length === node.size ? { ...node, content: text, size: undefined } : node;
}

/** The name ssh connects to for `typed`, by the ~/.ssh/config text the scenario gives the user (null: none). */
export function sshHostName(configText: string | null, typed: string): string {
  return configText === null ? typed : (readUserConfig(configText, '', typed).hostName ?? typed);
}
