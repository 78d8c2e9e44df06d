/**
 * Who a score speaks about, and to whom: the trainee reading their own debrief ("You found…"), or
 * a mentor reading someone else's run ("Lina found…", "the trainee found…" without a name). The
 * sentences (`sentences.ts`) are written once and take a voice; nothing else differs by audience.
 */
export type Audience = 'trainee' | 'mentor';

export interface Voice {
  audience: Audience;
  /** The subject at the start of a sentence: `You`, `Lina`, `The trainee`. */
  Subject: string;
  /** The subject or object inside a sentence: `you`, `Lina`, `the trainee`. */
  subject: string;
  /** `Your`, `Lina’s`, `The trainee’s`, and inside a sentence `your`, `Lina’s`, `the trainee’s`. */
  Possessive: string;
  possessive: string;
  /** `of yours`, `of Lina’s`: "no step of yours". */
  ofPossessive: string;
  /** The verb "have" for the subject: `have`, `has`. */
  has: string;
}
