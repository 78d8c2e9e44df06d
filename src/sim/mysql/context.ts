/**
 * What one statement runs with on the server (the world, the server, the connection, its
 * privileges and data) and what it answers: rows, an OK with counts, or an error.
 */
import type { Draft } from '../draft';
import type { Token } from './lexer';
import type { Server } from './server';
import type { MysqlSession } from './session';
import type { Privileges } from './grants';
import type { ServerDatabase } from './database';
import type { ResultSet } from './reads';
import type { MysqlError } from './errors';
import type { SessionView } from './query';

export type StatementResult =
  | { kind: 'rows'; result: ResultSet; warnings: number; /** Seconds SLEEP() took. */ slept?: number }
  /** `silent`: a statement the drill does not simulate; the client prints nothing but the drill's note. */
  | { kind: 'ok'; affected: number; info: string | null; warnings: number; silent?: true }
  | { kind: 'error'; error: MysqlError };

export interface StatementContext {
  draft: Draft;
  server: Server;
  session: MysqlSession;
  /** The statement as received. */
  sql: string;
  tokens: Token[];
  privileges: Privileges;
  /** Lines in the drill's own voice (what is not simulated). */
  notes: string[];
  /** The connection's data: its open transaction's, or the server's. */
  db(): ServerDatabase;
  view(): SessionView;
  /** SHOW WARNINGS of this statement. */
  warnings: string[];
}

export const ok = (affected = 0, info: string | null = null, warnings = 0): StatementResult => ({ kind: 'ok', affected, info, warnings });
/** A statement the drill does not simulate: no "Query OK", no result, only the note it pushed. */
export const unsimulated = (): StatementResult => ({ kind: 'ok', affected: 0, info: null, warnings: 0, silent: true });
export const failed = (error: MysqlError): StatementResult => ({ kind: 'error', error });
export const rows = (result: ResultSet, warnings = 0): StatementResult => ({ kind: 'rows', result, warnings });
