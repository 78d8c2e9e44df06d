/**
 * OpenSSH's "randomart" of a key (sshkey.c fingerprint_randomart, 7.6p1): the drunken bishop's
 * walk over a 17×9 field driven by the SHA-256 digest of the key's blob, as ssh-keygen prints it
 * when it makes a key (`The key's randomart image is:`).
 */
import { hexBytes, sha256 } from '../programs/files/digest';
import type { PublicKey } from './sshKeygen';

const SYMBOLS = ' .o+=*BOX@%&#/^SE';
const WIDTH = 17;
const HEIGHT = 9;
const TYPE_WORDS: Readonly<Record<string, string>> = { 'ssh-rsa': 'RSA', 'ssh-dss': 'DSA', 'ecdsa-sha2-nistp256': 'ECDSA', 'ecdsa-sha2-nistp384': 'ECDSA', 'ecdsa-sha2-nistp521': 'ECDSA', 'ssh-ed25519': 'ED25519' };

function border(label: string): string {
  const left = Math.floor((WIDTH - label.length) / 2);
  return `+${'-'.repeat(left)}${label}${'-'.repeat(WIDTH - left - label.length)}+`;
}

/** The eleven lines of the key's randomart (SHA-256), title `[TYPE BITS]`. */
export function randomArt(key: PublicKey, typeWord = TYPE_WORDS[key.type] ?? key.type): string[] {
  const len = SYMBOLS.length - 1;
  const field = Array.from({ length: WIDTH }, () => new Array<number>(HEIGHT).fill(0));
  let x = Math.floor(WIDTH / 2);
  let y = Math.floor(HEIGHT / 2);
  for (const byte of hexBytes(sha256(key.blob))) {
    let input = byte;
    for (let b = 0; b < 4; b += 1) {
      x = Math.min(WIDTH - 1, Math.max(0, x + (input & 1 ? 1 : -1)));
      y = Math.min(HEIGHT - 1, Math.max(0, y + (input & 2 ? 1 : -1)));
      if (field[x]![y]! < len - 2) field[x]![y]! += 1;
      input >>= 2;
    }
  }
  field[Math.floor(WIDTH / 2)]![Math.floor(HEIGHT / 2)] = len - 1;
  field[x]![y] = len;
  const rows: string[] = [];
  for (let row = 0; row < HEIGHT; row += 1) {
    let line = '|';
    for (let col = 0; col < WIDTH; col += 1) line += SYMBOLS[Math.min(field[col]![row]!, len)];
    rows.push(`${line}|`);
  }
  return [border(`[${typeWord} ${key.bits}]`), ...rows, border('[SHA256]')];
}
