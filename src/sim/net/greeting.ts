/**
 * What a server sends first on a raw TCP connection (telnet, nc, `curl telnet://`), before the
 * client says anything, as a terminal shows it: sshd's version line (then CRLF), and mysqld's
 * protocol-10 handshake packet (MySQL 8.0: 3-byte length 74, `J`, sequence 0, protocol 10 which
 * is a newline, the version, the connection id, the 20-character scramble in two parts, the
 * capability and status flags, `caching_sha2_password`). The terminal prints the packet's
 * printable bytes, nothing for the control bytes, and a replacement character for each byte that
 * is not UTF-8 (0xff…). The connection takes a connection id as any client's does. Other servers
 * (HTTP, DNS) wait for the client and send nothing.
 */
import type { Draft } from '../draft';
import type { NetSocket } from './sockets';
import { factsOf, saveServer, serverOf, unitOf } from '../mysql/server';
import { hashOf } from './jitter';

/** What sshd on Ubuntu 18.04 (OpenSSH 7.6p1, as patched in 2020) says first. */
export const SSH_BANNER = 'SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.3';

/** The scramble's characters: printable ASCII from `!` to `~`, never `$` (mysqld's generate_user_salt). */
function scramble(seed: number, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i += 1) {
    const c = 33 + (hashOf('mysql-scramble', seed, i) % 94);
    out.push(c === 36 ? 37 : c);
  }
  return out;
}

/** The bytes of MySQL 8.0's initial handshake packet. */
export function mysqlHandshake(version: string, connectionId: number, seed: number): Uint8Array {
  const salt = scramble(seed, 20);
  const payload = [
    10,
    ...new TextEncoder().encode(version), 0,
    connectionId & 0xff, (connectionId >>> 8) & 0xff, (connectionId >>> 16) & 0xff, (connectionId >>> 24) & 0xff,
    ...salt.slice(0, 8), 0,
    0xff, 0xff, // capabilities, low half
    0xff, // utf8mb4_0900_ai_ci
    0x02, 0x00, // SERVER_STATUS_AUTOCOMMIT
    0xff, 0xc3, // capabilities, high half
    21,
    ...Array<number>(10).fill(0),
    ...salt.slice(8), 0,
    ...new TextEncoder().encode('caching_sha2_password'), 0,
  ];
  return Uint8Array.from([payload.length & 0xff, (payload.length >>> 8) & 0xff, (payload.length >>> 16) & 0xff, 0, ...payload]);
}

/** Bytes as a terminal shows them: control bytes but newline and tab draw nothing, broken UTF-8 is U+FFFD. */
export function terminalText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return [...text].filter((c) => { const code = c.charCodeAt(0); return c === '\n' || c === '\t' || (code >= 0x20 && code !== 0x7f); }).join('');
}

/**
 * What the server behind `socket` on `host` sends on connecting, as the terminal shows it (with
 * its line ends), or null when it waits for the client. A MySQL server counts the connection.
 */
export function serverGreeting(draft: Draft, host: string, socket: NetSocket | null): string | null {
  if (!socket) return null;
  if (socket.unit === 'ssh.service') return `${SSH_BANNER}\r\n`;
  const server = serverOf(draft, host);
  if (server && unitOf(server.spec) === socket.unit && socket.port === factsOf(draft, server).port) {
    const id = server.state.connections + 1;
    saveServer(draft, server, { ...server.state, connections: id });
    return terminalText(mysqlHandshake(factsOf(draft, server).version, id, hashOf('mysql-handshake', host, id, draft.clock)));
  }
  return null;
}
