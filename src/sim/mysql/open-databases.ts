/**
 * The open SQLite databases behind the worlds' MySQL servers: a small LRU keyed by data version.
 * A version is a prepared image plus changes; opening one copies the image (about a millisecond)
 * and replays the changes, and a database at an older version of the same history moves forward
 * by applying only the new ones. Evicted databases are closed. Bounded: at most LRU_SIZE open.
 */
import type { SimConfig } from '../world';
import { ServerDatabase } from './database';
import { preparedServer } from './prepare';
import { applyChange } from './replay';
import { at, isPrefix } from './log';
import type { DataVersion } from './state';

/** Open databases kept at once (each a few MB at most): a replay touches two or three servers. */
export const LRU_SIZE = 6;

const open: ServerDatabase[] = [];

/** Versions of the same world's server share their origin object (made when the world was created). */
function sameOrigin(a: DataVersion, b: DataVersion): boolean {
  return a.origin === b.origin;
}

function touch(index: number): ServerDatabase {
  const [db] = open.splice(index, 1);
  open.unshift(db!);
  return db!;
}

function forward(db: ServerDatabase, version: DataVersion): void {
  for (let i = db.version.changes.length; i < version.changes.length; i += 1) {
    const event = at(version.changes, i)!;
    const result = applyChange(db, event);
    if (!result.ok) throw new Error(`the simulated server could not replay its own change: ${result.message}`);
  }
  db.version = version;
}

/** An open database holding exactly `version` (opened, moved forward, or reused). */
export function databaseAt(config: SimConfig, version: DataVersion): ServerDatabase {
  const exact = open.findIndex((db) => db.version === version || (sameOrigin(db.version, version) && db.version.changes.length === version.changes.length && isPrefix(db.version.changes, version.changes)));
  if (exact >= 0) return touch(exact);
  const behind = open.findIndex((db) => sameOrigin(db.version, version) && isPrefix(db.version.changes, version.changes));
  if (behind >= 0) {
    const db = touch(behind);
    forward(db, version);
    return db;
  }
  const prepared = preparedServer(config, version.origin.host, version.origin.clock);
  const db = new ServerDatabase(prepared.image, { origin: version.origin, changes: { list: version.changes.list, length: 0 } });
  open.unshift(db);
  while (open.length > LRU_SIZE) open.pop()!.close();
  forward(db, version);
  return db;
}

/** Marks that `db` now holds `version` (after a write made on it). */
export function advanced(db: ServerDatabase, version: DataVersion): void {
  db.version = version;
}

/** Closes every open database (tests, and a page leaving the drill). */
export function closeAllDatabases(): void {
  while (open.length) open.pop()!.close();
}

/** How many databases are open (tests check the bound). */
export function openDatabaseCount(): number {
  return open.length;
}
