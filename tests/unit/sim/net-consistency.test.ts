/**
 * The network agrees with itself: what one tool says another confirms (names, addresses, hops,
 * ports, logs), and counts asked for are counts printed.
 */
import { describe, expect, it } from 'vitest';
import { netConfig, netOutput, netStart, typeNet } from './net-fixture';

describe('ping', () => {
  it('prints exactly N replies for -c N', () => {
    for (let n = 1; n <= 7; n += 1) {
      const out = netOutput(`ping -c ${n} 9.9.9.9`).split('\n');
      expect(out.filter((l) => l.startsWith('64 bytes from')).length).toBe(n);
      expect(out).toContain(`--- 9.9.9.9 ping statistics ---`);
      expect(out.find((l) => l.includes('packets transmitted'))).toMatch(new RegExp(`^${n} packets transmitted, ${n} received, 0% packet loss`));
    }
  });

  it('numbers its replies from 1 and spaces them by the interval', () => {
    const out = netOutput('ping -c 5 -i 2 shop-1').split('\n');
    expect(out.filter((l) => l.startsWith('64 bytes')).map((l) => /icmp_seq=(\d+)/.exec(l)![1])).toEqual(['1', '2', '3', '4', '5']);
    const time = Number(/time (\d+)ms/.exec(out.find((l) => l.includes('transmitted'))!)![1]);
    expect(time).toBeGreaterThanOrEqual(8000);
    expect(time).toBeLessThan(8100);
  });

  it('never says "unknown host" for an address, whatever answers', () => {
    for (const address of ['10.20.0.11', '10.20.0.250', '203.0.113.200', '192.0.2.1', '127.0.0.1']) {
      const out = netOutput(`ping -c 1 ${address}`);
      expect(out).not.toMatch(/unknown host|not known/);
      expect(out.split('\n')[0]).toBe(`PING ${address} (${address}) 56(84) bytes of data.`);
    }
  });

  it('is answered with the TTL that tracepath counts hops for', () => {
    for (const [host, target] of [['desk', 'shop-1'], ['shop1', 'store-db'], ['shop1', 'shop-2'], ['desk', '9.9.9.9'], ['proxy', 'example.org']] as const) {
      const ttl = Number(/ttl=(\d+)/.exec(netOutput(`ping -c 1 ${target}`, host))![1]);
      const resume = netOutput(`tracepath ${target}`, host).split('\n').find((l) => l.includes('Resume'))!;
      const hops = Number(/hops (\d+)/.exec(resume)![1]);
      const initial = ttl <= 64 ? 64 : 128;
      expect(hops, `${host} → ${target}`).toBe(initial - ttl + 1);
    }
  });

  it('gives the same replies for the same run, and new ones for the next ping', () => {
    const a = netOutput('ping -c 3 example.org');
    expect(netOutput('ping -c 3 example.org')).toBe(a);
    const { steps } = typeNet(['ping -c 3 example.org', 'ping -c 3 example.org']);
    expect(steps[1]!.output.join('\n')).not.toBe(steps[0]!.output.join('\n'));
  });
});

describe('names', () => {
  it('resolve to the same address in dig, host, nslookup and ping', () => {
    for (const [host, name] of [['desk', 'www.crumb.example'], ['desk', 'shop-2.crumb.lan'], ['shop1', 'db.crumb.lan'], ['proxy', 'example.org']] as const) {
      const dig = netOutput(`dig +short ${name}`, host).split('\n').pop();
      const hostAddress = /has address (\S+)/.exec(netOutput(`host ${name}`, host))![1];
      const ns = netOutput(`nslookup ${name}`, host).split('\n').filter((l) => l.startsWith('Address: ')).pop()!.slice(9);
      const ping = /\((\d+\.\d+\.\d+\.\d+)\)/.exec(netOutput(`ping -c 1 ${name}`, host))![1];
      expect([hostAddress, ns, ping], name).toEqual([dig, dig, dig]);
    }
  });

  it('are read from this host\'s /etc/hosts by ping but not by dig', () => {
    const { steps } = typeNet(['sudo -i', "echo '10.20.0.12 cart' >> /etc/hosts", 'ping -c 1 cart', 'dig +short cart', 'exit', 'ssh shop-1', 'ping -c 1 cart']);
    expect(steps[2]!.output[0]).toBe('PING cart (10.20.0.12) 56(84) bytes of data.');
    expect(steps[3]!.output).toEqual([]);
    expect(steps[6]!.output).toEqual(['ping: cart: Name or service not known']);
  });

  it('inside the company are not known to resolvers on the internet', () => {
    expect(netOutput('dig +short shop-1.crumb.lan')).toBe('10.20.0.11');
    expect(netOutput('dig +short @9.9.9.9 shop-1.crumb.lan')).toBe('');
    expect(netOutput('dig +short @9.9.9.9 crumb.example')).toBe('203.0.113.7');
  });

  it('are written to /etc/resolv.conf with the host\'s search domain', () => {
    const files = netStart().hosts.desk!.files;
    expect(files['/etc/resolv.conf']).toMatchObject({ kind: 'link', target: '../run/systemd/resolve/stub-resolv.conf' });
    expect(files['/run/systemd/resolve/stub-resolv.conf']!.content!.split('\n').slice(-4)).toEqual(['nameserver 127.0.0.53', 'options edns0', 'search crumb.lan', '']);
    expect(files['/etc/hosts']!.content!.split('\n').slice(0, 2)).toEqual(['127.0.0.1\tlocalhost', '127.0.1.1\tdesk']);
  });
});

describe('links', () => {
  it('are the same in ip and ifconfig', () => {
    const ipText = netOutput('ip a', 'store');
    const ifText = netOutput('ifconfig', 'store');
    for (const [, address] of ipText.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)) expect(ifText).toContain(`inet ${address}  netmask`);
    for (const [, mac] of ipText.matchAll(/link\/ether (\S+)/g)) expect(ifText).toContain(`ether ${mac}  txqueuelen`);
    for (const [, v6] of ipText.matchAll(/inet6 ([0-9a-f:]+)\//g)) expect(ifText).toContain(`inet6 ${v6}  prefixlen`);
  });

  it('give ip route get the same way out as the first hop of tracepath', () => {
    for (const [host, target] of [['desk', '10.20.0.11'], ['shop1', '10.20.1.5'], ['desk', '9.9.9.9']] as const) {
      const via = /via (\S+)/.exec(netOutput(`ip route get ${target}`, host))![1];
      const first = netOutput(`tracepath -n ${target}`, host).split('\n')[1]!;
      expect(first.slice(5).trim().split(/\s+/)[0]).toBe(via);
    }
  });

  it('count traffic that only grows as time passes', async () => {
    const { advanceTo } = await import('../../../src/sim/terminal');
    const rx = (text: string) => Number(/RX packets (\d+)/.exec(text)![1]);
    const world = netStart('store');
    const before = rx(typeNet(['ifconfig ens3'], world).steps[0]!.output.join('\n'));
    const later = advanceTo(netConfig, world, world.clock + 600);
    expect(rx(typeNet(['ifconfig ens3'], later).steps[0]!.output.join('\n'))).toBeGreaterThan(before);
  });
});

describe('ssh', () => {
  it('is seen coming from the address the route to the server leaves by (the VPN tunnel\'s)', () => {
    const { steps } = typeNet(['ssh shop-1', 'who', 'sudo journalctl -u ssh -n 3 --no-pager']);
    expect(steps[0]!.output.at(-1)).toMatch(/^Last login: .* from 10\.99\.0\.6$/);
    expect(steps[1]!.output.join('\n')).toMatch(/maya +pts\/0 .*\(10\.99\.0\.6\)/);
    expect(steps[2]!.output.join('\n')).toMatch(/Accepted publickey for maya from 10\.99\.0\.6 port \d+ ssh2/);
  });
});
