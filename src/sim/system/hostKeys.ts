/**
 * The host keys in /etc/ssh, as OpenSSH 7.6p1 on Ubuntu 18.04 leaves them: cloud-init's first
 * boot (or openssh-server's postinst on a desktop) runs `ssh-keygen -t TYPE -N "" -f
 * /etc/ssh/ssh_host_TYPE_key`, so each key is root's, 600, its .pub 644, both commented
 * `root@HOSTNAME`. ssh-keygen 7.6 still wrote RSA and ECDSA private keys as PEM (`RSA PRIVATE
 * KEY`, PKCS#1; `EC PRIVATE KEY`, RFC 5915) and only ed25519 in the `OPENSSH PRIVATE KEY`
 * format (the new format became the default in 7.8).
 *
 * The bytes are drawn from SHA-256 of the host's name and the key type, laid out in the real
 * encodings with the real lengths (a 51-byte ed25519 blob, a 104-byte nistp256 blob with its
 * 0x04 point, a 279-byte 2048-bit RSA blob with e = 65537). They are not real keys: the ECDSA
 * point is not on the curve, the RSA modulus has no factors p and q, the ed25519 public half is
 * not derived from its seed. Fingerprints, known_hosts lines and HMACs are computed from them
 * exactly as ssh would.
 */
import type { FileNode } from '../fs';
import { hexBytes, hmacSha1, sha256 } from '../programs/files/digest';
import { toBase64 } from './sshKeygen';

export type HostKeyType = 'rsa' | 'ecdsa' | 'ed25519';
export const HOST_KEY_TYPES: readonly HostKeyType[] = ['rsa', 'ecdsa', 'ed25519'];

/** `length` stable bytes for `seed` (SHA-256 in counter mode). */
export function seededBytes(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0, at = 0; at < length; i += 1) {
    const block = hexBytes(sha256(`${seed}:${i}`));
    out.set(block.slice(0, Math.min(block.length, length - at)), at);
    at += block.length;
  }
  return out;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const uint32 = (n: number): Uint8Array => Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
/** An SSH wire `string`: its length, then its bytes. */
const sshString = (bytes: Uint8Array | string): Uint8Array => {
  const b = typeof bytes === 'string' ? ascii(bytes) : bytes;
  return concat(uint32(b.length), b);
};
/** A positive integer's bytes with the top bit set (so mpint and DER add a 0x00), odd when `odd`. */
function bigPositive(seed: string, length: number, odd = false): Uint8Array {
  const b = seededBytes(seed, length);
  b[0] = b[0]! | 0x80;
  if (odd) b[length - 1] = b[length - 1]! | 1;
  return b;
}
/** DER: a tag and its length (short or long form). */
function der(tag: number, body: Uint8Array): Uint8Array {
  const n = body.length;
  const length = n < 128 ? Uint8Array.of(n) : n < 256 ? Uint8Array.of(0x81, n) : Uint8Array.of(0x82, n >> 8, n & 255);
  return concat(Uint8Array.of(tag), length, body);
}
/** A DER INTEGER of a positive magnitude (a 0x00 first when its top bit is set). */
const derInteger = (magnitude: Uint8Array): Uint8Array => der(0x02, magnitude[0]! & 0x80 ? concat(Uint8Array.of(0), magnitude) : magnitude);

/** PEM armour: base64 in lines of `width` (64 for PEM, 70 for OpenSSH's own format). */
function armour(label: string, body: Uint8Array, width: number): string {
  const text = toBase64(body);
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface HostKey {
  type: HostKeyType;
  /** The type word of the .pub line and of known_hosts (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`). */
  name: string;
  blob: Uint8Array;
  /** The .pub line without its newline. */
  publicLine: string;
  privateText: string;
}

const KEY_NAMES: Readonly<Record<HostKeyType, string>> = { rsa: 'ssh-rsa', ecdsa: 'ecdsa-sha2-nistp256', ed25519: 'ssh-ed25519' };

/** The host key of `type` for the host named `hostname` (the seed and the comment's host). */
export function hostKey(hostname: string, type: HostKeyType): HostKey {
  const seed = `${hostname}:ssh_host_${type}_key`;
  const comment = `root@${hostname}`;
  const name = KEY_NAMES[type];
  let blob: Uint8Array;
  let privateText: string;
  if (type === 'ed25519') {
    const secret = seededBytes(`${seed}:seed`, 32);
    const pub = seededBytes(`${seed}:public`, 32);
    blob = concat(sshString(name), sshString(pub));
    const check = seededBytes(`${seed}:check`, 4);
    let section = concat(check, check, sshString(name), sshString(pub), sshString(concat(secret, pub)), sshString(comment));
    // Padded with 1, 2, 3, … to the cipher's block size (8 for "none").
    const pad: number[] = [];
    for (let i = 1; (section.length + pad.length) % 8 !== 0; i += 1) pad.push(i);
    section = concat(section, Uint8Array.from(pad));
    const body = concat(ascii('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), uint32(1), sshString(blob), sshString(section));
    privateText = armour('OPENSSH PRIVATE KEY', body, 70);
  } else if (type === 'ecdsa') {
    const point = concat(Uint8Array.of(4), seededBytes(`${seed}:point`, 64));
    blob = concat(sshString(name), sshString('nistp256'), sshString(point));
    const d = seededBytes(`${seed}:d`, 32);
    d[0] = d[0]! & 0x7f;
    const prime256v1 = Uint8Array.of(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07);
    const body = der(0x30, concat(derInteger(Uint8Array.of(1)), der(0x04, d), der(0xa0, prime256v1), der(0xa1, der(0x03, concat(Uint8Array.of(0), point)))));
    privateText = armour('EC PRIVATE KEY', body, 64);
  } else {
    const n = bigPositive(`${seed}:n`, 256, true);
    const e = Uint8Array.of(1, 0, 1);
    blob = concat(sshString(name), sshString(e), sshString(concat(Uint8Array.of(0), n)));
    const half = (part: string) => bigPositive(`${seed}:${part}`, 128, part === 'p' || part === 'q');
    const fields = [Uint8Array.of(0), n, e, bigPositive(`${seed}:d`, 256), half('p'), half('q'), half('dp'), half('dq'), half('qinv')];
    const body = der(0x30, concat(...fields.map((f, i) => (i === 0 ? der(0x02, f) : derInteger(f)))));
    privateText = armour('RSA PRIVATE KEY', body, 64);
  }
  return { type, name, blob, publicLine: `${name} ${toBase64(blob)} ${comment}`, privateText };
}

/** Seconds from the install to the host keys: cloud-init's ssh module on the first boot. */
export const HOST_KEYS_AFTER_INSTALL = 10;

/** /etc/ssh and its three host key pairs, written at `made` (epoch seconds). */
export function hostKeyFiles(hostname: string, made: number): Record<string, FileNode> {
  const files: Record<string, FileNode> = { '/etc/ssh': { kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime: made } };
  for (const type of HOST_KEY_TYPES) {
    const key = hostKey(hostname, type);
    const path = `/etc/ssh/ssh_host_${type}_key`;
    files[path] = { kind: 'file', owner: 'root', group: 'root', mode: 0o600, mtime: made, content: key.privateText };
    files[`${path}.pub`] = { kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime: made, content: `${key.publicLine}\n` };
  }
  return files;
}

/** A hashed known_hosts host field (`|1|salt|HMAC-SHA1(salt, name)`), with a stable 20-byte salt. */
export function hashedHostField(name: string, saltSeed: string): string {
  const salt = seededBytes(`${saltSeed}:salt`, 20);
  return `|1|${toBase64(salt)}|${toBase64(hmacSha1(salt, ascii(name.toLowerCase())))}`;
}
