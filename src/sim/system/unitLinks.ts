/**
 * What systemd 237 keeps on disk for a host's units: each unit's file (the package's in
 * /lib/systemd/system, the admin's in /etc/systemd/system), and the symlinks in
 * /etc/systemd/system that make a unit enabled (its WantedBy= target's .wants/ link and its
 * Alias= links, as `systemctl enable` makes them) or masked (a link to /dev/null). Made from the
 * same state `systemctl is-enabled` and `list-unit-files` read, and changed with it.
 */
import type { Draft } from '../draft';
import type { FileNode } from '../fs';
import type { UnitDefinition } from './units';
import type { UnitFileState } from './state';
import { unitFileText, wantsLink } from './unitFiles';
import { epochOf } from '../time';

/** A unit SysV's init script stands for (`/etc/init.d/…`): enabled by rc?.d links, none here. */
function isSysvScript(def: UnitDefinition): boolean {
  return def.unitFile.startsWith('/etc/init.d/');
}

/** The symlinks (path → target) a unit in this state has in /etc/systemd/system. */
export function unitLinks(def: UnitDefinition, state: UnitFileState): Record<string, string> {
  if (isSysvScript(def)) return {};
  if (state === 'masked') return { [`/etc/systemd/system/${def.name}`]: '/dev/null' };
  if (state !== 'enabled') return {};
  const links: Record<string, string> = {};
  for (const alias of def.aliases) links[`/etc/systemd/system/${alias}`] = def.unitFile;
  links[wantsLink(def)] = def.unitFile;
  return links;
}

function linkNode(target: string, mtime: number): FileNode {
  return { kind: 'link', owner: 'root', group: 'root', mode: 0o777, mtime, target };
}

/**
 * The unit files and enablement links of a host's units as they stand (`stateOf` gives a unit's
 * file state), dated `mtime` (when the packages were installed and enabled).
 */
export function unitDiskFiles(defs: readonly UnitDefinition[], stateOf: (def: UnitDefinition) => UnitFileState, mtime: number): Record<string, FileNode> {
  const dir = (): FileNode => ({ kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime });
  const files: Record<string, FileNode> = { '/lib/systemd': dir(), '/lib/systemd/system': dir(), '/etc/systemd/system': dir() };
  for (const def of defs) {
    if (isSysvScript(def)) continue;
    if (!Object.hasOwn(files, def.unitFile)) files[def.unitFile] = { kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime, content: unitFileText(def) };
    for (const [path, target] of Object.entries(unitLinks(def, stateOf(def)))) {
      const parent = path.slice(0, path.lastIndexOf('/'));
      if (!Object.hasOwn(files, parent)) files[parent] = dir();
      files[path] = linkNode(target, mtime);
    }
  }
  return files;
}

/** `systemctl enable`, `disable`, `mask`, `unmask`: the unit's links go from `before`'s to `after`'s, now. */
export function relinkUnit(draft: Draft, host: string, def: UnitDefinition, before: UnitFileState, after: UnitFileState): void {
  const old = unitLinks(def, before);
  const next = unitLinks(def, after);
  const now = epochOf(draft.config.date, draft.clock);
  for (const path of Object.keys(old)) if (!Object.hasOwn(next, path) || next[path] !== old[path]) draft.setFile(host, path, null);
  for (const [path, target] of Object.entries(next)) if (old[path] !== target) draft.setFile(host, path, linkNode(target, now));
}

