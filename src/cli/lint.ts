/**
 * What `drill check` finds in a scenario that loads but would mislead: the reference path does
 * not reproduce the timeline's clock, a file a pattern names is on no host, a target URL has no
 * service behind it, a scoring link names nothing, a disk off `/` is declared fuller than its files. Each problem is `$.json.path: what`.
 */
import { clockText } from '../engine/clock';
import type { Step } from '../engine/world';
import { initialWorld } from '../engine/world';
import { simConfigOf } from '../engine/simConfig';
import { submitLine } from '../sim/terminal';
import { userOf } from '../sim/process';
import type { Scenario } from '../scenario/schema';
import { scoringProblems } from '../scoring/config';
import { injectProblems } from '../engine/injectCheck';
import { bytesOf } from '../sim/system/sizes';

/** Each timeline event the reference path performs ends at the event's time (to the minute, as the source gives it). */
function clockProblems(scenario: Scenario, steps: readonly Step[]): string[] {
  const problems: string[] = [];
  scenario.timeline.events.forEach((event, i) => {
    const last = [...steps].reverse().find((s) => s.actions.some((a) => event.actions.includes(a)));
    if (last && clockText(last.clock) !== event.at.slice(0, 5)) {
      problems.push(`$.timeline.events[${i}]: the reference path does "${event.id}" at ${clockText(last.clock, true)} ("${last.input}"), the timeline says ${event.at}`);
    }
  });
  return problems;
}

/** Absolute (or home-relative) paths in shell patterns: each must be a file on some host of the world. */
function pathProblems(scenario: Scenario): string[] {
  const world = initialWorld(scenario).sim;
  const config = simConfigOf(scenario);
  const problems: string[] = [];
  scenario.actions.forEach((action, i) => {
    if (action.channel !== 'shell') return;
    action.patterns.forEach((pattern, j) => {
      for (const word of pattern.split(/\s+/).flatMap((w) => w.split('|'))) {
        if (!/^(\/|~\/)[\w.\-/]+$/.test(word) || word.startsWith('/tmp/')) continue;
        const found = Object.entries(world.hosts).some(([id, host]) => {
          // `~` is the home of the user the trainee logs in as there (the host's users say where it is).
          const home = userOf(config, id, scenario.world.hosts[id]?.login ?? '')?.home ?? '';
          const path = word.startsWith('~/') ? `${home}${word.slice(1)}` : word;
          return Object.hasOwn(host.files, path);
        });
        if (!found) problems.push(`$.actions[${i}].patterns[${j}]: names "${word}", which is on no host of $.world`);
      }
    });
  });
  return problems;
}

/** Each target URL answers over HTTP from the start host (any status: a 500 is an answer; no answer is not). */
function targetProblems(scenario: Scenario): string[] {
  const config = simConfigOf(scenario);
  const world = initialWorld(scenario).sim;
  const problems: string[] = [];
  for (const [name, urls] of Object.entries(scenario.targets)) {
    urls.forEach((url, i) => {
      const full = /^[a-z]+:\/\//i.test(url) ? url : `https://${url}`;
      const step = submitLine(config, world, `curl -sk -o /dev/null -w "%{http_code}" ${full}`);
      const code = step.output.join('').trim();
      if (!/^[1-5]\d\d$/.test(code)) problems.push(`$.targets[${JSON.stringify(name)}][${i}]: ${url} gets no HTTP answer from ${scenario.startHost} (curl says ${JSON.stringify(code || 'nothing')})`);
    });
  }
  return problems;
}

/** What du's rounding hides: a disk's declared `used` off `/` beyond this is space no file there accounts for. */
const UNMODELLED_LIMIT = 100 * 1024 * 1024;

/**
 * A disk other than `/` is as full as the world's files on it make it; its `used` adds only what
 * the world does not model there. More than du's rounding hides would make df and du disagree.
 */
function diskProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  for (const [id, host] of Object.entries(scenario.world.hosts)) {
    (host.system?.disks ?? []).forEach((d, i) => {
      if (d.mount === '/' || d.used === undefined || bytesOf(d.used) <= UNMODELLED_LIMIT) return;
      problems.push(`$.world.hosts.${id}.system.disks[${i}].used: ${d.used} on ${d.mount} is in no file of the world there, so df would show it and du of ${d.mount} would not: leave it out (df counts the files) or give the files`);
    });
  }
  return problems;
}

export function lintScenario(scenario: Scenario, referenceSteps: readonly Step[]): string[] {
  return [...clockProblems(scenario, referenceSteps), ...pathProblems(scenario), ...targetProblems(scenario), ...scoringProblems(scenario), ...injectProblems(scenario), ...diskProblems(scenario)];
}
