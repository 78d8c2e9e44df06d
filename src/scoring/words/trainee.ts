/** The trainee's own debrief speaks to them: "You found the root cause at 08:46, 4 minutes before the team." */
import type { Scenario } from '../../scenario/schema';
import type { Score } from '../score';
import { scoreWords, type ScoreWords } from './sentences';
import type { Voice } from './voice';

export const TRAINEE_VOICE: Voice = {
  audience: 'trainee',
  Subject: 'You',
  subject: 'you',
  Possessive: 'Your',
  possessive: 'your',
  ofPossessive: 'of yours',
  has: 'have',
};

/** Every sentence of a score, said to the trainee who made the run. */
export function traineeWords(score: Score, scenario: Scenario): ScoreWords {
  return scoreWords(score, scenario, TRAINEE_VOICE);
}
