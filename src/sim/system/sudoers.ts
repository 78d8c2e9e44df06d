/**
 * sudo's policy on a host: Ubuntu 18.04's stock /etc/sudoers (`%sudo ALL=(ALL:ALL) ALL`, then
 * `#includedir /etc/sudoers.d`) and the rule provisioning gave each person in `sudo`: cloud-init's
 * `/etc/sudoers.d/90-cloud-init-users` on a server, a file of the user's own on a desktop, both
 * `NAME ALL=(ALL:ALL) NOPASSWD:ALL`. sudo applies the last rule that matches, so it never asks
 * these users for a password (the drill could not know it); `sudo -l` lists every matching rule.
 */
import type { FileNode } from '../fs';
import type { HostSpec } from '../../scenario/world';
import type { Draft } from '../draft';
import type { UserInfo } from '../process';

const STOCK_SUDOERS = `#
# This file MUST be edited with the 'visudo' command as root.
#
# Please consider adding local content in /etc/sudoers.d/ instead of
# directly modifying this file.
#
# See the man page for details on how to write a sudoers file.
#
Defaults\tenv_reset
Defaults\tmail_badpass
Defaults\tsecure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"

# Host alias specification

# User alias specification

# Cmnd alias specification

# User privilege specification
root\tALL=(ALL:ALL) ALL

# Members of the admin group may gain root privileges
%admin ALL=(ALL) ALL

# Allow members of group sudo to execute any command
%sudo\tALL=(ALL:ALL) ALL

# See sudoers(5) for more information on "#include" directives:

#includedir /etc/sudoers.d
`;

/** sudo 1.8.21p2-3ubuntu1's /etc/sudoers.d/README (958 bytes). */
const README = `#
# As of Debian version 1.7.2p1-1, the default /etc/sudoers file created on
# installation of the package now includes the directive:
# 
# \t#includedir /etc/sudoers.d
# 
# This will cause sudo to read and parse any files in the /etc/sudoers.d 
# directory that do not end in '~' or contain a '.' character.
# 
# Note that there must be at least one file in the sudoers.d directory (this
# one will do), and all files in this directory should be mode 0440.
# 
# Note also, that because sudoers contents can vary widely, no attempt is 
# made to add this directive to existing sudoers files on upgrade.  Feel free
# to add the above directive to the end of your /etc/sudoers file to enable 
# this functionality for existing installations if you wish!
#
# Finally, please note that using the visudo command is the recommended way
# to update sudoers content, since it protects against many failure modes.
# See the man page for visudo for more information.
#
`;

/** The sudoers files of a host as it was installed. */
export function sudoersFiles(spec: HostSpec, desktop: boolean, installed: number): Record<string, FileNode> {
  const node = (content: string): FileNode => ({ kind: 'file', owner: 'root', group: 'root', mode: 0o440, mtime: installed, content });
  const files: Record<string, FileNode> = {
    '/etc/sudoers': node(STOCK_SUDOERS),
    '/etc/sudoers.d': { kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime: installed },
    '/etc/sudoers.d/README': node(README),
  };
  const people = spec.users.filter((u) => u.uid >= 1000 && (u.groups ?? []).some((g) => g === 'sudo' || g === 'admin'));
  if (people.length === 0) return files;
  if (desktop) {
    for (const u of people) files[`/etc/sudoers.d/${u.name}`] = node(`${u.name} ALL=(ALL:ALL) NOPASSWD:ALL\n`);
  } else {
    files['/etc/sudoers.d/90-cloud-init-users'] = node(`# Created by cloud-init v. 19.4-33-gbb4131a2-0ubuntu1~18.04.1\n${people.map((u) => `\n# User rules for ${u.name}\n${u.name} ALL=(ALL:ALL) NOPASSWD:ALL\n`).join('')}`);
  }
  return files;
}

/** One privilege line of `sudo -l` (`(ALL : ALL) NOPASSWD: ALL`), or null when the line is no rule for this user. */
function privilegeOf(line: string, user: UserInfo): { text: string; nopasswd: boolean } | null {
  const m = /^(%?[\w.-]+)\s+[\w.-]+\s*=\s*\(([^)]*)\)\s*(.*)$/.exec(line.trim());
  if (!m) return null;
  const who = m[1]!;
  if (who.startsWith('%') ? !user.groups.includes(who.slice(1)) : who !== user.name) return null;
  const runas = m[2]!.split(':').map((s) => s.trim()).join(' : ');
  const rest = m[3]!.replace(/\b(NOPASSWD|PASSWD|NOEXEC|SETENV):\s*/g, '$1: ').trim();
  return { text: `(${runas}) ${rest}`, nopasswd: /\bNOPASSWD:/.test(rest) };
}

/** The rules for `user` in the order sudo reads them: /etc/sudoers, then /etc/sudoers.d's files by name (none with a `.` or ending `~`). */
export function sudoRules(draft: Draft, host: string, user: UserInfo): { text: string; nopasswd: boolean }[] {
  const files = draft.host(host)?.files ?? {};
  const texts: string[] = [];
  const main = files['/etc/sudoers']?.content ?? '';
  for (const line of main.split('\n')) {
    if (/^#includedir\s+\/etc\/sudoers\.d\s*$/.test(line)) {
      const names = Object.keys(files).filter((p) => p.startsWith('/etc/sudoers.d/') && !p.slice(15).includes('/') && !p.slice(15).includes('.') && !p.endsWith('~')).sort();
      for (const p of names) texts.push(...(files[p]?.content ?? '').split('\n'));
    } else texts.push(line);
  }
  return texts.filter((l) => !l.trim().startsWith('#') && !/^\s*Defaults/.test(l)).flatMap((l) => privilegeOf(l, user) ?? []);
}
