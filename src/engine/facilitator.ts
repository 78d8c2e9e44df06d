/**
 * The facilitator's channel: a session's mentor acts on the run from their console with small
 * commands (`inject <id>`, `hint <1-3>`, `prompt <id>`, `note <text>`, `pause`, `resume`). Each
 * makes one step on the `facilitator` channel that costs no simulated time, never performs a
 * trainee's action, and speaks in the drill's own voice (an inject's effects speak in the world's:
 * its notice is the alerting tool's, its message the sender's). A command that is unknown or not
 * possible now makes a step that says so and changes nothing. Pure; never throws.
 */
import type { Scenario } from '../scenario/schema';
import { clockText } from './clock';
import { holds } from './conditions';
import { hintAtTier, tierWords } from './hints';
import { fireInject, injectNamed, injectRefusal, type InjectRefusal } from './injects';
import type { FacilitatorAct, Step, World } from './world';

/** The facilitator's commands, parsed. `refused` is a line that is none of them. */
export type FacilitatorCommand =
  | FacilitatorAct
  | { kind: 'refused'; why: 'unknown-command' | 'hint-tier' | 'missing-id' | 'empty-note'; word: string };

/** The commands, as the console and the docs spell them. */
export const FACILITATOR_COMMANDS = ['inject <id>', 'hint <1-3>', 'prompt <id>', 'note <text>', 'pause', 'resume'] as const;

/** Reads one facilitator command (case-insensitive command word; ids as typed, trimmed). */
export function parseFacilitatorCommand(text: string): FacilitatorCommand {
  const trimmed = text.trim();
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  const word = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  switch (word) {
    case 'inject':
    case 'prompt':
      if (rest === '') return { kind: 'refused', why: 'missing-id', word };
      return word === 'inject' ? { kind: 'inject', id: rest } : { kind: 'prompt', id: rest, text: '' };
    case 'hint': {
      const tier = rest === '' ? NaN : Number(rest);
      if (tier !== 1 && tier !== 2 && tier !== 3) return { kind: 'refused', why: 'hint-tier', word: rest };
      return { kind: 'hint', tier };
    }
    case 'note':
      return rest === '' ? { kind: 'refused', why: 'empty-note', word } : { kind: 'note', text: rest };
    case 'pause':
    case 'resume':
      return rest === '' ? { kind: word } : { kind: 'refused', why: 'unknown-command', word: trimmed };
    default:
      return { kind: 'refused', why: 'unknown-command', word: trimmed };
  }
}

function refusalLine(scenario: Scenario, id: string, refusal: InjectRefusal): string {
  switch (refusal.why) {
    case 'unknown':
      return `No inject "${id}" in this scenario${scenario.injects?.length ? ` (it has: ${scenario.injects.map((i) => i.id).join(', ')})` : ''}. Nothing changed.`;
    case 'fired':
      return `The inject "${id}" was already fired at ${clockText(refusal.at)}. Nothing changed.`;
    case 'too-early':
      return `The inject "${id}" is not available before ${refusal.notBefore}. Nothing changed.`;
    case 'too-late':
      return `The inject "${id}" is not available after ${refusal.notAfter}. Nothing changed.`;
    case 'condition':
      return `The inject "${id}" is not available at this point of the run. Nothing changed.`;
  }
}

function refusedLine(command: Extract<FacilitatorCommand, { kind: 'refused' }>): string {
  switch (command.why) {
    case 'unknown-command':
      return `Not a facilitator command: "${command.word}". The commands are: ${FACILITATOR_COMMANDS.join(', ')}. Nothing changed.`;
    case 'hint-tier':
      return `A hint's tier is 1 (a nudge), 2 (a pointer) or 3 (the command), not "${command.word}". Nothing changed.`;
    case 'missing-id':
      return `"${command.word}" needs an id: ${command.word} <id>. Nothing changed.`;
    case 'empty-note':
      return 'A note needs some text: note <text>. Nothing changed.';
  }
}

/**
 * Runs one facilitator command against the world, at its clock. `paused` says whether the drill
 * is paused now (by the trainee or the facilitator), so `pause` and `resume` say what they did.
 */
export function runFacilitator(scenario: Scenario, before: World, input: string, options: { paused: boolean }): { world: World; step: Step } {
  const step: Step = {
    channel: 'facilitator',
    input,
    prompt: 'Facilitator',
    host: before.hostStack[before.hostStack.length - 1]!,
    startClock: before.clock,
    clock: before.clock,
    recognised: false,
    actions: [],
    breaches: [],
    output: [],
    notices: [],
  };
  const say = (line: string) => (step.notes = [...(step.notes ?? []), line]);
  const done = (act: FacilitatorAct, world: World = before) => {
    step.recognised = true;
    step.facilitator = act;
    return { world, step };
  };
  const command = parseFacilitatorCommand(input);
  switch (command.kind) {
    case 'refused':
      say(refusedLine(command));
      return { world: before, step };
    case 'inject': {
      const refusal = injectRefusal(scenario, before, command.id);
      if (refusal) {
        say(refusalLine(scenario, command.id, refusal));
        return { world: before, step };
      }
      const inject = injectNamed(scenario, command.id)!;
      const effect = fireInject(inject, before.clock, before.facts, before.away);
      const firing = { id: inject.id, at: before.clock };
      say(`The facilitator injects: ${inject.title}.`);
      step.notices = effect.notices;
      if (effect.incoming.length) step.incoming = effect.incoming;
      step.injected = [firing];
      const ending = inject.set ? (scenario.endings.find((e) => holds(e.when, effect.facts))?.id ?? null) : before.ending;
      return done({ kind: 'inject', id: inject.id }, { ...before, facts: effect.facts, away: effect.away, injected: [...before.injected, firing], ending });
    }
    case 'hint': {
      const next = hintAtTier(scenario, before.facts, command.tier);
      if (!next) {
        say(`No hint fits where the trainee stands now: ${tierWords(command.tier)} cannot be shown. Nothing changed.`);
        return { world: before, step };
      }
      say(next.line);
      step.hint = next.shown;
      const shown = Math.max(Object.hasOwn(before.hints, next.shown.id) ? before.hints[next.shown.id]! : 0, next.shown.tier);
      return done({ kind: 'hint', tier: command.tier }, { ...before, hints: { ...before.hints, [next.shown.id]: shown } });
    }
    case 'prompt': {
      const prompt = scenario.prompts?.find((p) => p.id === command.id);
      if (!prompt) {
        say(`No prompt "${command.id}" in this scenario${scenario.prompts?.length ? ` (it has: ${scenario.prompts.map((p) => p.id).join(', ')})` : ''}. Nothing changed.`);
        return { world: before, step };
      }
      say(`The facilitator asks the room: ${prompt.text}`);
      return done({ kind: 'prompt', id: prompt.id, text: prompt.text });
    }
    case 'note':
      say(`Facilitator's note: ${command.text}`);
      return done(command);
    case 'pause':
      if (before.held) {
        say('The drill is already paused by the facilitator. Nothing changed.');
        return { world: before, step };
      }
      say(options.paused ? 'The facilitator holds the pause: the drill stays paused until the facilitator resumes it.' : 'The facilitator paused the drill.');
      return done(command, { ...before, held: true });
    case 'resume':
      if (!options.paused && !before.held) {
        say('The drill is not paused: nothing to resume. Nothing changed.');
        return { world: before, step };
      }
      say('The facilitator resumed the drill.');
      return done(command, { ...before, held: false });
  }
}
