/**
 * The facilitator's injects (the scenario's `injects`): whether one may be fired now, what firing
 * it changes in the world (a message on team chat, a notice, facts, the colleague away), and the
 * repeats that come back by themselves on the simulated clock. Pure: the clock is the world's.
 *
 * A repeat needs no timer: the world keeps every firing (`World.injected`), so the next one of
 * an inject with `repeatEveryMinutes` is due at its last firing plus that many minutes, and a
 * step whose clock passes that time performs it (`dueRepeats`), as scheduled events are.
 */
import type { FactValue, Inject, Scenario } from '../scenario/schema';
import { holds } from './conditions';
import { clockText, parseClock } from './clock';

/** One firing of an inject: by the facilitator, or a repeat coming back by itself. */
export interface InjectFiring {
  id: string;
  /** Simulated clock of the firing, in seconds since midnight. */
  at: number;
  /** True for a repeat that came back on the clock. */
  repeat?: boolean;
}

/** A message that arrived on team chat from someone other than the trainee. */
export interface IncomingMessage {
  from: string;
  text: string[];
  at: number;
  /** The inject that brought it. */
  inject: string;
}

/** The colleague is away until `until` (seconds since midnight); every message meanwhile gets `reply`. */
export interface Absence {
  until: number;
  reply: string[];
  inject: string;
}

/** Why an inject cannot be fired now, as data (the engine words it once, in facilitator.ts). */
export type InjectRefusal =
  | { why: 'unknown' }
  | { why: 'fired'; at: number }
  | { why: 'too-early'; notBefore: string }
  | { why: 'too-late'; notAfter: string }
  | { why: 'condition' };

/** The state of the world an inject reads and changes. */
export interface InjectWorld {
  clock: number;
  facts: Readonly<Record<string, FactValue>>;
  injected: readonly InjectFiring[];
  away: Absence | null;
}

/** The scenario's inject with this id (an id typed on a console: looked up by value, never as a key). */
export function injectNamed(scenario: Scenario, id: string): Inject | null {
  return scenario.injects?.find((i) => i.id === id) ?? null;
}

/**
 * Whether the facilitator may fire `id` now: it exists, has not been fired yet (each inject is
 * fired once; a repeating one then comes back by itself), the clock is within its window and its
 * `availableWhen` holds.
 */
export function injectRefusal(scenario: Scenario, world: InjectWorld, id: string): InjectRefusal | null {
  const inject = injectNamed(scenario, id);
  if (!inject) return { why: 'unknown' };
  const fired = world.injected.find((f) => f.id === id);
  if (fired) return { why: 'fired', at: fired.at };
  if (inject.notBefore !== undefined && world.clock < parseClock(inject.notBefore)) return { why: 'too-early', notBefore: inject.notBefore };
  if (inject.notAfter !== undefined && world.clock > parseClock(inject.notAfter)) return { why: 'too-late', notAfter: inject.notAfter };
  if (!holds(inject.availableWhen, world.facts)) return { why: 'condition' };
  return null;
}

/** The injects the facilitator may fire now, in the scenario's order (what a console offers). */
export function availableInjects(scenario: Scenario, world: InjectWorld): Inject[] {
  return (scenario.injects ?? []).filter((i) => injectRefusal(scenario, world, i.id) === null);
}

function lines(text: string | readonly string[]): string[] {
  return (typeof text === 'string' ? [text] : [...text]).flatMap((t) => t.split('\n'));
}

/** An inject's text with `{{time}}` (08:52), `{{clock}}` (08:52:10) and `{{back}}` (when an absence ends) filled in. */
function filled(text: string | readonly string[], at: number, back: number | null): string[] {
  return lines(text).map((line) =>
    line.replace(/\{\{\s*(time|clock|back)\s*\}\}/g, (_, name: string) => (name === 'clock' ? clockText(at, true) : name === 'time' ? clockText(at) : clockText(back ?? at))),
  );
}

/** What one firing did: the world's new facts and absence, and the lines it printed or sent. */
export interface InjectEffect {
  facts: Record<string, FactValue>;
  away: Absence | null;
  notices: string[];
  incoming: IncomingMessage[];
}

/** Performs one firing of `inject` at clock `at` on the facts and absence given. */
export function fireInject(inject: Inject, at: number, facts: Readonly<Record<string, FactValue>>, away: Absence | null): InjectEffect {
  const until = inject.unavailable ? at + Math.round(inject.unavailable.minutes * 60) : null;
  const next: InjectEffect = { facts: inject.set ? { ...facts, ...inject.set } : { ...facts }, away, notices: [], incoming: [] };
  if (inject.unavailable) next.away = { until: until!, reply: filled(inject.unavailable.reply, at, until), inject: inject.id };
  if (inject.notice) next.notices.push(...filled(inject.notice, at, until));
  if (inject.chat) next.incoming.push({ from: inject.chat.from, text: filled(inject.chat.text, at, until), at, inject: inject.id });
  return next;
}

/**
 * The repeats due by `clock` (seconds since midnight), earliest first (ties in the scenario's
 * order): for each repeating inject fired, every time its last firing plus its period has come.
 * Bounded: a period is at least a minute and a step at most a day.
 */
export function dueRepeats(scenario: Scenario, injected: readonly InjectFiring[], clock: number): InjectFiring[] {
  if (injected.length === 0) return [];
  const due: { firing: InjectFiring; order: number }[] = [];
  (scenario.injects ?? []).forEach((inject, order) => {
    if (!inject.repeatEveryMinutes) return;
    let last: number | null = null;
    for (const f of injected) if (f.id === inject.id) last = f.at;
    if (last === null) return;
    const period = Math.round(inject.repeatEveryMinutes * 60);
    for (let at = last + period; at <= clock; at += period) due.push({ firing: { id: inject.id, at, repeat: true }, order });
  });
  return due.sort((a, b) => a.firing.at - b.firing.at || a.order - b.order).map((d) => d.firing);
}

/** True while the colleague is away at `clock`. */
export function isAway(away: Absence | null, clock: number): away is Absence {
  return away !== null && clock < away.until;
}
