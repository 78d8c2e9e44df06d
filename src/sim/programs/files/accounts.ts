/**
 * User and group names and numbers as a host's /etc/passwd and /etc/group give them, so that
 * `stat`, `ls -n`, `chown` and `find -user` agree with `id` and with the files themselves.
 */
import type { FileNode } from '../../fs';

export interface Account {
  name: string;
  id: number;
  /** For a user, the number of their own group. */
  gid?: number;
  /** For a group, the users listed as its members. */
  members?: readonly string[];
}

export interface Accounts {
  user(name: string): Account | null;
  group(name: string): Account | null;
  userById(id: number): Account | null;
  groupById(id: number): Account | null;
}

function parse(text: string, kind: 'passwd' | 'group'): Account[] {
  const out: Account[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 3 || fields[0] === '') continue;
    const id = Number(fields[2]);
    if (!Number.isInteger(id)) continue;
    if (kind === 'passwd') out.push({ name: fields[0]!, id, gid: Number(fields[3] ?? id) });
    else out.push({ name: fields[0]!, id, members: (fields[3] ?? '').split(',').filter((m) => m !== '') });
  }
  return out;
}

/** The accounts of a host, read from its files (root always exists). */
export function accountsOf(files: Readonly<Record<string, FileNode>>): Accounts {
  const text = (path: string) => (Object.hasOwn(files, path) ? (files[path]!.content ?? '') : '');
  const users = parse(text('/etc/passwd'), 'passwd');
  const groups = parse(text('/etc/group'), 'group');
  if (!users.some((u) => u.name === 'root')) users.unshift({ name: 'root', id: 0, gid: 0 });
  if (!groups.some((g) => g.name === 'root')) groups.unshift({ name: 'root', id: 0, members: [] });
  return {
    user: (name) => users.find((u) => u.name === name) ?? null,
    group: (name) => groups.find((g) => g.name === name) ?? null,
    userById: (id) => users.find((u) => u.id === id) ?? null,
    groupById: (id) => groups.find((g) => g.id === id) ?? null,
  };
}

/** A user's number on the host; a name the host does not know keeps a stable made-up number. */
export function uidOf(accounts: Accounts, name: string): number {
  return accounts.user(name)?.id ?? (/^\d+$/.test(name) ? Number(name) : 1000);
}

export function gidOf(accounts: Accounts, name: string): number {
  return accounts.group(name)?.id ?? accounts.user(name)?.gid ?? (/^\d+$/.test(name) ? Number(name) : 1000);
}
