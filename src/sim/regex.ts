/**
 * Every regular expression a trainee types (grep, sed, awk, less, SQL REGEXP…) runs here, on
 * re2js: RE2's linear-time engine, so no pattern can hang the drill (`(.*)*#` over a 2,000-line
 * log takes milliseconds). Patterns are read the way the real tool reads them:
 *
 * - `grep-basic` / `grep-extended`: GNU grep 3.1 (glibc regex syntax bits RE_SYNTAX_GREP and
 *   RE_SYNTAX_EGREP): BRE with `\(` `\)` `\{` `\}` `\|` `\+` `\?`, `*` literal at the start, `^`/`$`
 *   anchors only where POSIX puts them; ERE with `a{1` read as literal text and a leading `*`
 *   ignored; GNU `\w \W \s \S \b \B \< \> \` \'` in both.
 * - `sed-basic` / `sed-extended`: GNU sed 4.4 (RE_SYNTAX_POSIX_BASIC / _EXTENDED): the same, but
 *   `a**` and a leading `*` in an ERE are errors, an unmatched `)` too.
 * - `awk`: mawk 1.3.3, Ubuntu 18.04's awk: ERE without intervals (`{` is a plain character) and
 *   without `[:classes:]`, C escapes everywhere, its own error words.
 *
 * The matching is POSIX's leftmost-longest. A pattern the tool would reject gets the tool's own
 * error text (`Unmatched ( or \(`, `Invalid back reference`…). What RE2 cannot run at all
 * (a back-reference such as `\(a\)\1`, a repetition count above 1000) comes back as
 * `unsupported`, so the program can say so in the drill's voice instead of inventing an error.
 */
import { RE2JS } from 're2js';

export type RegexSyntax = 'grep-basic' | 'grep-extended' | 'sed-basic' | 'sed-extended' | 'awk';

export interface PosixRegexOptions {
  /** ERE instead of BRE (grep -E, egrep, sed -E); ignored when `syntax` is given. */
  extended?: boolean;
  /** Whose dialect: default `grep-basic`, or `grep-extended` with `extended`. */
  syntax?: RegexSyntax;
  /** grep -i, sed's `I` flag, awk's IGNORECASE (not in mawk). */
  ignoreCase?: boolean;
  /** grep -w: the match must be a whole word (not preceded or followed by a letter, digit or `_`). */
  word?: boolean;
  /** grep -x: the match must be the whole line. */
  line?: boolean;
  /** grep -F: the pattern is a plain string. */
  fixed?: boolean;
  /** sed's M flag: `^` and `$` also match at newlines inside the text, `.` does not match one. */
  multiline?: boolean;
}

/** One match: offsets in the string (UTF-16 units, as JavaScript indexes strings) and its groups. */
export interface RegexMatch {
  start: number;
  end: number;
  /** `groups[0]` is the whole match, `groups[n]` the n-th `\(…\)`; undefined when it took no part. */
  groups: (string | undefined)[];
}

export interface PosixRegex {
  ok: true;
  /** Capturing groups the trainee wrote (for `\1` in a sed replacement). */
  groupCount: number;
  /** Does the pattern match somewhere in `text`? */
  test(text: string): boolean;
  /** The leftmost-longest match starting at or after `from`. */
  exec(text: string, from?: number): RegexMatch | null;
  /** Every non-overlapping match, as grep -o and awk's gsub see them (at most `limit`). */
  matchAll(text: string, limit?: number): RegexMatch[];
}

/**
 * Why a pattern cannot run: `error` is the tool's own message without its `prog: ` prefix
 * (`Unmatched ( or \(`); `unsupported` marks what the real tool accepts but the drill's
 * linear-time engine cannot run.
 */
export interface RegexFailure {
  ok: false;
  error: string;
  unsupported?: 'backreference' | 'too-large';
}

export type CompiledRegex = PosixRegex | RegexFailure;

/** Most matches `matchAll` returns: a line of a drill log never needs more. */
export const MAX_MATCHES = 100_000;

interface Bits {
  bkPlusQm: boolean;
  indepAnchors: boolean;
  indepOps: boolean;
  invalidOps: boolean;
  invalidDup: boolean;
  noBkBraces: boolean;
  noBkParens: boolean;
  noBkVbar: boolean;
  unmatchedRightParenOrd: boolean;
  invalidIntervalOrd: boolean;
}

const BASIC: Bits = { bkPlusQm: true, indepAnchors: false, indepOps: false, invalidOps: false, invalidDup: false, noBkBraces: false, noBkParens: false, noBkVbar: false, unmatchedRightParenOrd: false, invalidIntervalOrd: false };
const EXTENDED: Bits = { bkPlusQm: false, indepAnchors: true, indepOps: true, invalidOps: false, invalidDup: false, noBkBraces: true, noBkParens: true, noBkVbar: true, unmatchedRightParenOrd: true, invalidIntervalOrd: true };

const SYNTAX_BITS: Readonly<Record<Exclude<RegexSyntax, 'awk'>, Bits>> = {
  'grep-basic': BASIC,
  'grep-extended': EXTENDED,
  'sed-basic': { ...BASIC, invalidDup: true },
  'sed-extended': { ...EXTENDED, invalidOps: true, unmatchedRightParenOrd: false, invalidIntervalOrd: false },
};

/** glibc's regerror texts (what grep and sed print after `prog: `). */
const MSG = {
  badpat: 'Invalid regular expression',
  ecollate: 'Invalid collation character',
  ectype: 'Invalid character class name',
  eescape: 'Trailing backslash',
  esubreg: 'Invalid back reference',
  ebrack: 'Unmatched [, [^, [:, [., or [=',
  eparen: 'Unmatched ( or \\(',
  ebrace: 'Unmatched \\{',
  badbr: 'Invalid content of \\{\\}',
  erange: 'Invalid range end',
  badrpt: 'Invalid preceding regular expression',
  esize: 'Regular expression too big',
  erparen: 'Unmatched ) or \\)',
} as const;

/** RE_DUP_MAX in glibc. */
const RE_DUP_MAX = 0x7fff;
/** The largest count RE2 accepts in `{m,n}`. */
const RE2_MAX_REPEAT = 1000;

class PatternError extends Error {
  constructor(
    readonly text: string,
    readonly unsupported?: 'backreference' | 'too-large',
  ) {
    super(text);
  }
}

const WORD_CLASS = '0-9A-Za-z_\\p{L}\\p{Nd}';
/** The bracket-expression body RE2 gets for each POSIX class, as glibc's C.UTF-8 reads them. */
const CLASS_BODY: ReadonlyMap<string, string> = new Map([
  ['alpha', 'A-Za-z\\p{L}'],
  ['upper', 'A-Z\\p{Lu}'],
  ['lower', 'a-z\\p{Ll}'],
  ['digit', '0-9'],
  ['xdigit', '0-9A-Fa-f'],
  ['space', '\\t\\n\\v\\f\\r \\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200a}\\x{2028}\\x{2029}\\x{205f}\\x{3000}'],
  ['blank', '\\t \\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200a}\\x{205f}\\x{3000}'],
  ['punct', '!-/:-@\\[-`{-~\\p{P}\\p{S}'],
  ['alnum', '0-9A-Za-z\\p{L}\\p{Nd}'],
  ['print', '\\x{20}-\\x{7e}\\x{a0}-\\x{10ffff}'],
  ['graph', '\\x{21}-\\x{7e}\\x{a1}-\\x{10ffff}'],
  ['cntrl', '\\x{0}-\\x{1f}\\x{7f}'],
]);

/** A code point written for use inside an RE2 bracket expression. */
function classChar(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `\\x{${code.toString(16)}}`;
  return c === '\\' || c === ']' || c === '[' || c === '^' || c === '-' ? `\\${c}` : c;
}

/** A code point written as a literal in RE2 syntax. */
function literal(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `\\x{${code.toString(16)}}`;
  return /[\\.+*?()|[\]{}^$]/.test(c) ? `\\${c}` : c;
}

type TokenType = 'char' | 'alt' | 'backref' | 'anchor' | 'word' | 'notword' | 'space' | 'notspace' | 'open' | 'close' | 'star' | 'plus' | 'question' | 'openDup' | 'closeDup' | 'bracket' | 'period' | 'backslash' | 'end';

interface Token {
  type: TokenType;
  /** The character itself (for `char`, and what an operator reads as when it is literal). */
  c: string;
  /** How many code points it takes. */
  len: number;
  /** `^ $ \` \' \< \> \b \B` as the RE2 text that replaces them. */
  re2?: string;
  /** Back-reference number (1-9). */
  ref?: number;
}

/** A piece of the translated pattern: its RE2 text, and whether a repetition can follow it without `(?:…)`. */
interface Piece {
  re2: string;
  atomic: boolean;
}

/**
 * A reader of one POSIX pattern that follows glibc's regcomp.c parse step by step (peek_token,
 * parse_reg_exp, parse_branch, parse_expression, parse_dup_op, parse_bracket_exp), so the same
 * patterns are accepted, read the same way, and fail with the same message.
 */
class PosixReader {
  private pos = 0;
  private token: Token = { type: 'end', c: '', len: 0 };
  private groups = 0;
  private completed = new Set<number>();
  /** Set when a `[:space:]` bracket was seen: grep's dfa refuses it after regcomp accepted the pattern. */
  colonWarning = false;
  /** A valid `\1`…`\9` was read. */
  usesBackref = false;

  constructor(
    private readonly chars: readonly string[],
    private readonly bits: Bits,
  ) {}

  get groupCount(): number {
    return this.groups;
  }

  parse(): string {
    this.fetch(true);
    const tree = this.parseRegExp(0);
    if (this.current().type !== 'end') throw new PatternError(MSG.erparen);
    return tree;
  }

  private peek(caretHere: boolean, from = this.pos): Token {
    const { bits, chars } = this;
    if (from >= chars.length) return { type: 'end', c: '', len: 0 };
    const c = chars[from]!;
    if (c === '\\') {
      if (from + 1 >= chars.length) return { type: 'backslash', c, len: 1 };
      const c2 = chars[from + 1]!;
      const tok = (type: TokenType, extra: Partial<Token> = {}): Token => ({ type, c: c2, len: 2, ...extra });
      switch (c2) {
        case '|':
          return bits.noBkVbar ? tok('char') : tok('alt');
        case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
          return tok('backref', { ref: Number(c2) });
        case '<':
          return tok('anchor', { re2: `(?<![${WORD_CLASS}])\\b` });
        case '>':
          return tok('anchor', { re2: `(?<=[${WORD_CLASS}])\\b` });
        case 'b':
          return tok('anchor', { re2: '\\b' });
        case 'B':
          return tok('anchor', { re2: '\\B' });
        case 'w':
          return tok('word');
        case 'W':
          return tok('notword');
        case 's':
          return tok('space');
        case 'S':
          return tok('notspace');
        case '`':
          return tok('anchor', { re2: '\\A' });
        case "'":
          return tok('anchor', { re2: '\\z' });
        case '(':
          return bits.noBkParens ? tok('char') : tok('open');
        case ')':
          return bits.noBkParens ? tok('char') : tok('close');
        case '+':
          return bits.bkPlusQm ? tok('plus') : tok('char');
        case '?':
          return bits.bkPlusQm ? tok('question') : tok('char');
        case '{':
          return bits.noBkBraces ? tok('char') : tok('openDup');
        case '}':
          return bits.noBkBraces ? tok('char') : tok('closeDup');
        default:
          return tok('char');
      }
    }
    const tok = (type: TokenType, extra: Partial<Token> = {}): Token => ({ type, c, len: 1, ...extra });
    switch (c) {
      case '|':
        return bits.noBkVbar ? tok('alt') : tok('char');
      case '*':
        return tok('star');
      case '+':
        return bits.bkPlusQm ? tok('char') : tok('plus');
      case '?':
        return bits.bkPlusQm ? tok('char') : tok('question');
      case '{':
        return bits.noBkBraces ? tok('openDup') : tok('char');
      case '}':
        return bits.noBkBraces ? tok('closeDup') : tok('char');
      case '(':
        return bits.noBkParens ? tok('open') : tok('char');
      case ')':
        return bits.noBkParens ? tok('close') : tok('char');
      case '[':
        return tok('bracket');
      case '.':
        return tok('period');
      case '^':
        if (!bits.indepAnchors && !caretHere && from !== 0) return tok('char');
        return tok('anchor', { re2: '^' });
      case '$':
        if (!bits.indepAnchors && from + 1 !== chars.length) {
          const next = this.peek(false, from + 1);
          if (next.type !== 'alt' && next.type !== 'close') return tok('char');
        }
        return tok('anchor', { re2: '$' });
      default:
        return tok('char');
    }
  }

  private fetch(caretHere = false): void {
    this.pos += this.token.len;
    this.token = this.peek(caretHere);
  }

  private parseRegExp(nest: number): string {
    const branches = [this.parseBranch(nest)];
    while (this.token.type === 'alt') {
      this.fetch(true);
      if (this.token.type !== 'alt' && this.token.type !== 'end' && (nest === 0 || this.token.type !== 'close')) branches.push(this.parseBranch(nest));
      else branches.push('');
    }
    return branches.join('|');
  }

  private parseBranch(nest: number): string {
    const pieces: string[] = [];
    const first = this.parseExpression(nest);
    if (first) pieces.push(first.re2);
    while (this.token.type !== 'alt' && this.token.type !== 'end' && (nest === 0 || this.token.type !== 'close')) {
      const piece = this.parseExpression(nest);
      if (piece) pieces.push(piece.re2);
    }
    return pieces.join('');
  }

  /** The current token (a method, so TypeScript does not narrow it across `fetch`). */
  private current(): Token {
    return this.token;
  }

  private parseExpression(nest: number): Piece | null {
    const token = this.current();
    let piece: Piece | null;
    const type = token.type;
    if (type === 'alt' || type === 'end') return null;
    if (type === 'backslash') throw new PatternError(MSG.eescape);
    if (type === 'anchor') {
      // glibc returns here: an anchor is never repeated (`^*` is `^` then a literal or skipped `*`).
      this.fetch();
      return { re2: token.re2!, atomic: false };
    }
    if (type === 'open') piece = this.parseSubExp(nest + 1);
    else if (type === 'bracket') piece = { re2: this.parseBracket(), atomic: true };
    else if (type === 'backref') {
      if (!this.completed.has(token.ref!)) throw new PatternError(MSG.esubreg);
      // Valid, but RE2 cannot run it: read on (a later error still wins), then say so.
      this.usesBackref = true;
      piece = { re2: '', atomic: false };
    } else if (type === 'openDup' || type === 'star' || type === 'plus' || type === 'question' || type === 'close' || type === 'closeDup') {
      if (type === 'openDup' && this.bits.invalidDup) throw new PatternError(MSG.badrpt);
      if (type !== 'close' && type !== 'closeDup') {
        if (this.bits.invalidOps) throw new PatternError(MSG.badrpt);
        if (this.bits.indepOps) {
          this.fetch();
          return this.parseExpression(nest);
        }
      }
      if (type === 'close' && !this.bits.unmatchedRightParenOrd) throw new PatternError(MSG.erparen);
      // Otherwise the operator is an ordinary character here.
      piece = { re2: literal(token.c), atomic: true };
    } else if (type === 'period') piece = { re2: '.', atomic: true };
    else if (type === 'word') piece = { re2: `[${WORD_CLASS}]`, atomic: true };
    else if (type === 'notword') piece = { re2: `[^${WORD_CLASS}]`, atomic: true };
    else if (type === 'space') piece = { re2: `[${CLASS_BODY.get('space')}]`, atomic: true };
    else if (type === 'notspace') piece = { re2: `[^${CLASS_BODY.get('space')}]`, atomic: true };
    else piece = { re2: literal(token.c), atomic: true };
    this.fetch();
    for (let t = this.current(); t.type === 'star' || t.type === 'plus' || t.type === 'question' || t.type === 'openDup'; t = this.current()) {
      piece = this.parseDup(piece);
      const after = this.current().type;
      if (this.bits.invalidDup && (after === 'star' || after === 'openDup')) throw new PatternError(MSG.badrpt);
    }
    return piece;
  }

  private parseSubExp(nest: number): Piece {
    const index = ++this.groups;
    this.fetch(true);
    let inner = '';
    if (this.token.type !== 'close') {
      inner = this.parseRegExp(nest);
      if (this.current().type !== 'close') throw new PatternError(MSG.eparen);
    }
    if (index <= 9) this.completed.add(index);
    return { re2: `(${inner})`, atomic: true };
  }

  /** glibc's fetch_number: -1 none, -2 invalid, else the number (capped at RE_DUP_MAX + 1). */
  private fetchNumber(): number {
    let num = -1;
    for (;;) {
      this.fetch();
      const t = this.token;
      if (t.type === 'end') return -2;
      if (t.type === 'closeDup' || t.c === ',') break;
      num = t.type !== 'char' || t.c < '0' || t.c > '9' || num === -2 ? -2 : num === -1 ? Number(t.c) : Math.min(RE_DUP_MAX + 1, num * 10 + Number(t.c));
    }
    return num;
  }

  private parseDup(piece: Piece | null): Piece | null {
    const startPos = this.pos;
    const startToken = this.token;
    let min: number;
    let max: number;
    if (this.current().type === 'openDup') {
      let end = 0;
      let start = this.fetchNumber();
      const isComma = () => this.current().type === 'char' && this.current().c === ',';
      if (start === -1) {
        if (isComma()) start = 0;
        else throw new PatternError(MSG.badbr);
      }
      if (start !== -2) end = this.current().type === 'closeDup' ? start : isComma() ? this.fetchNumber() : -2;
      if (start === -2 || end === -2) {
        if (!this.bits.invalidIntervalOrd) throw new PatternError(this.current().type === 'end' ? MSG.ebrace : MSG.badbr);
        // An ERE `a{1` is the text `a{1`: back up and read `{` as a character.
        this.pos = startPos;
        this.token = { ...startToken, type: 'char' };
        return piece;
      }
      if ((end !== -1 && start > end) || this.current().type !== 'closeDup') throw new PatternError(MSG.badbr);
      if ((end === -1 ? start : end) > RE_DUP_MAX) throw new PatternError(MSG.esize);
      min = start;
      max = end;
    } else {
      min = this.current().type === 'plus' ? 1 : 0;
      max = this.current().type === 'question' ? 1 : -1;
    }
    this.fetch();
    if (!piece) return null;
    if (min === 0 && max === 0) return null;
    if (min > RE2_MAX_REPEAT || max > RE2_MAX_REPEAT) throw new PatternError(MSG.esize, 'too-large');
    const base = piece.atomic ? piece.re2 : `(?:${piece.re2})`;
    const op = min === 0 && max === -1 ? '*' : min === 1 && max === -1 ? '+' : min === 0 && max === 1 ? '?' : max === -1 ? `{${min},}` : min === max ? `{${min}}` : `{${min},${max}}`;
    return { re2: base + op, atomic: false };
  }

  /** A bracket expression, from just after its `[`; returns the RE2 class. */
  private parseBracket(): string {
    const { chars } = this;
    let i = this.pos + 1;
    let negate = false;
    if (i >= chars.length) throw new PatternError(MSG.badpat);
    if (chars[i] === '^') {
      negate = true;
      i += 1;
      if (i >= chars.length) throw new PatternError(MSG.badpat);
    }
    const parts: string[] = [];
    let first = true;
    const bodyStart = i;
    type Elem = { kind: 'char'; c: string } | { kind: 'class'; name: string } | { kind: 'equiv'; name: string } | { kind: 'coll'; name: string };
    const readSymbol = (delim: string): string => {
      // i points just after `[` + delim
      let name = '';
      if (i >= chars.length) throw new PatternError(MSG.ebrack);
      for (let n = 0; ; n += 1) {
        if (n >= 32) throw new PatternError(MSG.ebrack);
        const ch = chars[i++];
        if (i >= chars.length) throw new PatternError(MSG.ebrack);
        if (ch === delim && chars[i] === ']') break;
        name += ch;
      }
      i += 1;
      return name;
    };
    const readElement = (acceptHyphen: boolean): Elem => {
      const c = chars[i]!;
      if (c === '[' && i + 1 < chars.length && (chars[i + 1] === '.' || chars[i + 1] === '=' || chars[i + 1] === ':')) {
        const delim = chars[i + 1]!;
        i += 2;
        const name = readSymbol(delim);
        return delim === ':' ? { kind: 'class', name } : delim === '=' ? { kind: 'equiv', name } : { kind: 'coll', name };
      }
      if (c === '-' && !acceptHyphen && chars[i + 1] !== ']') throw new PatternError(MSG.erange);
      i += 1;
      return { kind: 'char', c };
    };
    const single = (e: Elem): string | null => {
      if (e.kind === 'char') return e.c;
      if (e.kind === 'coll' || e.kind === 'equiv') {
        if ([...e.name].length !== 1) throw new PatternError(MSG.ecollate);
        return e.name;
      }
      return null;
    };
    for (;;) {
      // The first `]` (after an optional `^`) is a plain character.
      if (!first && chars[i] === ']') break;
      if (i >= chars.length) throw new PatternError(MSG.ebrack);
      const start = readElement(first);
      first = false;
      let range: Elem | null = null;
      if (start.kind !== 'class' && start.kind !== 'equiv') {
        if (i >= chars.length) throw new PatternError(MSG.ebrack);
        if (chars[i] === '-') {
          if (i + 1 >= chars.length) throw new PatternError(MSG.ebrack);
          if (chars[i + 1] !== ']') {
            i += 1;
            range = readElement(true);
          }
        }
      }
      if (range) {
        const from = single(start);
        const to = range.kind === 'class' || range.kind === 'equiv' ? null : single(range);
        if (from === null || to === null) throw new PatternError(MSG.erange);
        if (from.codePointAt(0)! > to.codePointAt(0)!) throw new PatternError(MSG.erange);
        parts.push(`${classChar(from)}-${classChar(to)}`);
      } else if (start.kind === 'class') {
        const body = CLASS_BODY.get(start.name);
        if (!body) throw new PatternError(MSG.ectype);
        parts.push(body);
      } else {
        parts.push(classChar(single(start)!));
      }
      if (i >= chars.length) throw new PatternError(MSG.ebrack);
    }
    // What grep's dfa calls `[:space:]`: a bracket that starts and ends with `:` and holds other letters.
    const body = chars.slice(bodyStart, i);
    if (body.length >= 2 && body[0] === ':' && body[body.length - 1] === ':' && body.slice(1, -1).some((ch) => ch !== ':') && !body.slice(1, -1).some((ch) => ch === '[' || ch === '-' || ch === '.' || ch === '=')) this.colonWarning = true;
    // `this.pos` must end on the closing `]`; the caller's fetch steps over it (a 1-wide token).
    this.pos = i;
    this.token = { type: 'bracket', c: ']', len: 1 };
    return `[${negate ? '^' : ''}${parts.join('')}]`;
  }
}

/**
 * mawk 1.3.3's regular expressions (rexp0.c, rexp.c): `^` and `$` are anchors anywhere, `{`
 * is a plain character, bracket expressions have no `[:classes:]` but take C escapes, and
 * errors are `missing '('`, `missing ')'`, `bad class -- [], [^] or [`, `missing operand`,
 * `syntax error ^* or ^+`.
 */
class AwkReader {
  private i = 0;
  groups = 0;

  constructor(private readonly chars: readonly string[]) {}

  parse(): string {
    if (this.chars.length === 0) return '';
    const re2 = this.alternation(0);
    if (this.i < this.chars.length) throw new PatternError("missing '('");
    return re2;
  }

  /** mawk's escape(): C escapes, octal, `\x` hex, anything else is itself. */
  private escape(): string {
    const { chars } = this;
    const c = chars[this.i];
    if (c === undefined) return '\\';
    const simple = new Map([['n', '\n'], ['t', '\t'], ['f', '\f'], ['b', '\b'], ['r', '\r'], ['a', '\x07'], ['v', '\x0b']]);
    const mapped = simple.get(c);
    if (mapped !== undefined) {
      this.i += 1;
      return mapped;
    }
    if (c >= '0' && c <= '7') {
      let x = 0;
      for (let n = 0; n < 3 && chars[this.i] !== undefined && chars[this.i]! >= '0' && chars[this.i]! <= '7'; n += 1) x = x * 8 + Number(chars[this.i++]);
      return String.fromCharCode(x & 0xff);
    }
    if (c === 'x') {
      this.i += 1;
      const hex = (h: string | undefined) => (h !== undefined && /^[0-9A-Fa-f]$/.test(h) ? parseInt(h, 16) : -1);
      let x = hex(chars[this.i]);
      if (x < 0) return 'x';
      this.i += 1;
      const y = hex(chars[this.i]);
      if (y >= 0) {
        x = x * 16 + y;
        this.i += 1;
      }
      return String.fromCharCode(x);
    }
    this.i += 1;
    return c;
  }

  private alternation(depth: number): string {
    const branches = [this.branch(depth)];
    while (this.chars[this.i] === '|') {
      this.i += 1;
      branches.push(this.branch(depth));
    }
    return branches.join('|');
  }

  private branch(depth: number): string {
    let out = '';
    let any = false;
    for (;;) {
      const c = this.chars[this.i];
      if (c === undefined || c === '|') break;
      if (c === ')') {
        if (depth === 0) throw new PatternError("missing '('");
        break;
      }
      out += this.piece(depth);
      any = true;
    }
    if (!any) throw new PatternError('missing operand');
    return out;
  }

  private piece(depth: number): string {
    const c = this.chars[this.i]!;
    if (c === '*' || c === '+' || c === '?') throw new PatternError('missing operand');
    let atom: string;
    let atomic = true;
    if (c === '(') {
      this.i += 1;
      this.groups += 1;
      if (this.chars[this.i] === ')') throw new PatternError('missing operand');
      const inner = this.alternation(depth + 1);
      if (this.chars[this.i] !== ')') throw new PatternError("missing ')'");
      this.i += 1;
      atom = `(${inner})`;
    } else if (c === '[') atom = this.klass();
    else if (c === '\\') {
      this.i += 1;
      atom = literal(this.escape());
    } else if (c === '.') {
      this.i += 1;
      atom = '.';
    } else if (c === '^' || c === '$') {
      this.i += 1;
      const next = this.chars[this.i];
      if (c === '^' && (next === '*' || next === '+')) throw new PatternError('syntax error ^* or ^+');
      atom = c;
      atomic = false;
    } else {
      this.i += 1;
      atom = literal(c);
    }
    while (this.chars[this.i] === '*' || this.chars[this.i] === '+' || this.chars[this.i] === '?') {
      atom = `${atomic ? atom : `(?:${atom})`}${this.chars[this.i]}`;
      atomic = false;
      this.i += 1;
    }
    return atom;
  }

  private klass(): string {
    const { chars } = this;
    const startBody = this.i + 1;
    let p = startBody;
    if (chars[p] === ']') p += 1;
    else if (chars[p] === '^' && chars[p + 1] === ']') p += 2;
    let close = -1;
    for (;;) {
      const q = chars.indexOf(']', p);
      if (q < 0) throw new PatternError('bad class -- [], [^] or [');
      let backslashes = 0;
      for (let k = q - 1; k >= startBody && chars[k] === '\\'; k -= 1) backslashes += 1;
      if (backslashes % 2 === 0) {
        close = q;
        break;
      }
      p = q + 1;
    }
    this.i = startBody;
    let negate = false;
    if (chars[this.i] === '^') {
      negate = true;
      this.i += 1;
    }
    const parts: string[] = [];
    let prev = -1;
    while (this.i < close) {
      const c = chars[this.i]!;
      if (c === '\\') {
        this.i += 1;
        const e = this.escape();
        prev = e.codePointAt(0)!;
        parts.push(classChar(e));
      } else if (c === '-' && prev !== -1 && this.i + 1 !== close) {
        const mark = ++this.i;
        let to: string;
        if (chars[this.i] !== '\\') to = chars[this.i++]!;
        else {
          this.i += 1;
          to = this.escape();
        }
        if (prev <= to.codePointAt(0)!) {
          parts.pop();
          parts.push(`${classChar(String.fromCodePoint(prev))}-${classChar(to)}`);
          prev = -1;
        } else {
          // A backwards range is a plain `-` in mawk.
          this.i = mark;
          prev = 45;
          parts.push('\\-');
        }
      } else {
        prev = c.codePointAt(0)!;
        parts.push(classChar(c));
        this.i += 1;
      }
    }
    this.i = close + 1;
    if (parts.length === 0) return negate ? '[^\\x{0}]' : '[^\\x{0}-\\x{10ffff}]';
    return `[${negate ? '^' : ''}${parts.join('')}]`;
  }
}

function runnable(re2: string, flags: number, groupCount: number, view: 'plain' | 'word' | 'line', multiline = false): CompiledRegex {
  let compiled: RE2JS;
  const source = view === 'word' ? `(?<![${WORD_CLASS}])(${re2})(?:[^${WORD_CLASS}]|$)` : view === 'line' ? `^(?:${re2})$` : re2;
  try {
    compiled = RE2JS.compile(source, flags | RE2JS.LONGEST_MATCH | (multiline ? RE2JS.MULTILINE : RE2JS.DOTALL) | (view === 'word' || /\(\?<[!=]/.test(source) ? RE2JS.LOOKBEHINDS : 0));
  } catch {
    return { ok: false, error: MSG.esize, unsupported: 'too-large' };
  }
  const shift = view === 'word' ? 1 : 0;
  const matchAt = (text: string, from: number): RegexMatch | null => {
    if (from > text.length) return null;
    const m = compiled.matcher(text);
    if (!m.find(from)) return null;
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= groupCount; g += 1) groups.push(m.group(g + shift) ?? undefined);
    return { start: m.start(shift), end: m.end(shift), groups };
  };
  return {
    ok: true,
    groupCount,
    test: (text) => compiled.test(text),
    exec: (text, from = 0) => matchAt(text, from),
    matchAll: (text, limit = MAX_MATCHES) => {
      const found: RegexMatch[] = [];
      let from = 0;
      while (from <= text.length && found.length < limit) {
        const m = matchAt(text, from);
        if (!m) break;
        found.push(m);
        from = m.end > m.start ? m.end : m.end + 1;
      }
      return found;
    },
  };
}

/** Reads one pattern in a dialect; returns its RE2 text and group count, or why not. */
export function translatePosix(pattern: string, syntax: RegexSyntax): { ok: true; re2: string; groups: number } | RegexFailure {
  try {
    if (syntax === 'awk') {
      const awk = new AwkReader([...pattern]);
      const re2 = awk.parse();
      return { ok: true, re2, groups: awk.groups };
    }
    const reader = new PosixReader([...pattern], SYNTAX_BITS[syntax]);
    const re2 = reader.parse();
    if (reader.usesBackref) return { ok: false, error: MSG.esubreg, unsupported: 'backreference' };
    if (reader.colonWarning) return { ok: false, error: 'character class syntax is [[:space:]], not [:space:]' };
    return { ok: true, re2, groups: reader.groupCount };
  } catch (error) {
    if (error instanceof PatternError) return error.unsupported ? { ok: false, error: error.text, unsupported: error.unsupported } : { ok: false, error: error.text };
    throw error;
  }
}

function syntaxOf(options: PosixRegexOptions): RegexSyntax {
  return options.syntax ?? (options.extended ? 'grep-extended' : 'grep-basic');
}

/**
 * Compiles one pattern as grep, sed or awk reads it. `{ ok: false, error }` carries the tool's
 * message without its `prog: ` prefix; `unsupported` says the real tool would run it but the
 * drill cannot.
 *
 *     const re = compilePosix('\\(error\\|warn\\)', { ignoreCase: true });
 *     if (re.ok) lines.filter((l) => re.test(l));
 */
export function compilePosix(pattern: string, options: PosixRegexOptions = {}): CompiledRegex {
  return compilePatternList([pattern], options);
}

/**
 * Compiles grep's pattern list (`-e A -e B`, or one pattern holding newlines, which grep splits):
 * a line matches if any pattern does. Each pattern is checked on its own, as grep does, and the
 * first error is returned; `errorsOf` gives every one, as grep prints them all.
 */
export function compilePatternList(patterns: readonly string[], options: PosixRegexOptions = {}): CompiledRegex {
  const errors = errorsOf(patterns, options);
  if (errors.length > 0) return errors[0]!;
  const syntax = syntaxOf(options);
  const parts: string[] = [];
  let groups = 0;
  for (const p of patterns) {
    if (options.fixed) {
      parts.push([...p].map(literal).join(''));
      continue;
    }
    const t = translatePosix(p, syntax);
    if (!t.ok) return t;
    parts.push(t.re2);
    groups += t.groups;
  }
  const re2 = parts.length === 1 ? parts[0]! : parts.map((p) => `(?:${p})`).join('|');
  const flags = options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0;
  return runnable(re2, flags, patterns.length === 1 ? groups : 0, options.line ? 'line' : options.word ? 'word' : 'plain', options.multiline);
}

/** Every pattern's error, in order, as grep reports them (one line each). */
export function errorsOf(patterns: readonly string[], options: PosixRegexOptions = {}): RegexFailure[] {
  if (options.fixed) return [];
  const syntax = syntaxOf(options);
  const errors: RegexFailure[] = [];
  for (const p of patterns) {
    const t = translatePosix(p, syntax);
    if (!t.ok) errors.push(t);
  }
  // A back-reference is run by the real tool: it only counts once every pattern is valid.
  const real = errors.filter((e) => !e.unsupported);
  return real.length > 0 ? real : errors;
}
