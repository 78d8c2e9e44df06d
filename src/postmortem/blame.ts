/**
 * The blameless-language check of a postmortem: sentences that put a person where the cause
 * should be ("the intern's fault", "careless", "human error"), each with wording that names the
 * system instead. In the spirit of the seed: the intern's typo was not the root cause, the
 * privileges that let one typo empty production were.
 *
 * The patterns are this module's own, fixed and simple (no user-supplied expression runs here),
 * over text the run format already bounds; a sentence is flagged once, by the first rule it breaks.
 */

export interface BlameRule {
  id: string;
  pattern: RegExp;
  /** Why the words blame a person, said to the writer. */
  why: string;
  /** Systemic wording to use instead. */
  suggestion: string;
}

/** People a sentence can blame: roles and pronouns, and the names the caller knows (the colleague's, the trainee's). */
const ROLES = String.raw`(?:the\s+)?(?:new\s+|junior\s+)?(?:intern|trainee|newcomer|new hire|developer|dev|engineer|admin|administrator|operator|dba|he|she|him|her|they|them|someone|somebody)`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "The cause was the intern", "caused by Sami": a person where the cause should be (but not "the intern's account"). */
function personAsCause(names: readonly string[]): RegExp {
  const people = [ROLES, ...names.filter((n) => /\p{L}/u.test(n)).map(escape)].join('|');
  return new RegExp(String.raw`\b(?:(?:root )?cause (?:was|is)|caused by|because of|due to|thanks to)\s+(?:${people})\b(?!\s*(?:'s|’s)?\s+(?:account|privileges?|access|permissions?|role|credentials))`, 'iu');
}

/** The rules every text is checked against; `blameFindings` adds the person-as-cause rule with the names it is given. */
export const BLAME_RULES: readonly BlameRule[] = [
  {
    id: 'fault',
    pattern: /\b(?:fault|to blame|blame[sd]?|culprit|guilty)\b(?![- ]toleran)/i,
    why: 'Fault and blame point at a person; a postmortem looks for what let the mistake through.',
    suggestion: 'Say what in the system allowed it, e.g. “a new account had full privileges on the production master”.',
  },
  {
    id: 'character',
    pattern: /\b(?:careless(?:ly|ness)?|negligen(?:t|ce)|sloppy|lazy|stupid(?:ity)?|incompetent|incompetence|reckless(?:ly)?|clumsy|dumb|idiot(?:ic)?|inattentive|irresponsible)\b/i,
    why: 'This judges a person’s character, which no corrective action can change.',
    suggestion: 'Describe the conditions instead, e.g. “a destructive command ran on production with no confirmation step”.',
  },
  {
    id: 'human-error',
    pattern: /\b(?:human|user|operator) error\b/i,
    why: '“Human error” ends the inquiry where it should start.',
    suggestion: 'Ask what made the error easy to make and hard to catch, e.g. “the client let one statement delete every row of a table”.',
  },
  {
    id: 'should-have',
    pattern: /\bshould(?:n['’]t| not)? have (?:known|been (?:more )?careful|paid attention|checked|double[- ]checked|noticed|been more attentive)\b/i,
    why: 'Hindsight about what a person should have done hides why it was hard to do at the time.',
    suggestion: 'Name the safeguard that was missing, e.g. “no review step was required before writing to the master”.',
  },
  {
    id: 'messed-up',
    pattern: /\b(?:messed|screwed|fouled|botched|blew) (?:it |things |everything )?up\b|\bscrew-?up\b/i,
    why: 'This describes a person failing, not what happened.',
    suggestion: 'Say what the command did and what allowed it, e.g. “a mistyped DELETE removed every row; nothing stopped it”.',
  },
  {
    id: 'possessive-fault',
    pattern: /\b[\p{L}]+['’]s\s+(?:mistake|error|negligence|carelessness|incompetence)\b/iu,
    why: 'Owning the mistake to a person makes it about them, not the system.',
    suggestion: 'Say what the mistake was and what let it through, e.g. “a mistyped command on the master”.',
  },
];

export interface BlameFinding {
  /** The sentence, as written. */
  sentence: string;
  /** The words that blame. */
  words: string;
  rule: BlameRule;
}

/** Sentences of a text: split after . ! ? and at line breaks. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\r?\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const PERSON_AS_CAUSE: Omit<BlameRule, 'pattern'> = {
  id: 'person-as-cause',
  why: 'A person is named as the cause; the same mistake by anyone else would have done the same harm.',
  suggestion: 'Name the cause in the system, e.g. “the root cause was that a new account had ALL PRIVILEGES on the production database”.',
};

/** The sentences of a text that blame a person, each with the first rule it breaks. `names`: people the text may name (matched as words, case-insensitive). */
export function blameFindings(text: string, names: readonly string[] = []): BlameFinding[] {
  const rules = [...BLAME_RULES, { ...PERSON_AS_CAUSE, pattern: personAsCause(names) }];
  const found: BlameFinding[] = [];
  for (const sentence of sentencesOf(text)) {
    for (const rule of rules) {
      const match = rule.pattern.exec(sentence);
      if (!match) continue;
      found.push({ sentence, words: match[0], rule });
      break;
    }
  }
  return found;
}
