/**
 * systemctl's command line (systemd 237): options anywhere among the words, `--opt=value` and
 * `--opt value`, clustered short flags (`-al`), and its error texts for what it does not know.
 */

export interface SystemctlArgs {
  verb: string;
  words: string[];
  type: string | null;
  state: string[];
  all: boolean;
  quiet: boolean;
  lines: number;
  now: boolean;
  properties: string[];
  value: boolean;
  noLegend: boolean;
  failed: boolean;
  signal: string | null;
  askPassword: boolean;
  version: boolean;
  help: boolean;
  user: boolean;
  /** Options accepted and ignored (the drill's terminal has no pager and is wide). */
  ignored: string[];
}

export type ParsedSystemctl = { ok: true; args: SystemctlArgs } | { ok: false; error: string };

const WITH_VALUE_LONG = new Set(['--type', '--state', '--property', '--lines', '--signal', '--kill-who', '--output', '--host', '--machine', '--job-mode', '--root', '--preset-mode']);
const SHORT_WITH_VALUE = new Set(['t', 'p', 'n', 's', 'H', 'M', 'o']);

/** Parses systemctl's arguments (after the program name). */
export function parseSystemctl(argv: readonly string[]): ParsedSystemctl {
  const args: SystemctlArgs = { verb: '', words: [], type: null, state: [], all: false, quiet: false, lines: 10, now: false, properties: [], value: false, noLegend: false, failed: false, signal: null, askPassword: true, version: false, help: false, user: false, ignored: [] };
  const positional: string[] = [];
  const set = (name: string, value: string | null): string | null => {
    switch (name) {
      case 'type':
        for (const t of (value ?? '').split(',')) {
          if (t === 'help') continue;
          if (!['service', 'socket', 'target', 'device', 'mount', 'automount', 'swap', 'timer', 'path', 'slice', 'scope'].includes(t)) {
            if (['loaded', 'not-found', 'active', 'inactive', 'failed', 'running', 'dead', 'exited', 'enabled', 'disabled', 'static'].includes(t)) args.state.push(t);
            else return `Unknown unit type or load state '${t}'.`;
          } else args.type = t;
        }
        return null;
      case 'state':
        args.state.push(...(value ?? '').split(',').filter((s) => s !== ''));
        return null;
      case 'property':
        args.properties.push(...(value ?? '').split(',').filter((s) => s !== ''));
        return null;
      case 'lines': {
        if (!/^\d+$/.test(value ?? '')) return `Failed to parse lines '${value ?? ''}'`;
        args.lines = Math.min(Number(value), 100_000);
        return null;
      }
      case 'signal':
        args.signal = value;
        return null;
      default:
        args.ignored.push(name);
        return null;
    }
  };
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq > 0 ? word.slice(0, eq) : word;
      let value: string | null = eq > 0 ? word.slice(eq + 1) : null;
      if (WITH_VALUE_LONG.has(name) && value === null) {
        value = argv[i + 1] ?? null;
        if (value === null) return { ok: false, error: `systemctl: option '${name}' requires an argument` };
        i += 1;
      }
      switch (name) {
        case '--all': args.all = true; break;
        case '--quiet': args.quiet = true; break;
        case '--now': args.now = true; break;
        case '--value': args.value = true; break;
        case '--no-legend': args.noLegend = true; break;
        case '--failed': args.failed = true; break;
        case '--version': args.version = true; break;
        case '--help': args.help = true; break;
        case '--user': args.user = true; break;
        case '--no-ask-password': args.askPassword = false; break;
        case '--system': case '--no-pager': case '--full': case '--plain': case '--no-block': case '--force': case '--no-reload': case '--show-types': case '--reverse': case '--recursive': case '--runtime': case '--global': case '--no-wall': case '--wait':
          args.ignored.push(name);
          break;
        default:
          if (WITH_VALUE_LONG.has(name)) {
            const error = set(name.slice(2), value);
            if (error) return { ok: false, error };
            break;
          }
          return { ok: false, error: `systemctl: unrecognized option '${word}'` };
      }
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j += 1) {
        const flag = word[j]!;
        if (SHORT_WITH_VALUE.has(flag)) {
          const rest = word.slice(j + 1);
          const value = rest !== '' ? rest : (argv[++i] ?? null);
          if (value === null) return { ok: false, error: `systemctl: option requires an argument -- '${flag}'` };
          const long = ({ t: 'type', p: 'property', n: 'lines', s: 'signal', H: 'host', M: 'machine', o: 'output' } as const)[flag as 't'];
          const error = set(long, value);
          if (error) return { ok: false, error };
          break;
        }
        if (flag === 'a') args.all = true;
        else if (flag === 'q') args.quiet = true;
        else if (flag === 'l' || flag === 'f' || flag === 'r') args.ignored.push(`-${flag}`);
        else if (flag === 'h') args.help = true;
        else return { ok: false, error: `systemctl: invalid option -- '${flag}'` };
      }
      continue;
    }
    positional.push(word);
  }
  args.verb = positional[0] ?? 'list-units';
  args.words = positional.slice(1);
  return { ok: true, args };
}
