/**
 * The network's realism corpus: commands typed on the fixture's hosts and the exact output Ubuntu
 * 18.04's tools print for that world (iputils-s20161105, BIND 9.11.3, iproute2 4.15, net-tools
 * 1.60+git20161116, command-not-found), written from the tools' sources. Measured values (round
 * trips) are patterns; everything else is exact.
 */
import { describe, it } from 'vitest';
import { netStart, typeNet } from './net-fixture';
import { expectLines, line, type ExpectedLine } from './net-expect';

interface Case {
  host?: string;
  /** Lines typed before, whose output is not checked. */
  before?: string[];
  command: string;
  output: ExpectedLine[];
}

const T = '\t';

export const corpus: Record<string, Case[]> = {
  ping: [
    {
      command: 'ping -c 3 9.9.9.9',
      output: ['PING 9.9.9.9 (9.9.9.9) 56(84) bytes of data.', line('64 bytes from 9.9.9.9: icmp_seq=1 ttl=58 time={MS} ms'), line('64 bytes from 9.9.9.9: icmp_seq=2 ttl=58 time={MS} ms'), line('64 bytes from 9.9.9.9: icmp_seq=3 ttl=58 time={MS} ms'), '', '--- 9.9.9.9 ping statistics ---', line('3 packets transmitted, 3 received, 0% packet loss, time 20{N}ms'), line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    {
      command: 'ping -c 2 shop-1',
      output: ['PING shop-1.crumb.lan (10.20.0.11) 56(84) bytes of data.', line('64 bytes from shop-1.crumb.lan (10.20.0.11): icmp_seq=1 ttl=61 time={MS} ms'), line('64 bytes from shop-1.crumb.lan (10.20.0.11): icmp_seq=2 ttl=61 time={MS} ms'), '', '--- shop-1.crumb.lan ping statistics ---', line('2 packets transmitted, 2 received, 0% packet loss, time 100{N}ms'), line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    {
      host: 'proxy',
      command: 'ping -c 1 shop-2',
      output: ['PING shop-2.crumb.lan (10.20.0.12) 56(84) bytes of data.', line('64 bytes from shop-2.crumb.lan (10.20.0.12): icmp_seq=1 ttl=64 time=0.{N} ms'), '', '--- shop-2.crumb.lan ping statistics ---', '1 packets transmitted, 1 received, 0% packet loss, time 0ms', line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    {
      host: 'shop1',
      command: 'ping -c 2 10.20.1.5',
      output: ['PING 10.20.1.5 (10.20.1.5) 56(84) bytes of data.', line('64 bytes from 10.20.1.5: icmp_seq=1 ttl=63 time=0.{N} ms'), line('64 bytes from 10.20.1.5: icmp_seq=2 ttl=63 time=0.{N} ms'), '', '--- 10.20.1.5 ping statistics ---', line('2 packets transmitted, 2 received, 0% packet loss, time 100{N}ms'), line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    {
      command: 'ping -c 2 www.crumb.example',
      output: ['PING crumb.example (203.0.113.7) 56(84) bytes of data.', line('64 bytes from 203.0.113.7: icmp_seq=1 ttl=61 time={MS} ms'), line('64 bytes from 203.0.113.7: icmp_seq=2 ttl=61 time={MS} ms'), '', '--- crumb.example ping statistics ---', line('2 packets transmitted, 2 received, 0% packet loss, time 100{N}ms'), line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    {
      command: 'ping -n -c 1 shop-1.crumb.lan',
      output: ['PING shop-1.crumb.lan (10.20.0.11) 56(84) bytes of data.', line('64 bytes from 10.20.0.11: icmp_seq=1 ttl=61 time={MS} ms'), '', '--- shop-1.crumb.lan ping statistics ---', '1 packets transmitted, 1 received, 0% packet loss, time 0ms', line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    {
      command: 'ping -q -c 4 example.org',
      output: ['PING example.org (93.184.216.34) 56(84) bytes of data.', '', '--- example.org ping statistics ---', line('4 packets transmitted, 4 received, 0% packet loss, time 30{N}ms'), line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    {
      command: 'ping -s 100 -c 1 9.9.9.9',
      output: ['PING 9.9.9.9 (9.9.9.9) 100(128) bytes of data.', line('108 bytes from 9.9.9.9: icmp_seq=1 ttl=58 time={MS} ms'), '', '--- 9.9.9.9 ping statistics ---', '1 packets transmitted, 1 received, 0% packet loss, time 0ms', line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    {
      command: 'ping localhost',
      output: ['PING localhost (127.0.0.1) 56(84) bytes of data.', ...[1, 2, 3, 4].map((n) => line(`64 bytes from localhost (127.0.0.1): icmp_seq=${n} ttl=64 time=0.0{N} ms`)), '^C', '--- localhost ping statistics ---', line('4 packets transmitted, 4 received, 0% packet loss, time 3{N}ms'), line('rtt min/avg/max/mdev = {RTT} ms')],
    },
    { command: 'ping nosuch', output: ['ping: nosuch: Name or service not known'] },
    { command: 'ping -c 0 9.9.9.9', output: ['ping: bad number of packets to transmit.'] },
    { command: 'ping -i 0.1 9.9.9.9', output: ['ping: cannot flood; minimal interval allowed for user is 200ms'] },
    { command: 'ping -c', output: ["ping: option requires an argument -- 'c'", ...usagePing()] },
    { command: 'ping -Z 9.9.9.9', output: ["ping: invalid option -- 'Z'", ...usagePing()] },
    { command: 'ping', output: usagePing() },
    { command: 'ping -V', output: ['ping utility, iputils-s20161105'] },
    {
      host: 'store',
      command: 'ping -c 2 9.9.9.9',
      output: ['PING 9.9.9.9 (9.9.9.9) 56(84) bytes of data.', '', '--- 9.9.9.9 ping statistics ---', line('2 packets transmitted, 0 received, 100% packet loss, time 10{N}ms'), ''],
    },
    {
      host: 'shop1',
      command: 'ping -c 3 10.20.0.99',
      output: ['PING 10.20.0.99 (10.20.0.99) 56(84) bytes of data.', 'From 10.20.0.11 icmp_seq=1 Destination Host Unreachable', 'From 10.20.0.11 icmp_seq=2 Destination Host Unreachable', 'From 10.20.0.11 icmp_seq=3 Destination Host Unreachable', '', '--- 10.20.0.99 ping statistics ---', line('3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 20{N}ms'), 'pipe 3'],
    },
  ],
  dig: [
    {
      command: 'dig crumb.example',
      output: ['', '; <<>> DiG 9.11.3-1ubuntu1.11-Ubuntu <<>> crumb.example', ';; global options: +cmd', ';; Got answer:', line(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: {N}'), ';; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1', '', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 65494', ';; QUESTION SECTION:', `;crumb.example.${T}${T}${T}IN${T}A`, '', ';; ANSWER SECTION:', `crumb.example.${T}${T}300${T}IN${T}A${T}203.0.113.7`, '', line(';; Query time: {N} msec'), ';; SERVER: 127.0.0.53#53(127.0.0.53)', ';; WHEN: Tue Mar 02 14:05:00 UTC 2021', ';; MSG SIZE  rcvd: 58', ''],
    },
    {
      command: 'dig www.crumb.example',
      output: ['', '; <<>> DiG 9.11.3-1ubuntu1.11-Ubuntu <<>> www.crumb.example', ';; global options: +cmd', ';; Got answer:', line(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: {N}'), ';; flags: qr rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1', '', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 65494', ';; QUESTION SECTION:', `;www.crumb.example.${T}${T}IN${T}A`, '', ';; ANSWER SECTION:', `www.crumb.example.${T}300${T}IN${T}CNAME${T}crumb.example.`, `crumb.example.${T}${T}300${T}IN${T}A${T}203.0.113.7`, '', line(';; Query time: {N} msec'), ';; SERVER: 127.0.0.53#53(127.0.0.53)', ';; WHEN: Tue Mar 02 14:05:00 UTC 2021', ';; MSG SIZE  rcvd: 76', ''],
    },
    { command: 'dig +short shop.crumb.example', output: ['www.crumb.example.', 'crumb.example.', '203.0.113.7'] },
    { command: 'dig +short crumb.example MX', output: ['10 mail.crumb.example.'] },
    { command: 'dig +short TXT crumb.example', output: ['"v=spf1 mx -all"'] },
    { command: 'dig +short -x 10.20.0.12', output: ['shop-2.crumb.lan.'] },
    { command: 'dig +short nosuch.crumb.example', output: [] },
    { command: 'dig +noall +answer db.crumb.lan', output: [`db.crumb.lan.${T}${T}300${T}IN${T}CNAME${T}store-db.crumb.lan.`, `store-db.crumb.lan.${T}300${T}IN${T}A${T}10.20.1.5`] },
    { command: 'dig -x 10.20.0.11 +noall +answer', output: [`11.0.20.10.in-addr.arpa. 300${T}IN${T}PTR${T}shop-1.crumb.lan.`] },
    {
      command: 'dig @9.9.9.9 nosuch.crumb.example',
      output: ['', '; <<>> DiG 9.11.3-1ubuntu1.11-Ubuntu <<>> @9.9.9.9 nosuch.crumb.example', '; (1 server found)', ';; global options: +cmd', ';; Got answer:', line(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: {N}'), ';; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1', '', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 512', ';; QUESTION SECTION:', `;nosuch.crumb.example.${T}${T}IN${T}A`, '', ';; AUTHORITY SECTION:', `crumb.example.${T}${T}300${T}IN${T}SOA${T}ns1.crumb.example. hostmaster.crumb.example. 2021030201 3600 600 1209600 300`, '', line(';; Query time: {N} msec'), ';; SERVER: 9.9.9.9#53(9.9.9.9)', ';; WHEN: Tue Mar 02 14:05:00 UTC 2021', ';; MSG SIZE  rcvd: 100', ''],
    },
    { command: 'dig @9.9.9.9 shop-1.crumb.lan +short', output: [] },
    { command: 'dig @10.9.9.9 crumb.example', output: ['', '; <<>> DiG 9.11.3-1ubuntu1.11-Ubuntu <<>> @10.9.9.9 crumb.example', '; (1 server found)', ';; global options: +cmd', ';; connection timed out; no servers could be reached'] },
    { command: 'dig @nosuch crumb.example', output: ["dig: couldn't get address for 'nosuch': not found"] },
    { command: 'dig +frobnicate crumb.example', output: ['Invalid option: +frobnicate', 'Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}', '            {global-d-opt} host [@local-server] {local-d-opt}', '            [ host [@local-server] {local-d-opt} [...]]', '', 'Use "dig -h" (or "dig -h | more") for complete list of options'] },
    { command: 'dig -v', output: ['DiG 9.11.3-1ubuntu1.11-Ubuntu'] },
  ],
  host: [
    { command: 'host shop-1', output: ['shop-1.crumb.lan has address 10.20.0.11'] },
    { command: 'host www.crumb.example', output: ['www.crumb.example is an alias for crumb.example.', 'crumb.example has address 203.0.113.7', 'crumb.example mail is handled by 10 mail.crumb.example.'] },
    { command: 'host 10.20.0.12', output: ['12.0.20.10.in-addr.arpa domain name pointer shop-2.crumb.lan.'] },
    { command: 'host 10.20.0.77', output: ['Host 77.0.20.10.in-addr.arpa. not found: 3(NXDOMAIN)'] },
    { command: 'host nosuch', output: ['Host nosuch not found: 3(NXDOMAIN)'] },
    { command: 'host -t MX crumb.example', output: ['crumb.example mail is handled by 10 mail.crumb.example.'] },
    { command: 'host -t MX shop-1', output: ['shop-1.crumb.lan has no MX record'] },
    { command: 'host example.org 9.9.9.9', output: ['Using domain server:', 'Name: 9.9.9.9', 'Address: 9.9.9.9#53', 'Aliases: ', '', 'example.org has address 93.184.216.34'] },
  ],
  nslookup: [
    { command: 'nslookup shop-1', output: [`Server:${T}${T}127.0.0.53`, `Address:${T}127.0.0.53#53`, '', 'Non-authoritative answer:', `Name:${T}shop-1.crumb.lan`, 'Address: 10.20.0.11', ''] },
    { command: 'nslookup www.crumb.example', output: [`Server:${T}${T}127.0.0.53`, `Address:${T}127.0.0.53#53`, '', 'Non-authoritative answer:', `www.crumb.example${T}canonical name = crumb.example.`, `Name:${T}crumb.example`, 'Address: 203.0.113.7', ''] },
    { command: 'nslookup 9.9.9.9', output: [`9.9.9.9.in-addr.arpa${T}name = dns9.quad9.net.`, '', 'Authoritative answers can be found from:', ''] },
    { command: 'nslookup nosuch', output: [`Server:${T}${T}127.0.0.53`, `Address:${T}127.0.0.53#53`, '', "** server can't find nosuch: NXDOMAIN", ''] },
    { command: 'nslookup -type=mx crumb.example', output: [`Server:${T}${T}127.0.0.53`, `Address:${T}127.0.0.53#53`, '', 'Non-authoritative answer:', `crumb.example${T}mail exchanger = 10 mail.crumb.example.`, '', 'Authoritative answers can be found from:', ''] },
    { command: 'nslookup example.org 9.9.9.9', output: [`Server:${T}${T}9.9.9.9`, `Address:${T}9.9.9.9#53`, '', 'Non-authoritative answer:', `Name:${T}example.org`, 'Address: 93.184.216.34', ''] },
  ],
  ip: [
    {
      host: 'shop1',
      command: 'ip a',
      output: [
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '    inet 127.0.0.1/8 scope host lo',
        '       valid_lft forever preferred_lft forever',
        '    inet6 ::1/128 scope host ',
        '       valid_lft forever preferred_lft forever',
        '2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
        '    link/ether 52:54:00:3b:0b:11 brd ff:ff:ff:ff:ff:ff',
        '    inet 10.20.0.11/24 brd 10.20.0.255 scope global ens3',
        '       valid_lft forever preferred_lft forever',
        '    inet6 fe80::5054:ff:fe3b:b11/64 scope link ',
        '       valid_lft forever preferred_lft forever',
      ],
    },
    {
      command: 'ip addr show wlan0',
      output: ['2: wlan0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000', '    link/ether a4:c3:f0:2e:91:07 brd ff:ff:ff:ff:ff:ff', '    inet 192.168.0.23/24 brd 192.168.0.255 scope global dynamic wlan0', line('       valid_lft {N}sec preferred_lft {N}sec'), '    inet6 fe80::a6c3:f0ff:fe2e:9107/64 scope link ', '       valid_lft forever preferred_lft forever'],
    },
    { command: 'ip address show dev tun0', output: ['3: tun0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UNKNOWN group default qlen 100', '    link/none ', '    inet 10.99.0.6/24 brd 10.99.0.255 scope global tun0', '       valid_lft forever preferred_lft forever', /^ {4}inet6 fe80::[0-9a-f:]+\/64 scope link stable-privacy $/, '       valid_lft forever preferred_lft forever'] },
    { host: 'shop1', command: 'ip -4 addr', output: ['1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000', '    inet 127.0.0.1/8 scope host lo', '       valid_lft forever preferred_lft forever', '2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000', '    inet 10.20.0.11/24 brd 10.20.0.255 scope global ens3', '       valid_lft forever preferred_lft forever'] },
    { host: 'shop1', command: 'ip -br a', output: ['lo               UNKNOWN        127.0.0.1/8 ::1/128 ', 'ens3             UP             10.20.0.11/24 fe80::5054:ff:fe3b:b11/64 '] },
    { host: 'shop1', command: 'ip -br link', output: ['lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> ', 'ens3             UP             52:54:00:3b:0b:11 <BROADCAST,MULTICAST,UP,LOWER_UP> '] },
    { host: 'shop1', command: 'ip link show', output: ['1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000', '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', '2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000', '    link/ether 52:54:00:3b:0b:11 brd ff:ff:ff:ff:ff:ff'] },
    { host: 'shop1', command: 'ip route', output: ['default via 10.20.0.1 dev ens3 proto static ', '10.20.0.0/24 dev ens3 proto kernel scope link src 10.20.0.11 '] },
    { command: 'ip r', output: ['default via 192.168.0.1 dev wlan0 proto dhcp metric 600 ', '10.20.0.0/16 via 10.99.0.1 dev tun0 ', '10.99.0.0/24 dev tun0 proto kernel scope link src 10.99.0.6 ', '192.168.0.0/24 dev wlan0 proto kernel scope link src 192.168.0.23 metric 600 ', '203.0.113.7 via 10.99.0.1 dev tun0 '] },
    { host: 'shop1', command: 'ip route get 9.9.9.9', output: ['9.9.9.9 via 10.20.0.1 dev ens3 src 10.20.0.11 uid 1000 ', '    cache '] },
    { command: 'ip route get 10.20.1.5', output: ['10.20.1.5 via 10.99.0.1 dev tun0 src 10.99.0.6 uid 1000 ', '    cache '] },
    { host: 'shop1', command: 'ip route get 10.20.0.12', output: ['10.20.0.12 dev ens3 src 10.20.0.11 uid 1000 ', '    cache '] },
    { host: 'shop1', command: 'ip addr show eth0', output: ['Device "eth0" does not exist.'] },
    { host: 'shop1', command: 'ip frob', output: ['Object "frob" is unknown, try "ip help".'] },
    { host: 'shop1', command: 'ip -z a', output: ['Option "-z" is unknown, try "ip -help".'] },
    { host: 'shop1', command: 'ip route add 10.30.0.0/16 via 10.20.0.1', output: ['RTNETLINK answers: Operation not permitted'] },
    { host: 'shop1', command: 'ip -V', output: ['ip utility, iproute2-ss180129'] },
  ],
  ifconfig: [
    {
      host: 'store',
      command: 'ifconfig ens3',
      output: ['ens3: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500', '        inet 10.20.1.5  netmask 255.255.255.0  broadcast 10.20.1.255', '        inet6 fe80::5054:ff:fe3b:105  prefixlen 64  scopeid 0x20<link>', '        ether 52:54:00:3b:01:05  txqueuelen 1000  (Ethernet)', /^ {8}RX packets \d+ {2}bytes \d+ \(\d+\.\d [KMGT]?B\)$/, '        RX errors 0  dropped 0  overruns 0  frame 0', /^ {8}TX packets \d+ {2}bytes \d+ \(\d+\.\d [KMGT]?B\)$/, '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0', ''],
    },
    {
      host: 'store',
      command: 'ifconfig lo',
      output: ['lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536', '        inet 127.0.0.1  netmask 255.0.0.0', '        inet6 ::1  prefixlen 128  scopeid 0x10<host>', '        loop  txqueuelen 1000  (Local Loopback)', /^ {8}RX packets \d+ {2}bytes \d+ \(\d+\.\d [KMGT]?B\)$/, '        RX errors 0  dropped 0  overruns 0  frame 0', /^ {8}TX packets \d+ {2}bytes \d+ \(\d+\.\d [KMGT]?B\)$/, '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0', ''],
    },
    { host: 'store', command: 'ifconfig eth0', output: ['eth0: error fetching interface information: Device not found'] },
    { host: 'shop1', command: 'ifconfig', output: ['', "Command 'ifconfig' not found, but can be installed with:", '', 'sudo apt install net-tools', ''] },
    { host: 'shop1', before: ['sudo -i'], command: 'ifconfig -a', output: ['', "Command 'ifconfig' not found, but can be installed with:", '', 'apt install net-tools', ''] },
  ],
  tracepath: [
    { command: 'tracepath shop-1', output: [' 1?: [LOCALHOST]                      pmtu 1500', hop(1, '10.99.0.1'), hop(1, '10.99.0.1'), ' 2:  no reply', hop(3, '10.20.0.1'), hop(4, 'shop-1.crumb.lan', 'reached'), '     Resume: pmtu 1500 hops 4 back 4 '] },
    { host: 'shop1', command: 'tracepath -n 10.20.1.5', output: [' 1?: [LOCALHOST]                      pmtu 1500', hop(1, '10.20.0.1'), hop(1, '10.20.0.1'), hop(2, '10.20.1.5', 'reached'), '     Resume: pmtu 1500 hops 2 back 2 '] },
    { host: 'shop1', command: 'tracepath store-db', output: [' 1?: [LOCALHOST]                      pmtu 1500', hop(1, '_gateway'), hop(1, '_gateway'), hop(2, 'store-db.crumb.lan', 'reached'), '     Resume: pmtu 1500 hops 2 back 2 '] },
    { host: 'shop1', command: 'tracepath -b shop-2', output: [' 1?: [LOCALHOST]                      pmtu 1500', hop(1, 'shop-2.crumb.lan (10.20.0.12)', 'reached'), '     Resume: pmtu 1500 hops 1 back 1 '] },
    { command: 'tracepath 9.9.9.9', output: [' 1?: [LOCALHOST]                      pmtu 1500', hop(1, '_gateway'), hop(1, '_gateway'), ...[2, 3, 4, 5, 6].map((n) => ` ${n}:  no reply`), hop(7, 'dns9.quad9.net', 'reached'), '     Resume: pmtu 1500 hops 7 back 7 '] },
    { command: 'tracepath nosuch', output: ['tracepath: nosuch: Name or service not known'] },
    { command: 'tracepath', output: ['Usage: tracepath [-n] [-b] [-l <len>] [-p port] <destination>'] },
  ],
  traceroute: [
    {
      command: 'traceroute shop-1',
      output: ['traceroute to shop-1 (10.20.0.11), 30 hops max, 60 byte packets', /^ 1 {2}10\.99\.0\.1 \(10\.99\.0\.1\)( {2}\d+\.\d{3} ms){3}$/, ' 2  * * *', /^ 3 {2}10\.20\.0\.1 \(10\.20\.0\.1\)( {2}\d+\.\d{3} ms){3}$/, /^ 4 {2}shop-1\.crumb\.lan \(10\.20\.0\.11\)( {2}\d+\.\d{3} ms){3}$/],
    },
    { command: 'traceroute -n -q 1 shop-1', output: ['traceroute to shop-1 (10.20.0.11), 30 hops max, 60 byte packets', /^ 1 {2}10\.99\.0\.1 {2}\d+\.\d{3} ms$/, ' 2  *', /^ 3 {2}10\.20\.0\.1 {2}\d+\.\d{3} ms$/, /^ 4 {2}10\.20\.0\.11 {2}\d+\.\d{3} ms$/] },
    { host: 'shop1', command: 'traceroute 9.9.9.9', output: ['', "Command 'traceroute' not found, but can be installed with:", '', 'sudo apt install inetutils-traceroute', 'sudo apt install traceroute          ', ''] },
  ],
};

/** A tracepath hop line: the host in a 52-column field, `%3d.%03dms `, and what happened. */
function hop(ttl: number, host: string, end = ''): RegExp {
  return line(`${String(ttl).padStart(2)}:  ${host.padEnd(52)}{MS3}ms ${end}`);
}

function usagePing(): string[] {
  const nl = '           ';
  return [
    'Usage: ping [-aAbBdDfhLnOqrRUvV64] [-c count] [-i interval] [-I interface]',
    `${nl} [-m mark] [-M pmtudisc_option] [-l preload] [-p pattern] [-Q tos]`,
    `${nl} [-s packetsize] [-S sndbuf] [-t ttl] [-T timestamp_option]`,
    `${nl} [-w deadline] [-W timeout] [hop1 ...] destination`,
    'Usage: ping -6 [-aAbBdDfhLnOqrRUvV] [-c count] [-i interval] [-I interface]',
    `${nl} [-l preload] [-m mark] [-M pmtudisc_option]`,
    `${nl} [-N nodeinfo_option] [-p pattern] [-Q tclass] [-s packetsize]`,
    `${nl} [-S sndbuf] [-t ttl] [-T timestamp_option] [-w deadline]`,
    `${nl} [-W timeout] destination`,
  ];
}

describe('the network answers as Ubuntu 18.04 does', () => {
  for (const [tool, cases] of Object.entries(corpus)) {
    describe(tool, () => {
      for (const c of cases) {
        it(`${c.host ?? 'desk'}$ ${c.command}`, () => {
          const { steps } = typeNet([...(c.before ?? []), c.command], netStart(c.host ?? 'desk'));
          expectLines(steps[steps.length - 1]!.output, c.output);
        });
      }
    });
  }
});
