/**
 * What Ubuntu 18.04's command-not-found handler prints when a program exists in a package the
 * host does not have (`ifconfig`, `traceroute`, `nmap` on a fresh server): the packages to
 * install, `sudo` in front for a member of the sudo group, and the snap when there is one.
 */
import type { UserInfo } from '../process';

export interface Installable {
  /** Debian packages that provide it, in the order command-not-found lists them. */
  apt: readonly string[];
  /** A snap that provides it, with the version the store had. */
  snap?: { name: string; version: string };
}

/** The handler's lines (it writes them to stderr; the shell then returns 127). */
export function notInstalledText(name: string, installable: Installable, user: UserInfo): string[] {
  const canSudo = user.uid !== 0 && (user.groups.includes('sudo') || user.groups.includes('admin'));
  const prefix = canSudo ? 'sudo ' : '';
  const lines = [`Command '${name}' not found, but can be installed with:`, ''];
  if (installable.snap) {
    lines.push(`${prefix}snap install ${installable.snap.name}  # version ${installable.snap.version}, or`);
    for (const p of installable.apt) lines.push(`${prefix}apt  install ${p}`);
    lines.push('', `See 'snap info ${installable.snap.name}' for additional versions.`);
  } else for (const p of installable.apt) lines.push(`${prefix}apt install ${p}`);
  if (user.uid !== 0 && !canSudo) lines.push(installable.apt.length > 1 ? 'Ask your administrator to install one of them.' : 'Please ask your administrator.');
  lines.push('');
  return lines;
}
