/**
 * What a chat message is about: a small scored classifier over the scenario's own words. Each
 * chat action lists words and phrases with a weight (`keywords`); a message scores the weights of
 * the phrases it contains, each once, plus 1 when one of the action's patterns matches. The
 * message is the action that scores most, if that is at least 1. Deterministic, data-driven,
 * and linear in the message (no model, no network).
 */
import type { Scenario } from '../scenario/schema';

/** What has keywords: a chat action, a postmortem's measure. */
type Keyed = Pick<Scenario['actions'][number], 'keywords'>;

/** Most words of a message that are read: a paste longer than this is judged by its start. */
const MAX_WORDS = 2_000;

/** The words of a text, lower-cased: letters and digits, joined by `-`, `'`, `_`, `.` or `/` inside a word (`logged-in`, `db-master`, `mysql_history`). */
export function chatWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’._/-][\p{L}\p{N}]+)*/gu) ?? [];
  return words.length > MAX_WORDS ? words.slice(0, MAX_WORDS) : words;
}

const phrasesOf = new WeakMap<Keyed, { words: string[]; weight: number }[]>();

function phrases(action: Keyed): { words: string[]; weight: number }[] {
  let known = phrasesOf.get(action);
  if (!known) {
    known = Object.entries(action.keywords ?? {})
      .map(([phrase, weight]) => ({ words: chatWords(phrase), weight: weight as number }))
      .filter((p) => p.words.length > 0);
    phrasesOf.set(action, known);
  }
  return known;
}

/** Where each word of the message starts a run of words, for phrase look-ups. */
export type WordIndex = ReadonlyMap<string, readonly number[]>;

export function indexWords(words: readonly string[]): WordIndex {
  const index = new Map<string, number[]>();
  words.forEach((w, i) => {
    const at = index.get(w);
    if (at) at.push(i);
    else index.set(w, [i]);
  });
  return index;
}

function contains(words: readonly string[], index: WordIndex, phrase: readonly string[]): boolean {
  for (const start of index.get(phrase[0]!) ?? []) {
    if (phrase.every((w, k) => words[start + k] === w)) return true;
  }
  return false;
}

/** The weight of an action's (or a measure's) keywords found in the message (each phrase counted once). */
export function keywordScore(action: Keyed, words: readonly string[], index: WordIndex): number {
  let score = 0;
  for (const phrase of phrases(action)) if (contains(words, index, phrase.words)) score += phrase.weight;
  return score;
}
