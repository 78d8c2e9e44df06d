/**
 * What the second audit found wrong on the network side, as the real tools print it: openssl
 * 1.1.1's `version`, iputils' ping to an internet address the world does not hold, netcat-openbsd's
 * `-U`. What the drill does not model is its own note, never a silent loss or a usage text.
 */
import { describe, expect, it } from 'vitest';
import { netOutput, typeNet } from './net-fixture';

describe('tools the drill does not fully model say so', () => {
  it('openssl version is Ubuntu 18.04.4\'s OpenSSL 1.1.1', () => {
    expect(netOutput('openssl version')).toBe('OpenSSL 1.1.1  11 Sep 2018');
  });

  it('openssl s_client and x509 are the drill\'s note, with no invented certificate', () => {
    const { steps } = typeNet(['openssl s_client -connect example.org:443 </dev/null 2>/dev/null | openssl x509 -noout -dates']);
    expect(steps[0]!.output).toEqual([]);
    expect(steps[0]!.notes.join(' ')).toMatch(/^Not simulated in this drill: openssl s_client/);
  });

  it('ping to an internet address no host holds prints ping\'s header and the drill\'s note, not 100% loss', () => {
    const { steps } = typeNet(['ping -c 2 93.184.216.99']);
    expect(steps[0]!.output).toEqual(['PING 93.184.216.99 (93.184.216.99) 56(84) bytes of data.']);
    expect(steps[0]!.notes).toEqual(['Not simulated in this drill: 93.184.216.99, an internet address no host of this drill holds; whether it answers is not modelled.']);
  });

  it('ping to an address inside the company that nobody holds is still a loss', () => {
    const { steps } = typeNet(['ping -c 1 -W 1 10.0.0.250']);
    expect(steps[0]!.notes).toEqual([]);
  });

  it('nc -U is the drill\'s note, not nc\'s usage text', () => {
    const { steps } = typeNet(['echo "show info" | nc -U /run/haproxy/admin.sock']);
    expect(steps[0]!.output).toEqual([]);
    expect(steps[0]!.notes).toEqual(['Not simulated in this drill: nc -U (talking to the UNIX-domain socket /run/haproxy/admin.sock).']);
  });
});
