import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newScan, scanLine, type ScanState } from '../../../src/sim/mysql/scan';
import { scanLine as referenceScanLine } from './mysql-scan-reference';

/** Lines made of what matters to the scanner: quotes, escapes, comments, delimiters, client commands. */
const line = fc.array(fc.oneof(fc.constantFrom("'", '"', '`', '\\', '\\\\', "\\'", '#', '-- ', '--', '/*', '*/', '/*!', ';', '//', '\\g', '\\G', '\\c', '\\q', 'DELIMITER //', 'use shop', ' ', 'a', 'é😀', 'SELECT 1', "VALUES (1,'x')"), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(''));

describe('the mysql client scanner', () => {
  it('cuts any lines into the same statements and commands as the character-by-character scanner', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.constantFrom(';', '//', '$$'), (lines, delimiter) => {
        let a: ScanState = { ...newScan(), delimiter };
        let b: ScanState = a;
        lines.forEach((text, i) => {
          const x = scanLine(a, text, i + 1);
          const y = referenceScanLine(b, text, i + 1);
          expect(x).toEqual(y);
          a = x.state;
          b = y.state;
        });
      }),
      { numRuns: 400 },
    );
  });
});
