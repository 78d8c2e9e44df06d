/**
 * mysqld's error log, /var/log/mysql/error.log: its timestamps and how lines are added to it.
 * Only what log_error_verbosity 2 (8.0's default) writes belongs here: [System], [ERROR] and
 * [Warning] lines; [Note] lines need verbosity 3.
 */
import type { Draft } from '../draft';
import type { FileNode } from '../fs';

export const ERROR_LOG = '/var/log/mysql/error.log';

/** `2021-02-27T06:10:00.412871Z`: the error log's timestamps (microseconds made from the time and the line, not the wall clock). */
export function isoMicros(epoch: number, line = 0): string {
  const micros = String(((epoch * 7919) % 880_000) + line * 11_713).padStart(6, '0');
  return `${new Date(epoch * 1000).toISOString().slice(0, 19)}.${micros}Z`;
}

/** Appends `lines` to the host's error log at `now` (epoch seconds), creating it as mysqld does (mysql:adm 0640). */
export function appendErrorLog(draft: Draft, host: string, lines: readonly string[], now: number): void {
  if (lines.length === 0) return;
  const files = draft.host(host)?.files ?? {};
  const existing = Object.hasOwn(files, ERROR_LOG) ? files[ERROR_LOG]! : undefined;
  const base: FileNode = existing ?? { kind: 'file', owner: 'mysql', group: 'adm', mode: 0o640, mtime: now, content: '' };
  draft.setFile(host, ERROR_LOG, { ...base, content: `${base.content ?? ''}${lines.map((l) => `${l}\n`).join('')}`, mtime: now });
}
