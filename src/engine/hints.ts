/**
 * Hints in three tiers (the scenario's `hints`): a nudge, a pointer, then the command. The hint
 * given is the first whose `when` holds, so what the trainee has already found decides it; asking
 * again for the same one goes a tier further. Hints are the drill's own voice, never a tool's.
 */
import type { Hint, Scenario } from '../scenario/schema';
import { holds } from './conditions';

export const HINT_TIERS = ['nudge', 'pointer', 'command'] as const;
export type HintTier = (typeof HINT_TIERS)[number];

/** What the hint channel recorded for a step: which hint, and the tier shown (1 to 3). */
export interface HintShown {
  id: string;
  tier: 1 | 2 | 3;
}

/** A tier in words, by its number (1 to 3): what the drill, the score and the debrief call it. */
export function tierWords(tier: 1 | 2 | 3): string {
  return ['a nudge', 'a pointer', 'the command'][tier - 1]!;
}

/** The hint for where the trainee stands, if the scenario has one. */
export function hintFor(scenario: Scenario, facts: Parameters<typeof holds>[1]): Hint | null {
  return scenario.hints?.find((h) => holds(h.when, facts)) ?? null;
}

/** The hint to show now, given the tiers already shown (hint id → highest tier), and its line. */
export function nextHint(scenario: Scenario, facts: Parameters<typeof holds>[1], shown: Readonly<Record<string, number>>): { shown: HintShown; line: string } | null {
  const hint = hintFor(scenario, facts);
  if (!hint) return null;
  const tier = Math.min(3, (Object.hasOwn(shown, hint.id) ? shown[hint.id]! : 0) + 1) as 1 | 2 | 3;
  const name = HINT_TIERS[tier - 1]!;
  const text = name === 'nudge' ? hint.nudge : name === 'pointer' ? hint.pointer : hint.command;
  const again = tier === 3 && (shown[hint.id] ?? 0) >= 3 ? ' (asked again)' : '';
  return { shown: { id: hint.id, tier }, line: `Hint, ${tierWords(tier)} (${tier} of 3)${again}: ${text}` };
}

/**
 * The hint that fits now, at the tier a facilitator chose (1 a nudge, 2 a pointer, 3 the command),
 * and its line: what the facilitator's `hint <tier>` reveals. The tiers shown only ever go up.
 */
export function hintAtTier(scenario: Scenario, facts: Parameters<typeof holds>[1], tier: 1 | 2 | 3): { shown: HintShown; line: string } | null {
  const hint = hintFor(scenario, facts);
  if (!hint) return null;
  const name = HINT_TIERS[tier - 1]!;
  const text = name === 'nudge' ? hint.nudge : name === 'pointer' ? hint.pointer : hint.command;
  return { shown: { id: hint.id, tier }, line: `Hint from the facilitator, ${tierWords(tier)} (${tier} of 3): ${text}` };
}
