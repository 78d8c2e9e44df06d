/**
 * Two ways to run the CLI in tests: the real process (`npm run drill -- ...` is
 * `tsx src/cli/main.ts ...`) from the repository root, for stdin, exit codes and error lines;
 * and a verb's function in this process with its output captured, which is much cheaper.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface DrillResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `drill <args>` as a child process, with `stdin` piped in. */
export function drill(args: readonly string[], stdin = ''): DrillResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    input: stdin,
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Calls a verb's function here, capturing what it writes; the status is what it returns. */
export async function inProcess(verb: (argv: string[]) => number | Promise<number>, argv: string[]): Promise<DrillResult> {
  let stdout = '';
  let stderr = '';
  const capture = (into: 'out' | 'err') => (chunk: string | Uint8Array) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (into === 'out') stdout += text;
    else stderr += text;
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture('out'));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture('err'));
  try {
    const status = await verb(argv);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Lines of an output, without the empty one after the last newline. */
export const lines = (text: string) => text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
