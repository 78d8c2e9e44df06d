/**
 * What the kernel and the shell make of a command word that names a file: `./deploy.sh`,
 * `/usr/local/bin/backup`, or a name found in a PATH directory the user wrote a script into. A
 * file with an execute bit runs through its `#!` line (bash, sh, dash, `/usr/bin/env bash`); one
 * without a `#!` line is a script for the shell that runs it. Otherwise the shell's own words:
 * bash 4.4's shell_execve (`Permission denied` 126, `No such file or directory` 127, `Is a
 * directory` 126, `…: bad interpreter: No such file or directory` 126) or dash 0.5.8's
 * shellexec (`not found` 127, `Permission denied` 126 for a directory too).
 */
import { allowed, lookup, reachable, type FileNode } from '../fs';
import type { Sys } from '../process';
import { programPath } from '../programs/paths';
import type { ShellMessageKind } from './identity';

/** The shells the drill runs as programs: a `#!` line naming one of them runs the script. */
const SHELLS: Readonly<Record<string, 'bash' | 'sh' | 'dash' | 'rbash'>> = { bash: 'bash', sh: 'sh', dash: 'dash', rbash: 'rbash' };

export type ExecPlan =
  /** A program of the drill's, by its name (`/bin/ls`, `/usr/sbin/nginx`, the ELF /bin/bash). */
  | { kind: 'program'; name: string }
  /** A script run by a shell program: `argv` as the kernel builds it (`/bin/bash ./x.sh ARG…`). */
  | { kind: 'script'; shell: 'bash' | 'sh' | 'dash' | 'rbash'; argv: string[] }
  /** The shell's error (its text without the shell's prefix) and the status. */
  | { kind: 'error'; text: string; status: number; message: ShellMessageKind }
  /** A program's own error line, as it writes it (`/usr/bin/env: 'python4': No such file or directory`). */
  | { kind: 'raw'; line: string; status: number }
  /** What the drill cannot run (a Python script, a file whose text it does not have). */
  | { kind: 'note'; text: string };

function executableBy(sys: Sys, node: FileNode): boolean {
  if (sys.user.name === 'root') return (node.mode & 0o111) !== 0;
  return allowed(node, sys.user.name, sys.user.groups, 'x');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether an absolute path is a program on this host: a file there, or where the drill's program of that name lives. */
function programAt(sys: Sys, path: string): boolean {
  const files = sys.draft.host(sys.host)?.files ?? {};
  if (lookup(files, path)) return true;
  return programPath(sys.config, sys.host, files, baseName(path)) === path;
}

/**
 * How a word with a slash runs, as `dialect` (the shell running it) reports what fails. `typed`
 * is the word as the shell names it in errors and as `$0` (`./x.sh`, or the PATH entry's full path).
 */
export function planPath(sys: Sys, typed: string, args: readonly string[], dialect: 'bash' | 'dash'): ExecPlan {
  const files = sys.draft.host(sys.host)?.files ?? {};
  const full = sys.resolve(typed);
  const found = lookup(files, full);
  const denied = (): ExecPlan => ({ kind: 'error', text: `${typed}: Permission denied`, status: 126, message: 'internal' });
  // Every directory on the way must be searchable (EACCES, whatever is behind it).
  if (sys.user.name !== 'root' && (!reachable(files, full, sys.user.name, sys.user.groups) || (found && !reachable(files, found.path, sys.user.name, sys.user.groups)))) return denied();
  if (!found) {
    if (programPath(sys.config, sys.host, files, baseName(full)) === full) return { kind: 'program', name: baseName(full) };
    return dialect === 'dash' ? { kind: 'error', text: `${typed}: not found`, status: 127, message: 'internal' } : { kind: 'error', text: `${typed}: No such file or directory`, status: 127, message: 'internal' };
  }
  const node = found.node;
  if (node.kind === 'dir') return dialect === 'dash' ? denied() : { kind: 'error', text: `${typed}: Is a directory`, status: 126, message: 'internal' };
  if (!executableBy(sys, node)) return denied();
  const held = node.content !== undefined || node.live !== undefined || node.timed !== undefined || node.repeat !== undefined;
  // A binary (or a file whose bytes the drill does not hold): the drill's program of its real name (/bin/sh is dash).
  if (!held || node.magic?.startsWith('ELF')) return { kind: 'program', name: baseName(found.path) };
  const text = sys.textOf(node);
  const first = text.split('\n')[0]!;
  const shebang = /^#!\s*([^ \t]*)[ \t]*(.*)$/.exec(first);
  if (!shebang || shebang[1] === '') {
    // No `#!`: execve fails with ENOEXEC and the shell runs the file itself, in a child of its own kind
    // (an empty file runs as nothing at all).
    const shell = dialect === 'dash' ? 'sh' : 'bash';
    return { kind: 'script', shell, argv: [shell, typed, ...args] };
  }
  const interpreter = shebang[1]!;
  const option = shebang[2]!.replace(/\r$/, '').trim();
  if (interpreter.endsWith('\r') || !interpreter.startsWith('/') || !programAt(sys, interpreter)) {
    if (dialect === 'dash') return { kind: 'error', text: `${typed}: not found`, status: 127, message: 'internal' };
    return { kind: 'error', text: `${typed}: ${interpreter.replace(/\r$/, '^M')}: bad interpreter: No such file or directory`, status: 126, message: 'system' };
  }
  let program = baseName(lookup(files, interpreter)?.path ?? interpreter);
  let argv = [interpreter, ...(option ? [option] : []), typed, ...args];
  if (program === 'env' && option !== '') {
    // `#!/usr/bin/env bash`: env finds the name on the PATH and runs it with the script.
    const name = option;
    const path = /\s/.test(name) ? null : programPath(sys.config, sys.host, files, name);
    if (!path) return { kind: 'raw', line: `${interpreter}: '${option}': No such file or directory`, status: 127 };
    program = baseName(lookup(files, path)?.path ?? path);
    argv = [name, typed, ...args];
  }
  const shell = SHELLS[program];
  if (!shell) return { kind: 'note', text: `Not simulated in this drill: running a script with ${program} (${typed}).` };
  return { kind: 'script', shell, argv };
}

/**
 * A name without a slash, searched along PATH as bash's find_user_command_in_path does: the first
 * executable file, else the first file found without x (bash tries it and is refused); null when
 * PATH has neither, and the drill's own program lookup decides.
 */
export function planSearch(sys: Sys, name: string, args: readonly string[], dialect: 'bash' | 'dash'): ExecPlan | null {
  const files = sys.draft.host(sys.host)?.files ?? {};
  const dirs = (sys.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':');
  let refused: string | null = null;
  let drills: string | null | undefined;
  for (const dir of dirs) {
    const base = dir === '' ? sys.cwd : sys.resolve(dir);
    const path = `${base === '/' ? '' : base}/${name}`;
    const found = lookup(files, path);
    if (!found) {
      // The drill's programs mostly have no file: one that lives in this directory is found here.
      drills ??= programPath(sys.config, sys.host, files, name);
      if (drills === path) return null;
      continue;
    }
    if (found.node.kind === 'dir') continue;
    if (!executableBy(sys, found.node)) {
      refused ??= path;
      continue;
    }
    return planPath(sys, path, args, dialect);
  }
  if (refused) return { kind: 'error', text: `${refused}: Permission denied`, status: 126, message: 'internal' };
  return null;
}
