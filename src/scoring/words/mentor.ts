/**
 * A mentor reads someone else's run: the score speaks of the trainee in the third person, by the
 * name the run carries ("Lina found the root cause at 08:46, 4 minutes before the team"), or as
 * "the trainee" when it has none. Never "you".
 */
import type { Scenario } from '../../scenario/schema';
import type { Score } from '../score';
import { scoreWords, type ScoreWords } from './sentences';
import type { Voice } from './voice';

/** Longest name a sentence repeats; a longer one is cut with `…` (the run's header shows it whole). */
const MAX_NAME_CHARS = 40;

export interface MentorVoiceOptions {
  /**
   * Wrap the name in Unicode isolates (U+2068 … U+2069) so a right-to-left name cannot reorder
   * the sentence around it. On by default (the browser); the CLI turns it off, since it escapes
   * every invisible character it prints instead.
   */
  isolate?: boolean;
}

/** The trainee's name as a sentence uses it, or null when there is nothing to call them. */
function nameOf(trainee: string | null | undefined): string | null {
  const name = (trainee ?? '').replace(/\s+/g, ' ').trim();
  if (name === '') return null;
  return name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS).trimEnd()}…` : name;
}

export function mentorVoice(trainee: string | null | undefined, options: MentorVoiceOptions = {}): Voice {
  const name = nameOf(trainee);
  if (name === null) {
    return { audience: 'mentor', Subject: 'The trainee', subject: 'the trainee', Possessive: 'The trainee’s', possessive: 'the trainee’s', ofPossessive: 'of the trainee’s', has: 'has' };
  }
  const shown = options.isolate === false ? name : `\u2068${name}\u2069`;
  return { audience: 'mentor', Subject: shown, subject: shown, Possessive: `${shown}’s`, possessive: `${shown}’s`, ofPossessive: `of ${shown}’s`, has: 'has' };
}

/** Every sentence of a score, said to a mentor about the trainee (`trainee`: the run's name, if any). */
export function mentorWords(score: Score, scenario: Scenario, trainee: string | null | undefined, options: MentorVoiceOptions = {}): ScoreWords {
  return scoreWords(score, scenario, mentorVoice(trainee, options));
}
