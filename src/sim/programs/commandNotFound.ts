/**
 * What the interactive login shell prints for a name it cannot find: Ubuntu's command-not-found
 * handler's advice when a package has the program or one a letter away (installed or not: its
 * database is the archive's, `debs.ts`), else its plain
 * `X: command not found` (the handler's words, the same as bash's own without its name).
 */
import type { UserInfo } from '../process';
import { notInstalledText, oneEditAway, spellingSuggestionText } from './notInstalled';
import { installablePrograms, programNamed } from './registry';
import { archivePackages, archivePrograms } from './debs';

/** The handler's lines for `name` (written to stderr; the shell returns 127). */
export function commandNotFoundText(name: string, user: UserInfo): string[] {
  const installable = programNamed(name)?.installable ?? archivePackages(name);
  if (installable) return notInstalledText(name, installable, user);
  // The handler tries spellings only for names of 3 to 256 characters, against its whole database (installed commands too).
  const known = new Map([...archivePrograms(), ...installablePrograms()]);
  const similar = name.length >= 3 && name.length <= 256 ? [...known.entries()].filter(([word]) => oneEditAway(name, word)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  if (similar.length > 0) return spellingSuggestionText(name, similar.flatMap(([command, i]) => i.apt.map((deb) => ({ command, deb }))), user);
  return [`${name}: command not found`];
}
