/**
 * bash's aliases: an interactive shell starts with those its ~/.bashrc defines (Ubuntu's stock
 * one has `ll`, `la`, `l`, `ls`, `grep`…), and `alias`/`unalias` change them for the session.
 * The file is the one place they come from: nothing here knows a scenario's aliases.
 */
import { parseShell, type Command, type Word } from './parse';
import type { ProgramContext } from '../process';

export type Aliases = Readonly<Record<string, string>>;

/** A word typed with no quotes and nothing to expand, as bash requires for an alias: its text. */
export function literalWord(word: Word | undefined): string | null {
  if (!word || word.length !== 1) return null;
  const part = word[0]!;
  return part.kind === 'text' && !part.quoted ? part.text : null;
}

/** A word's text with quotes removed and nothing expanded (for reading a startup file). */
function plainText(word: Word): string {
  return word.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

/** The `alias NAME=VALUE` lines of a bash startup file, in order (later ones win), commented ones left out. */
export function aliasesFromBashrc(text: string): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!/^\s*alias\s/.test(line)) continue;
    const parsed = parseShell(line);
    if (!parsed.ok) continue;
    const command = parsed.pipelines[0]?.commands[0];
    if (!command || command.compound) continue;
    for (const word of command.words.slice(1)) {
      const text = plainText(word);
      const eq = text.indexOf('=');
      if (eq > 0) aliases[text.slice(0, eq)] = text.slice(eq + 1);
    }
  }
  return aliases;
}

function quoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `alias`, `alias -p`, `alias name`, `alias name=value`: returns the status and the aliases after. */
export function aliasBuiltin(ctx: ProgramContext, aliases: Aliases): { status: number; aliases: Aliases } {
  const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && a === '-p'));
  if (args.length === 0) {
    for (const name of Object.keys(aliases).sort()) ctx.out(`alias ${name}=${quoted(aliases[name]!)}`);
    return { status: 0, aliases };
  }
  const next: Record<string, string> = { ...aliases };
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      next[arg.slice(0, eq)] = arg.slice(eq + 1);
    } else if (Object.hasOwn(next, arg)) ctx.out(`alias ${arg}=${quoted(next[arg]!)}`);
    else {
      ctx.err(`-bash: alias: ${arg}: not found`);
      status = 1;
    }
  }
  return { status, aliases: next };
}

/** `unalias [-a] name…`. */
export function unaliasBuiltin(ctx: ProgramContext, aliases: Aliases): { status: number; aliases: Aliases } {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.err('-bash: unalias: usage: unalias [-a] name [name ...]');
    return { status: 2, aliases };
  }
  if (args.includes('-a')) return { status: 0, aliases: {} };
  const next: Record<string, string> = { ...aliases };
  let status = 0;
  for (const name of args) {
    if (Object.hasOwn(next, name)) delete next[name];
    else {
      ctx.err(`-bash: unalias: ${name}: not found`);
      status = 1;
    }
  }
  return { status, aliases: next };
}

/**
 * A simple command with its first word replaced by its alias, again while the new first word is
 * another alias (`ll` → `ls -alF` → `ls --color=auto -alF`), each alias once. An alias that runs
 * more than one command comes back as `complex`.
 */
export function expandAlias(command: Command, aliases: Aliases): { command: Command } | { complex: string } {
  let current = command;
  const seen = new Set<string>();
  for (;;) {
    const name = literalWord(current.words[0]);
    if (name === null || seen.has(name) || !Object.hasOwn(aliases, name)) return { command: current };
    seen.add(name);
    const parsed = parseShell(aliases[name]!);
    const pipelines = parsed.ok ? parsed.pipelines : [];
    const inner = pipelines.length === 1 && pipelines[0]!.commands.length === 1 ? pipelines[0]!.commands[0]! : null;
    if (!inner || inner.compound) return { complex: name };
    current = { assignments: [...current.assignments, ...inner.assignments], words: [...inner.words, ...current.words.slice(1)], redirects: [...inner.redirects, ...current.redirects] };
  }
}
