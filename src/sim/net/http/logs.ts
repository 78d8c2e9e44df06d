/**
 * Writing a server's log lines into the world as the request is served: appended to a log file on
 * the host (a log that also grows with the clock keeps doing so: the line joins its timed lines
 * at the current second), or to the journal of the unit whose stdout it is.
 */
import type { Draft } from '../../draft';
import type { FileNode } from '../../fs';
import { epochOf } from '../../time';

/** Most lines the simulation adds to one log's timed lines (a bound for very long runs). */
const MAX_TIMED = 50_000;

/** Owner, group and mode a log file is created with when it does not exist yet. */
export interface LogOwner {
  owner: string;
  group: string;
  mode: number;
}

/** Appends one line to a log file on `host`. */
export function appendLog(draft: Draft, host: string, path: string, line: string, creator: LogOwner): void {
  const files = draft.host(host)?.files ?? {};
  const node = Object.hasOwn(files, path) ? files[path]! : undefined;
  const mtime = epochOf(draft.config.date, draft.clock);
  if (node && node.kind !== 'file') return;
  if (!node) {
    draft.setFile(host, path, { kind: 'file', owner: creator.owner, group: creator.group, mode: creator.mode, mtime, content: `${line}\n` });
    return;
  }
  if (node.timed?.length || node.repeat?.length) {
    const timed = node.timed ?? [];
    if (timed.length >= MAX_TIMED) return;
    const next: FileNode = { ...node, timed: [...timed, { at: draft.clock, text: line }].sort((a, b) => a.at - b.at), mtime };
    draft.setFile(host, path, next);
    return;
  }
  const content = node.content ?? '';
  draft.setFile(host, path, { ...node, content: `${content}${content === '' || content.endsWith('\n') ? '' : '\n'}${line}\n`, mtime, size: undefined });
}
