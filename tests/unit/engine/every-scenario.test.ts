// @vitest-environment node
/**
 * What holds for every scenario the drill ships, and for the tiny second one in the fixtures (a
 * laptop and an app server, no MySQL), so nothing in the engine leans on one incident: the file
 * loads, its reference path resolves on the simulated world keeping its own timeline's clock, and
 * random pipelines of text tools over the files of its hosts never throw, never invent a failure,
 * and stay within the output bound.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/scenario/load';
import type { Scenario } from '../../../src/scenario/schema';
import { inputFromLine, outcomeOf, replayInputs } from '../../../src/engine/replay';
import { initialWorld, MAX_STEP_LINES, promptOf } from '../../../src/engine/world';
import { simConfigOf } from '../../../src/engine/simConfig';
import { lintScenario } from '../../../src/cli/lint';
import { submitLine } from '../../../src/sim/terminal';
import { repoRoot } from '../scoring/support';

const files = [...readdirSync(`${repoRoot}scenarios`).filter((f) => f.endsWith('.json')).map((f) => `scenarios/${f}`), 'tests/fixtures/scenarios/minimal.json'];

function load(file: string): Scenario {
  const result = parseScenarioText(readFileSync(`${repoRoot}${file}`, 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

describe.each(files)('%s', (file) => {
  const scenario = load(file);

  it('starts in the start host’s shell, logged in as its login', () => {
    const world = initialWorld(scenario);
    const login = scenario.world.hosts[scenario.startHost]!.login;
    expect(promptOf(scenario, world)).toMatch(new RegExp(`^${login}@${scenario.world.hosts[scenario.startHost]!.hostname}:`));
  });

  it('its reference path resolves, every line answered, the timeline’s clock kept, nothing to lint', { timeout: 60_000 }, () => {
    const snapshot = replayInputs(scenario, scenario.referencePath.map(inputFromLine));
    expect(outcomeOf(snapshot)).toBe('resolved');
    expect(snapshot.context.steps.filter((s) => !s.recognised).map((s) => s.input)).toEqual([]);
    expect(lintScenario(scenario, snapshot.context.steps)).toEqual([]);
  });

  it('random pipelines of text tools over its hosts’ files never throw, never invent a failure, stay bounded', { timeout: 120_000 }, () => {
    const config = simConfigOf(scenario);
    const start = initialWorld(scenario).sim;
    // Every file anyone may read, on every host with a shell: from the start host, through ssh.
    // Readable by others, in directories others may enter (/root/.bashrc is 644 in a 700 /root).
    const reachable = (files: typeof start.hosts[string]['files'], path: string) =>
      path.split('/').slice(1, -1).every((_, i, parts) => ((files[`/${parts.slice(0, i + 1).join('/')}`]?.mode ?? 0o755) & 0o001) !== 0);
    const paths = Object.keys(scenario.world.hosts).flatMap((host) =>
      Object.entries(start.hosts[host]!.files)
        .filter(([path, node]) => node.kind === 'file' && typeof node.content === 'string' && node.mode & 0o004 && reachable(start.hosts[host]!.files, path))
        .map(([path]) => (host === scenario.startHost ? `cat ${path}` : `ssh ${host} cat ${path}`)),
    );
    const stage = fc.constantFrom('grep -i e', 'grep -v a', 'grep -c o', 'head -n 3', 'tail -n 2', 'wc -l', 'sort', 'uniq -c', 'cut -c1-20', 'tr a-z A-Z', "awk '{print $1}'", "sed -n '1,3p'", 'sort -r', 'grep -n -w the');
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.array(stage, { minLength: 0, maxLength: 4 }), (source, stages) => {
        const line = [source, ...stages].join(' | ');
        const step = submitLine(config, start, line);
        expect(step.output.length).toBeLessThanOrEqual(MAX_STEP_LINES);
        expect(step.missing).toEqual([]);
        // A readable file through text tools: no tool complains (grep finding nothing prints nothing).
        for (const out of step.output) expect(out, line).not.toMatch(/^(cat|grep|head|tail|wc|sort|uniq|cut|tr|awk|sed): /);
      }),
      { numRuns: 150, seed: 20200504 },
    );
  });
});
