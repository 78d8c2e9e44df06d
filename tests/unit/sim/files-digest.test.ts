/**
 * The pure MD5, SHA-1 and SHA-256 the checksum programs use, against Node's own (tests run in
 * Node; the simulation itself must not import node:crypto, as it runs in the browser too).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { md5, sha1, sha256 } from '../../../src/sim/programs/files/digest';

const node = (algorithm: string, text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');

describe('digests', () => {
  it('match the known vectors at block boundaries', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(65), 'x'.repeat(1000)]) {
      expect(md5(text)).toBe(node('md5', text));
      expect(sha1(text)).toBe(node('sha1', text));
      expect(sha256(text)).toBe(node('sha256', text));
    }
    expect(md5('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('match Node for any text, multi-byte characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(md5(text)).toBe(node('md5', text));
        expect(sha1(text)).toBe(node('sha1', text));
        expect(sha256(text)).toBe(node('sha256', text));
      }),
      { numRuns: 300 },
    );
  });
});
