/**
 * The language runtimes a host has: `node` where a unit's ExecStart runs /usr/bin/node (its
 * version from the scenario's unit, `runtimeVersion`), and Ubuntu 18.04's own python3 (3.6.9,
 * which networkd-dispatcher and unattended-upgrades run on). They answer `--version` and
 * `python3 -m json.tool`; running a program in them is the drill's note.
 */
import type { ProgramContext } from '../process';
import type { SimConfig } from '../world';
import { unitsOf } from './units';
import { hostSpec } from '../world';
import { jsonTool } from './jsonTool';

/** The units of a host that run on Node.js. */
function nodeUnits(config: SimConfig, host: string) {
  return (hostSpec(config, host)?.system?.units ?? []).filter((u) => (u.execStart ?? unitsOf(config, host).find((d) => d.name === u.name)?.execStart ?? '').trim().startsWith('/usr/bin/node '));
}

export function hasNode(config: SimConfig, host: string): boolean {
  return nodeUnits(config, host).length > 0;
}

export function node(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args[0] === '-v' || args[0] === '--version') {
    const version = nodeUnits(ctx.sys.config, ctx.sys.host).find((u) => u.runtimeVersion)?.runtimeVersion;
    if (!version) {
      ctx.note("Not simulated in this drill: node's version on this host (the scenario does not give it).");
      return 0;
    }
    ctx.out(`v${version}`);
    return 0;
  }
  ctx.note('Not simulated in this drill: running JavaScript with node.');
  return 0;
}

export function python3(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args[0] === '-V' || args[0] === '--version') {
    ctx.out('Python 3.6.9');
    return 0;
  }
  if (args[0] === '-m' && args[1] === 'json.tool') return jsonTool(ctx, args.slice(2));
  ctx.note('Not simulated in this drill: running Python programs (python3 -m json.tool and --version are).');
  return 0;
}
