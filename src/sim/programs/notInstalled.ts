/**
 * What Ubuntu 18.04's command-not-found handler (18.04.5, CommandNotFound.py) prints when a
 * program exists in a package the host does not have (`ifconfig`, `traceroute`, `nmap` on a
 * fresh server): an empty line, the header, an empty line, the packages to install (`sudo` in
 * front for a member of the sudo group, the snap first when there is one), an empty line. A
 * name one edit away from such a program gets its spelling suggestions instead.
 */
import type { UserInfo } from '../process';

export interface Installable {
  /** Debian packages that provide it, in the order command-not-found lists them. */
  apt: readonly string[];
  /** A snap that provides it, with the version the store had. */
  snap?: { name: string; version: string };
}

function canSudo(user: UserInfo): boolean {
  return user.uid !== 0 && (user.groups.includes('sudo') || user.groups.includes('admin'));
}

/** The handler's lines for a program in a package (it writes them to stderr; the shell then returns 127). */
export function notInstalledText(name: string, installable: Installable, user: UserInfo): string[] {
  const prefix = canSudo(user) ? 'sudo ' : '';
  const lines = ['', `Command '${name}' not found, but can be installed with:`, ''];
  const { apt, snap } = installable;
  // `%-*s`: every name padded to the longest of them, even with no version after it.
  const pad = Math.max(...apt.map((p) => p.length), snap?.name.length ?? 0);
  if (snap) {
    if (apt.length === 0) lines.push(`${prefix}snap install ${snap.name}`);
    else {
      lines.push(`${prefix}snap install ${snap.name.padEnd(pad)}  # version ${snap.version}, or`);
      for (const p of apt) lines.push(`${prefix}apt  install ${p.padEnd(pad)}`);
      lines.push('', `See 'snap info ${snap.name}' for additional versions.`);
    }
  } else if (apt.length === 1) {
    lines.push(`${prefix}apt install ${apt[0]}`);
    if (user.uid !== 0 && !canSudo(user)) lines.push('Please ask your administrator.');
  } else {
    for (const p of apt) lines.push(`${prefix}apt install ${p.padEnd(pad)}`);
    if (user.uid !== 0 && !canSudo(user)) lines.push('', 'Ask your administrator to install one of them.');
  }
  lines.push('');
  return lines;
}

/** A command one edit away from the typed name, and the package it comes from. */
export interface Misspelling {
  command: string;
  deb: string;
}

/** The handler's spelling suggestions (`Command 'ifconfg' not found, did you mean:`). */
export function spellingSuggestionText(name: string, suggestions: readonly Misspelling[], user: UserInfo): string[] {
  if (suggestions.length > 15) return ['', `Command '${name}' not found, but there are ${suggestions.length} similar ones.`, ''];
  return ['', `Command '${name}' not found, did you mean:`, '', ...suggestions.map((s) => `  command '${s.command}' from deb ${s.deb}`), '', `Try: ${canSudo(user) ? 'sudo ' : ''}apt install <deb name>`, ''];
}

/**
 * Whether `typed` is one of the handler's similar words of `known`: one letter deleted,
 * two neighbours swapped, one replaced or one inserted (its alphabet: a-z, 0-9, `-` and `_`).
 */
export function oneEditAway(typed: string, known: string): boolean {
  if (typed === known) return false;
  const a = typed;
  const b = known;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
    if (diff.length === 1) return /^[a-z0-9_-]$/.test(b[diff[0]!]!);
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i += 1;
  if (short.slice(i) !== long.slice(i + 1)) return false;
  // The known name is the longer one: the typed word lacks a letter the handler would insert.
  return long === a || /^[a-z0-9_-]$/.test(long[i]!);
}
