import { hashString } from './generate';

/** The processlist ids of a replica's I/O and SQL threads (stable for a host: they start right after the server's own threads). */
export function replicaThreadIdsOf(host: string): { io: number; sql: number } {
  const base = 5 + (hashString(host) % 4);
  return { io: base, sql: base + 1 };
}
