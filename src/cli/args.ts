import { CliError } from './scenarios';

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/** Reads `--name value`, `--name=value` and bare `--flag` (for names listed in `booleans`). */
export function parseArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (booleans.includes(name)) flags.set(name, true);
    else if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value`);
      flags.set(name, value);
    } else throw new CliError(`unknown option --${name}`);
  }
  return { flags, positional };
}
