/**
 * The drill's world and what one input does to it. The simulated infrastructure (src/sim) answers
 * every command; this module adds what the drill itself keeps: the clock each step costs, the
 * scenario's facts (set by the actions a step performs, or read off the world), scheduled events
 * (the scenario's timetable machine, timetable.ts, says which fall due) and the ending. Pure and deterministic: the same scenario, world and input always give the
 * same new world and the same step.
 */
import type { FactValue, Scenario } from '../scenario/schema';
import type { SimWorld } from '../sim/world';
import { createWorld } from '../sim/init';
import { advanceTo, promptOf as simPrompt, submitLine } from '../sim/terminal';
import { programNamed, programsOn } from '../sim/programs/registry';
import { isShellBuiltin, SHELL_BUILTIN_NAMES } from '../sim/shell/builtins';
import { holds, type Where } from './conditions';
import { recogniseChat, recogniseShell, recogniseSql, scanSql, type Recognised } from './recognise';
import { observeFacts } from './observe';
import { simConfigOf } from './simConfig';
import { replyTo } from './chat';
import { nextHint, type HintShown } from './hints';
import { parseClock, secondsOf } from './clock';
import { editDistance } from './shell';
import { newScan, type ScanState } from '../sim/mysql/scan';
import { transition } from 'xstate';
import { nextDueAt, timetableMachine, timetableSnapshot } from './timetable';
import { dueRepeats, fireInject, injectNamed, isAway, type Absence, type IncomingMessage, type InjectFiring } from './injects';
import { runFacilitator } from './facilitator';

/** Where the trainee types: a shell prompt or the MySQL client's `mysql>` prompt. */
export type Mode = 'shell' | 'mysql';

export interface World {
  /** Simulated time of day, in seconds since midnight (the simulation's clock too). */
  clock: number;
  /** Every host, file, service and database, and the trainee's terminal sessions. */
  sim: SimWorld;
  /** Hosts the trainee's shells run on, outermost first; the last is where commands run (read off `sim`). */
  hostStack: string[];
  mode: Mode;
  /** The MySQL server and database the client holding the terminal uses, in `mysql` mode. */
  mysqlHost: string | null;
  db: string | null;
  facts: Record<string, FactValue>;
  /** Ids of scheduled events that have already happened. */
  fired: string[];
  /** The ending reached, if any: the run is over. */
  ending: string | null;
  /** How far the MySQL client has read what was typed at mysql>: a statement no `;` has ended yet waits at `->`. */
  sqlScan: ScanState;
  /** Hints shown so far: hint id → the highest tier shown (1 to 3). */
  hints: Readonly<Record<string, number>>;
  /** The facilitator's injects fired so far, in order (each repeat too). */
  injected: readonly InjectFiring[];
  /** The colleague is away (an inject's `unavailable`) until a clock time; null when never sent away. */
  away: Absence | null;
  /** True while the facilitator holds the drill paused (the trainee cannot resume it). */
  held: boolean;
}

/**
 * Where an input comes from: the terminal, team chat, the drill's hint button (or `hint` typed),
 * or a session's facilitator (their console: injects, hints, prompts, notes, pause; never scored
 * against the trainee).
 */
export type Channel = 'terminal' | 'chat' | 'hint' | 'facilitator';

/** A rule of careful practice broken by a step. */
export interface Breach {
  rule: string;
  action: string;
}

/** One input and what the world answered: the unit of the transcript and of scoring. */
export interface Step {
  channel: Channel;
  input: string;
  /** The prompt the input was typed at (`intern@intern-laptop:~$`, `mysql>`), or the chat's name. */
  prompt: string;
  host: string;
  startClock: number;
  clock: number;
  /** False when the world could not answer it: a program the host does not have, a chat message nobody understood. */
  recognised: boolean;
  /** Ids of the scenario actions this input performed. */
  actions: string[];
  breaches: Breach[];
  output: string[];
  /** Lines in the drill's own voice about this step (what it does not simulate, what it typed for you). */
  notes?: string[];
  /** Lines the world printed on its own after the step (scheduled events). */
  notices: string[];
  /** True for `clear`: the terminal hides what came before. */
  clear?: boolean;
  /** For a hint step (the trainee's or the facilitator's): which hint, and the tier shown. */
  hint?: HintShown;
  /** Messages that arrived on team chat during the step from someone else than the colleague answering (an inject's `chat`). */
  incoming?: IncomingMessage[];
  /** The injects that fired in this step: the facilitator's own, or repeats the clock brought back. */
  injected?: InjectFiring[];
  /** For a facilitator step: what the facilitator did (absent when the command was refused). */
  facilitator?: FacilitatorAct;
}

/** What a facilitator step did, as data (the console and the transcript word it). */
export type FacilitatorAct =
  | { kind: 'inject'; id: string }
  | { kind: 'hint'; tier: 1 | 2 | 3 }
  | { kind: 'prompt'; id: string; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'pause' }
  | { kind: 'resume' };

/** Longest input kept and read; longer lines are cut here (the rest would be noise). */
export const MAX_INPUT_LENGTH = 10_000;
export { MAX_STEP_LINES } from '../sim/terminal';
export { HISTSIZE } from '../sim/world';

/** Removes control characters (a pasted escape sequence must not reach the screen) and cuts very long lines. */
export function cleanInput(raw: string): string {
  return raw
    .slice(0, MAX_INPUT_LENGTH)
    .replace(/\t/g, ' ')
    // Whole escape sequences (colours, cursor keys, window titles), not only their ESC byte.
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '')
    .trim();
}

/** Where the terminal stands in a simulated world: shells' hosts, and the MySQL client if it holds the terminal. */
function placeOf(sim: SimWorld): Pick<World, 'hostStack' | 'mode' | 'mysqlHost' | 'db'> {
  const hostStack = sim.sessions.filter((s) => s.kind === 'shell').map((s) => s.host);
  const top = sim.sessions[sim.sessions.length - 1]!;
  if (top.kind === 'program') {
    const where = programNamed(top.program)?.interactive?.where?.(top.state);
    return { hostStack, mode: 'mysql', mysqlHost: where?.server ?? null, db: where?.database ?? null };
  }
  return { hostStack, mode: 'shell', mysqlHost: null, db: null };
}

const initialWorlds = new WeakMap<Scenario, World>();

/** The world at the scenario's start (needs the SQL engine loaded when the scenario has MySQL servers). */
export function initialWorld(scenario: Scenario): World {
  const known = initialWorlds.get(scenario);
  if (known) return known;
  const config = simConfigOf(scenario);
  const clock = parseClock(scenario.clock.start);
  const sim = createWorld(config, scenario.startHost, clock);
  const world: World = { clock, sim, ...placeOf(sim), facts: observeFacts(scenario, config, sim, scenario.facts), fired: [], ending: null, sqlScan: newScan(), hints: {}, injected: [], away: null, held: false };
  initialWorlds.set(scenario, world);
  return world;
}

export function currentHost(world: World): string {
  return world.hostStack[world.hostStack.length - 1]!;
}

/** The prompt of whatever holds the terminal, without its trailing space: `intern@web-01:~$`, `mysql>`, `    ->`. */
export function promptOf(scenario: Scenario, world: World): string {
  return simPrompt(simConfigOf(scenario), world.sim).trimEnd();
}

interface Answer {
  output: string[];
  notes: string[];
  recognised: boolean;
  found: Recognised[];
  /** Minutes when no action is found. */
  minutes: number;
  sim: SimWorld;
  clear: boolean;
  sqlScan: ScanState;
}

function answerTerminal(scenario: Scenario, before: World, input: string): Answer {
  const config = simConfigOf(scenario);
  const host = currentHost(before);
  let found: Recognised[] = [];
  let sqlScan = newScan();
  let ranStatements = false;
  if (before.mode === 'mysql') {
    const sql = scanSql(before.sqlScan, input);
    sqlScan = sql.state;
    // The client's own commands (exit, use, help) cost what the shell's built-ins do.
    ranStatements = sql.statements.length > sql.commands;
    const where: Where = { host, mode: 'mysql', mysqlHost: before.mysqlHost, db: before.db };
    found = recogniseSql(scenario, sql.statements, where, before.facts);
  }
  const step = submitLine(config, before.sim, input);
  // A shell line is recognised as bash ran it: `sudo !!` is the command it expanded to.
  if (before.mode !== 'mysql' && step.line !== null && step.line !== '') found = recogniseShell(scenario, step.line, host, before.facts);
  const notes = [...step.notes, ...step.missing.flatMap((name) => suggestion(scenario, host, name))];
  // A line bash refuses to parse runs nothing, yet costs typing it and reading the error.
  const refused = step.ran.length === 0 && step.output.some((line) => /^-?bash: (syntax error|unexpected EOF)/.test(line));
  const onlyBuiltins = !refused && step.ran.every((words) => isShellBuiltin(words[0] ?? '') || words[0] === 'clear');
  const idle = input === '' || (before.mode === 'mysql' ? !ranStatements : onlyBuiltins);
  return {
    output: step.output,
    notes,
    // Not recognised: a program the host lacks, one the drill does not simulate, a line bash refuses.
    recognised: step.missing.length === 0 && !refused && !step.notes.some((n) => n.startsWith('Not simulated in this drill')),
    found,
    minutes: idle ? scenario.costs.builtin : before.mode === 'mysql' ? scenario.costs.unknown : costOf(scenario, step.ran),
    sim: step.world,
    clear: step.clear,
    sqlScan,
  };
}

/**
 * The drill's hint for a mistyped program (`crul` → `curl`): the closest one this host has, never
 * the program itself; none for a real program the host lacks (`iostat`: bash already named its package).
 */
function suggestion(scenario: Scenario, host: string, typed: string): string[] {
  if (programNamed(typed)?.installable) return [];
  const limit = typed.length > 4 ? 2 : 1;
  const best = [...SHELL_BUILTIN_NAMES, ...programsOn(simConfigOf(scenario), host)]
    .filter((name) => name !== typed)
    .map((name) => ({ name, distance: editDistance(typed, name) }))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))[0];
  return best ? [`Did you mean "${best.name}"?`] : [];
}

/** What running these programs costs when no action names the step: the dearest of them. */
function costOf(scenario: Scenario, ran: readonly (readonly string[])[]): number {
  let minutes = -1;
  for (const [name = ''] of ran) {
    if (isShellBuiltin(name)) continue;
    const own = Object.hasOwn(scenario.programs, name) ? scenario.programs[name]!.minutes : undefined;
    minutes = Math.max(minutes, own ?? scenario.costs.unknown);
  }
  return minutes < 0 ? scenario.costs.unknown : minutes;
}

function answerChat(scenario: Scenario, before: World, input: string): Answer {
  const where: Where = { host: currentHost(before), mode: before.mode, mysqlHost: before.mysqlHost, db: before.db };
  // The colleague is away (an inject): the message gets the away reply and performs no chat action.
  if (input !== '' && isAway(before.away, before.clock)) {
    return { output: [...before.away.reply], notes: [], recognised: true, found: [], minutes: scenario.costs.builtin, sim: before.sim, clear: false, sqlScan: before.sqlScan };
  }
  const found = input === '' ? null : recogniseChat(scenario, input, where, before.facts);
  return {
    output: found ? replyTo(found, before) : [],
    notes: [],
    recognised: input === '' || found !== null,
    found: found ? [found] : [],
    minutes: scenario.costs.builtin,
    sim: before.sim,
    clear: false,
    sqlScan: before.sqlScan,
  };
}

/** The time typing a chat message takes at the scenario's speed: whole 5 seconds, at most a minute (longer is a paste). */
/**
 * A hint: the drill's own line, at no cost in simulated time (the points it costs are the
 * score's business). The world does not move: no command ran.
 */
function runHint(scenario: Scenario, before: World): { world: World; step: Step } {
  const next = nextHint(scenario, before.facts, before.hints);
  const step: Step = {
    channel: 'hint',
    input: HINT_COMMAND,
    prompt: 'Hint',
    host: currentHost(before),
    startClock: before.clock,
    clock: before.clock,
    recognised: next !== null,
    actions: [],
    breaches: [],
    output: [],
    notes: [next ? next.line : scenario.hints?.length ? `No hint fits where you stand: ask ${scenario.colleague.name} on team chat.` : 'This drill has no hints: ask on team chat.'],
    notices: [],
  };
  if (!next) return { world: before, step };
  step.hint = next.shown;
  return { world: { ...before, hints: { ...before.hints, [next.shown.id]: next.shown.tier } }, step };
}

/** What asking for a hint is, typed: the word alone, at any prompt. */
export const HINT_COMMAND = 'hint';

export function typingSeconds(scenario: Scenario, text: string): number {
  const speed = scenario.costs.chatCharactersPerMinute;
  if (!speed || text === '') return 0;
  return Math.min(60, Math.ceil((text.length * 60) / speed / 5) * 5);
}

/**
 * Runs one input typed by the trainee (in the terminal, or a message on team chat) and
 * returns the new world and the step for the transcript. Never throws on any input.
 */
export function runInput(scenario: Scenario, before: World, channel: Channel, raw: string, options: { paused?: boolean } = {}): { world: World; step: Step } {
  if (channel === 'hint') return runHint(scenario, before);
  if (channel === 'facilitator') return runFacilitator(scenario, before, cleanInput(raw), { paused: options.paused ?? before.held });
  const input = cleanInput(raw);
  const config = simConfigOf(scenario);
  const prompt = channel === 'chat' ? scenario.colleague.name : promptOf(scenario, before);
  const answer = channel === 'chat' ? answerChat(scenario, before, input) : answerTerminal(scenario, before, input);
  let facts = before.facts;
  const breaches = [];
  let seconds = 0;
  for (const { action, where } of answer.found) {
    seconds += secondsOf(action.minutes);
    for (const breach of action.breaks ?? []) if (holds(breach.when, before.facts, where)) breaches.push({ rule: breach.rule, action: action.id });
    const effect = action.effects?.find((e) => holds(e.when, facts, where));
    if (effect) facts = { ...facts, ...effect.set };
  }
  if (answer.found.length === 0) seconds = secondsOf(answer.minutes);
  if (channel === 'chat') seconds += typingSeconds(scenario, input);
  // A line that waited (`sleep 60`) took at least that long: the world has already lived through it.
  seconds = Math.max(seconds, answer.sim.clock - before.sim.clock);
  const clock = before.clock + seconds;
  const sim = advanceTo(config, answer.sim, clock);
  const notices: string[] = [];
  const fired = [...before.fired];
  // The scenario's timetable says which scheduled events fall due by the new clock, in the scenario's order.
  const [, due] = clock < nextDueAt(scenario, before.fired) ? [null, []] : transition(timetableMachine(scenario), timetableSnapshot(scenario, before.fired), { type: 'clock.advance', now: clock });
  for (const { params } of due) {
    const event = scenario.events.find((e) => e.id === (params as { id: string }).id)!;
    fired.push(event.id);
    if (!holds(event.when, facts)) continue;
    if (event.set) facts = { ...facts, ...event.set };
    if (event.notice) notices.push(...(typeof event.notice === 'string' ? event.notice.split('\n') : event.notice));
  }
  // The facilitator's repeating injects that the clock brings back (after the scheduled events).
  const repeats = dueRepeats(scenario, before.injected, clock);
  let away = before.away;
  const incoming: IncomingMessage[] = [];
  for (const firing of repeats) {
    const effect = fireInject(injectNamed(scenario, firing.id)!, firing.at, facts, away);
    facts = effect.facts;
    away = effect.away;
    notices.push(...effect.notices);
    incoming.push(...effect.incoming);
  }
  facts = observeFacts(scenario, config, sim, facts);
  const ending = scenario.endings.find((e) => holds(e.when, facts))?.id ?? null;
  const world: World = { clock, sim, ...placeOf(sim), facts, fired, ending, sqlScan: answer.sqlScan, hints: before.hints, injected: repeats.length ? [...before.injected, ...repeats] : before.injected, away, held: before.held };
  const step: Step = {
    channel,
    input,
    prompt,
    host: currentHost(before),
    startClock: before.clock,
    clock,
    recognised: answer.recognised,
    actions: answer.found.map((f) => f.action.id),
    breaches,
    output: answer.output,
    notices,
  };
  if (answer.notes.length) step.notes = answer.notes;
  if (answer.clear) step.clear = true;
  if (incoming.length) step.incoming = incoming;
  if (repeats.length) step.injected = repeats;
  return { world, step };
}
