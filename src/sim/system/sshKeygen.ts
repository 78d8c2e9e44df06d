/**
 * `ssh-keygen` (OpenSSH 7.6p1): `-l [-E md5|sha256] -f FILE` fingerprints the keys of a public
 * key, authorized_keys or known_hosts file, worked out from the key's own bytes as ssh does
 * (SHA-256 of the blob, base64 without padding); `-F HOST` and `-R HOST` find and remove a host's
 * lines in known_hosts, hashed (`|1|salt|HMAC-SHA1`) or not. Making keys is not simulated.
 */
import type { ProgramContext } from '../process';
import { FS_ERROR_TEXT } from '../process';
import { hexBytes, hmacSha1, md5, sha256 } from '../programs/files/digest';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fromBase64(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return null;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    value = (value << 6) | BASE64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export function toBase64(bytes: Uint8Array, pad = true): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.ceil(((Math.min(3, bytes.length - i)) * 8) / 6);
    for (let j = 0; j < 4; j += 1) out += j < chars ? BASE64[(n >> (18 - 6 * j)) & 63] : pad ? '=' : '';
  }
  return out;
}

/** The SSH wire strings of a key blob (`string type`, then the key's own fields). */
function wireStrings(blob: Uint8Array): Uint8Array[] | null {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) return null;
    const length = ((blob[at]! << 24) | (blob[at + 1]! << 16) | (blob[at + 2]! << 8) | blob[at + 3]!) >>> 0;
    if (at + 4 + length > blob.length) return null;
    parts.push(blob.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return parts;
}

const TYPE_NAMES: Readonly<Record<string, string>> = { 'ssh-rsa': 'RSA', 'ssh-dss': 'DSA', 'ecdsa-sha2-nistp256': 'ECDSA', 'ecdsa-sha2-nistp384': 'ECDSA', 'ecdsa-sha2-nistp521': 'ECDSA', 'ssh-ed25519': 'ED25519' };

export interface PublicKey {
  type: string;
  blob: Uint8Array;
  bits: number;
}

/** A key from its type word and base64, as sshkey_read takes it; null when the bytes do not make that key. */
export function readKey(type: string, base64: string): PublicKey | null {
  if (!TYPE_NAMES[type]) return null;
  const blob = fromBase64(base64);
  const parts = blob ? wireStrings(blob) : null;
  if (!blob || !parts || new TextDecoder().decode(parts[0]) !== type) return null;
  const magnitude = (b: Uint8Array | undefined) => {
    if (!b) return 0;
    let i = 0;
    while (i < b.length && b[i] === 0) i += 1;
    return i === b.length ? 0 : (b.length - i - 1) * 8 + Math.floor(Math.log2(b[i]!)) + 1;
  };
  const bits = type === 'ssh-rsa' ? magnitude(parts[2]) : type === 'ssh-dss' ? magnitude(parts[1]) : type === 'ssh-ed25519' ? 256 : Number(type.slice(-3));
  return bits > 0 ? { type, blob, bits } : null;
}

/** `SHA256:…` (base64, no padding) or `MD5:aa:bb:…`, as sshkey_fingerprint prints them. */
export function keyFingerprint(key: PublicKey, hash: 'sha256' | 'md5' = 'sha256'): string {
  if (hash === 'md5') return `MD5:${(md5(key.blob).match(/../g) ?? []).join(':')}`;
  return `SHA256:${toBase64(hexBytes(sha256(key.blob)), false)}`;
}

/** One line of a key file: the key, what comes before it (a known_hosts host list, authorized_keys options) and its comment. */
function keyOfLine(line: string): { key: PublicKey; before: string; comment: string } | null {
  const words = line.trim().split(/[ \t]+/);
  for (let i = 0; i < words.length - 1 && i < 3; i += 1) {
    const key = readKey(words[i]!, words[i + 1]!);
    if (key) return { key, before: words.slice(0, i).join(' '), comment: words.slice(i + 2).join(' ') };
  }
  return null;
}

/** Whether a known_hosts host field names `host`: a plain comma list, or `|1|salt|hmac` of the name. */
export function hostMatches(field: string, host: string): boolean {
  const name = host.toLowerCase();
  const hashed = /^\|1\|([^|]+)\|(.+)$/.exec(field);
  if (hashed) {
    const salt = fromBase64(hashed[1]!);
    return salt !== null && toBase64(hmacSha1(salt, new TextEncoder().encode(name))) === hashed[2];
  }
  return field.toLowerCase().split(',').includes(name);
}

const GENERATES = /^-[^-]*[tbNC]/;

export function sshKeygen(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j += 1) {
      const letter = a[j]!;
      if ('CDEFGIJKMNOPRSTVWZabfgjmnrstz'.includes(letter)) {
        const value = a.slice(j + 1) || args[++i];
        if (value === undefined) {
          ctx.err(`ssh-keygen: option requires an argument -- ${letter}`);
          return 1;
        }
        values[letter] = value;
        break;
      }
      flags.add(letter);
    }
  }
  const home = ctx.sys.env.HOME ?? ctx.sys.user.home;
  const expand = (path: string) => (path.startsWith('~/') ? `${home}${path.slice(1)}` : path);
  if (values.F !== undefined || values.R !== undefined) return knownHosts(ctx, values.R ?? values.F!, values.R !== undefined, values.f !== undefined ? expand(values.f) : `${home}/.ssh/known_hosts`);
  if (flags.has('l')) {
    const hash = values.E ?? 'sha256';
    if (hash !== 'sha256' && hash !== 'md5') {
      ctx.err(`Invalid hash algorithm "${hash}"`);
      return 255;
    }
    if (values.f === undefined) {
      ctx.note("Not simulated in this drill: ssh-keygen's prompt for the file; give it with -f FILE.");
      return 1;
    }
    return fingerprints(ctx, values.f, hash);
  }
  if (GENERATES.test(args.join(' ')) || args.length === 0) {
    ctx.note('Not simulated in this drill: making a key pair with ssh-keygen (the servers already trust your key).');
    return 1;
  }
  ctx.note(`Not simulated in this drill: ssh-keygen ${args.join(' ')}.`);
  return 1;
}

function fingerprints(ctx: ProgramContext, path: string, hash: 'sha256' | 'md5'): number {
  let read = ctx.sys.read(path);
  if (!read.ok) {
    ctx.err(`${path}: ${FS_ERROR_TEXT[read.error]}`);
    return 255;
  }
  // A private key is read through its .pub, for the comment (sshkey_load_public).
  if (read.text.split('\n')[0]?.includes('PRIVATE KEY')) {
    const pub = ctx.sys.read(`${path}.pub`);
    if (pub.ok) read = pub;
  }
  let found = false;
  for (const line of read.text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const parsed = keyOfLine(line);
    if (!parsed) continue;
    found = true;
    // A known_hosts line's host list stands for its comment; a plain key without one says so.
    const comment = parsed.comment || (parsed.before.startsWith('|') || (parsed.before && !parsed.before.includes('=')) ? parsed.before : '') || 'no comment';
    ctx.out(`${parsed.key.bits} ${keyFingerprint(parsed.key, hash)} ${comment} (${TYPE_NAMES[parsed.key.type]})`);
  }
  if (!found) {
    ctx.err(`${path} is not a public key file.`);
    return 255;
  }
  return 0;
}

function knownHosts(ctx: ProgramContext, host: string, remove: boolean, path: string): number {
  const read = ctx.sys.read(path);
  if (!read.ok) {
    ctx.err(`${path}: ${FS_ERROR_TEXT[read.error]}`);
    return 255;
  }
  const lines = read.text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const kept: string[] = [];
  let found = false;
  lines.forEach((line, index) => {
    const field = line.trim().split(/[ \t]+/)[0] ?? '';
    const match = !line.startsWith('#') && line.trim() !== '' && !field.startsWith('@') && hostMatches(field, host);
    if (!match) {
      kept.push(line);
      return;
    }
    found = true;
    if (remove) ctx.out(`# Host ${host} found: line ${index + 1}`);
    else {
      ctx.out(`# Host ${host} found: line ${index + 1} `);
      ctx.out(line);
    }
  });
  if (!remove) return found ? 0 : 1;
  if (!found) {
    ctx.err(`Host ${host} not found in ${path}`);
    return 0;
  }
  const backup = ctx.sys.write(`${path}.old`, read.text);
  const written = backup.ok ? ctx.sys.write(path, kept.length ? `${kept.join('\n')}\n` : '') : backup;
  if (!written.ok) {
    ctx.err(`mkstemp: ${FS_ERROR_TEXT[written.error]}`);
    return 255;
  }
  ctx.out(`${path} updated.`);
  ctx.out(`Original contents retained as ${path}.old`);
  return 0;
}
