/**
 * What `drill check` asks of a scenario's injects: each can be fired somewhere along the reference
 * path, and fired at its earliest moment there (alone, and all of them together) it neither breaks
 * the path (every line still recognised, the run still resolved) nor prints a line with a
 * placeholder left in it. Pure; one replay of the reference path per inject, and one for all.
 */
import type { Scenario } from '../scenario/schema';
import { clockText } from './clock';
import { injectRefusal } from './injects';
import { inputFromLine, outcomeOf, replayInputs, traceInputs, type DrillInput, type DrillSnapshot } from './replay';
import { initialWorld } from './world';

/** Where each inject can first be fired on the reference path: before input `index` (null: never). */
export function earliestInjectPoints(scenario: Scenario): { id: string; index: number | null }[] {
  const inputs = scenario.referencePath.map(inputFromLine);
  const { worlds } = traceInputs(scenario, inputs);
  const before = (k: number) => (k === 0 ? initialWorld(scenario) : worlds[k - 1]!);
  return (scenario.injects ?? []).map((inject) => {
    for (let k = 0; k < worlds.length; k += 1) {
      const world = before(k);
      if (world.ending) break;
      if (injectRefusal(scenario, world, inject.id) === null) return { id: inject.id, index: k };
    }
    return { id: inject.id, index: null };
  });
}

/** The reference path's inputs with the facilitator's `inject <id>` put in before the inputs given. */
export function withInjects(scenario: Scenario, points: readonly { id: string; index: number }[]): DrillInput[] {
  const inputs = scenario.referencePath.map(inputFromLine);
  const sorted = [...points].sort((a, b) => b.index - a.index);
  for (const { id, index } of sorted) inputs.splice(index, 0, { channel: 'facilitator', text: `inject ${id}` });
  return inputs;
}

function replayProblems(snapshot: DrillSnapshot, at: string, what: string): string[] {
  const problems: string[] = [];
  const { steps } = snapshot.context;
  steps.forEach((step) => {
    if (!step.recognised && step.channel !== 'facilitator') problems.push(`${at}: ${what}, the reference path's "${step.input}" is no longer recognised`);
    if (step.channel === 'facilitator' && !step.recognised) problems.push(`${at}: ${what}, the facilitator's "${step.input}" is refused (${step.notes?.[0] ?? ''})`);
    const lines = [...step.notices, ...(step.incoming ?? []).flatMap((m) => m.text), ...(step.channel === 'chat' ? step.output : [])];
    if (lines.some((line) => line.includes('{{'))) problems.push(`${at}: ${what}, a line it printed keeps a placeholder ("${lines.find((l) => l.includes('{{'))}")`);
  });
  const outcome = outcomeOf(snapshot);
  if (outcome !== 'resolved') problems.push(`${at}: ${what}, the reference path ends ${outcome}, not resolved`);
  return [...new Set(problems)];
}

/**
 * Problems with the scenario's injects, each `$.injects[i]: what` (empty without injects).
 *
 * Why so few replays: an inject that only prints (a notice, a message) cannot change what any
 * later step does, so one replay with every inject fired at its earliest moment checks all of
 * those; only one that sets facts or sends the colleague away gets a replay of its own as well.
 */
export function injectProblems(scenario: Scenario): string[] {
  const injects = scenario.injects ?? [];
  if (injects.length === 0) return [];
  const points = earliestInjectPoints(scenario);
  const problems: string[] = [];
  const fired: { id: string; index: number }[] = [];
  points.forEach(({ id, index }, i) => {
    if (index === null) problems.push(`$.injects[${i}]: "${id}" can be fired nowhere along the reference path (its window or availableWhen never opens there)`);
    else fired.push({ id, index });
  });
  if (fired.length === 0) return problems;
  const all = replayInputs(scenario, withInjects(scenario, fired));
  problems.push(...replayProblems(all, '$.injects', 'with every inject fired at its earliest moment'));
  const firedSteps = all.context.steps.filter((s) => s.channel === 'facilitator');
  points.forEach(({ id, index }, i) => {
    if (index === null) return;
    const at = `$.injects[${i}]`;
    const inject = injects[i]!;
    const step = firedSteps.find((s) => s.facilitator?.kind === 'inject' && s.facilitator.id === id);
    if (!step) return;
    if (inject.notice && step.notices.length === 0) problems.push(`${at}.notice: printed nothing when fired`);
    if (inject.chat && !step.incoming?.length) problems.push(`${at}.chat: no message arrived when fired`);
    if (!inject.set && !inject.unavailable) return;
    const when = index === 0 ? `at ${clockText(initialWorld(scenario).clock)}` : `before "${scenario.referencePath[index]}"`;
    problems.push(...replayProblems(replayInputs(scenario, withInjects(scenario, [{ id, index }])), at, `fired ${when}`));
  });
  return problems;
}
