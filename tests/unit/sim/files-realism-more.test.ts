/**
 * Realism corpus, second part: gzip 1.6, tar 1.29, file 5.32, the checksum and name programs,
 * tee and OpenSSH 7.6's scp, on the same fixture as files-realism.test.ts (kim on desk, in
 * /home/kim, 09:30 on Tue 14 Jun 2022). Digests are the real ones of the fixture's bytes.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { run } from './files-fixture';

interface Case {
  given?: string[];
  line: string;
  out: string | RegExp;
}

const REPORT = 'rain at noon\nwind 12 km/h\nsunny later\n';
const md5 = createHash('md5').update(REPORT).digest('hex');
const sha256 = createHash('sha256').update(REPORT).digest('hex');

const cases: Case[] = [
  // gzip, gunzip, zcat
  { given: ['gzip report.txt'], line: 'ls | cat', out: 'data\nempty.txt\nlatest\nmy notes.txt\nold.log.gz\nreport.txt.gz\nrun.sh' },
  { given: ['gzip -k report.txt'], line: 'ls report.txt*', out: 'report.txt  report.txt.gz' },
  { given: ['gzip report.txt'], line: 'ls -l report.txt.gz', out: /^-rw-r--r-- 1 kim kim \d+ Jun 14 08:15 report\.txt\.gz$/ },
  { line: 'gzip -c report.txt | gunzip', out: 'rain at noon\nwind 12 km/h\nsunny later' },
  { line: 'zcat old.log.gz', out: '2022-06-01 ok\n2022-06-02 ok\n2022-06-03 late' },
  { line: 'zcat old.log', out: '2022-06-01 ok\n2022-06-02 ok\n2022-06-03 late' },
  { given: ['gunzip old.log.gz'], line: 'ls -l old.log', out: '-rw-r--r-- 1 kim kim 44 Jun  4 00:00 old.log' },
  { line: 'gzip nothere', out: 'gzip: nothere: No such file or directory' },
  { line: 'gzip data', out: 'gzip: data is a directory -- ignored' },
  { line: 'gzip old.log.gz', out: 'gzip: old.log.gz already has .gz suffix -- unchanged' },
  { line: 'gunzip report.txt', out: 'gzip: report.txt: unknown suffix -- ignored' },
  { line: 'zcat report.txt', out: 'gzip: report.txt: not in gzip format' },
  { line: 'gunzip nothere', out: 'gzip: nothere.gz: No such file or directory' },
  { line: 'gzip', out: 'gzip: compressed data not written to a terminal. Use -f to force compression.\nFor help, type: gzip -h' },
  { line: 'echo hi | gzip | zcat', out: 'hi' },
  { given: ['cat report.txt | gzip > r.gz'], line: 'zcat r.gz', out: 'rain at noon\nwind 12 km/h\nsunny later' },
  { given: ['gzip -c report.txt > copy.gz'], line: 'gunzip -c copy.gz', out: 'rain at noon\nwind 12 km/h\nsunny later' },
  { line: 'cat old.log.gz | gunzip', out: '2022-06-01 ok\n2022-06-02 ok\n2022-06-03 late' },
  { line: 'gzip -t old.log.gz; echo $?', out: '0' },
  { line: 'gzip -tv old.log.gz', out: 'old.log.gz:\t OK' },
  { given: ['touch report.txt.gz'], line: 'gzip report.txt', out: 'gzip: report.txt.gz already exists; do you wish to overwrite (y or n)? \n\tnot overwritten' },
  { line: 'gzip -l old.log.gz', out: /^ {9}compressed {8}uncompressed {2}ratio uncompressed_name\n +\d+ {18}44 +-?\d+\.\d% old\.log$/ },
  { line: 'gzip /etc/hostname', out: 'gzip: /etc/hostname.gz: Permission denied' },
  { line: 'gzip -zq report.txt', out: "gzip: invalid option -- 'z'\nTry `gzip --help' for more information." },
  // file
  { line: 'file report.txt run.sh data latest empty.txt', out: 'report.txt: ASCII text\nrun.sh:     Bourne-Again shell script, ASCII text executable\ndata:       directory\nlatest:     symbolic link to report.txt\nempty.txt:  empty' },
  { line: 'file old.log.gz', out: 'old.log.gz: gzip compressed data, was "old.log", last modified: Sat Jun  4 00:00:00 2022, from Unix' },
  { line: 'file -z old.log.gz', out: 'old.log.gz: ASCII text (gzip compressed data, was "old.log", last modified: Sat Jun  4 00:00:00 2022, from Unix)' },
  { line: 'file -b report.txt', out: 'ASCII text' },
  { line: 'file -i report.txt', out: 'report.txt: text/plain; charset=us-ascii' },
  { line: 'file -L latest', out: 'latest: ASCII text' },
  { line: 'file nothere', out: "nothere: cannot open `nothere' (No such file or directory)" },
  { line: 'file /opt/vault/key', out: "/opt/vault/key: cannot open `/opt/vault/key' (Permission denied)" },
  { line: "file 'my notes.txt' data/temps.csv", out: 'my notes.txt:   ASCII text\ndata/temps.csv: ASCII text' },
  { given: ['ssh web-7'], line: 'file /srv/app/config.yml /var/www/html/index.html /var/lib/app/cache.db', out: '/srv/app/config.yml:      regular file, no read permission\n/var/www/html/index.html: HTML document, ASCII text\n/var/lib/app/cache.db:    data' },
  { line: 'file', out: 'Usage: file [-bcEhikLlNnprsvzZ0] [--apparent-type] [--mime-type] [-e testname] [-F separator] [-f namefile] [-m magicfiles] file ...\n       file -C [-m magicfiles]\n       file [--help]' },
  { given: ['tar -czf /tmp/d.tgz data'], line: 'file /tmp/d.tgz', out: /^\/tmp\/d\.tgz: gzip compressed data, last modified: Tue Jun 14 09:30:00 2022, from Unix$/ },
  // checksums
  { line: 'md5sum report.txt', out: `${md5}  report.txt` },
  { line: 'sha256sum report.txt', out: `${sha256}  report.txt` },
  { line: 'md5sum --tag report.txt', out: `MD5 (report.txt) = ${md5}` },
  { line: 'cat report.txt | md5sum', out: `${md5}  -` },
  { line: 'echo -n | md5sum', out: 'd41d8cd98f00b204e9800998ecf8427e  -' },
  { line: 'md5sum nothere', out: 'md5sum: nothere: No such file or directory' },
  { line: 'md5sum data', out: 'md5sum: data: Is a directory' },
  { given: ['sha256sum report.txt run.sh > sums'], line: 'sha256sum -c sums', out: 'report.txt: OK\nrun.sh: OK' },
  { given: ['md5sum report.txt > sums', 'echo changed > report.txt'], line: 'md5sum -c sums', out: 'report.txt: FAILED\nmd5sum: WARNING: 1 computed checksum did NOT match' },
  { line: "echo 'x  report.txt' | md5sum -c", out: 'md5sum: standard input: no properly formatted MD5 checksum lines found' },
  // names
  { line: 'readlink latest', out: 'report.txt' },
  { line: 'readlink report.txt; echo $?', out: '1' },
  { line: 'readlink -f latest', out: '/home/kim/report.txt' },
  { line: 'readlink -f nothere/x; echo $?', out: '1' },
  { line: 'readlink -m nothere/x', out: '/home/kim/nothere/x' },
  { line: 'readlink -f data/../run.sh', out: '/home/kim/run.sh' },
  { line: 'realpath data/../latest', out: '/home/kim/report.txt' },
  { line: 'realpath nothere/x', out: 'realpath: nothere/x: No such file or directory' },
  { line: 'realpath -s latest', out: '/home/kim/latest' },
  { line: 'realpath .', out: '/home/kim' },
  { line: 'basename /var/log/nginx/access.log', out: 'access.log' },
  { line: 'basename /a/b.txt .txt', out: 'b' },
  { line: 'basename .txt .txt', out: '.txt' },
  { line: 'basename -a /a/x /b/y/', out: 'x\ny' },
  { line: 'basename -s .csv data/temps.csv', out: 'temps' },
  { line: 'basename /', out: '/' },
  { line: 'basename', out: "basename: missing operand\nTry 'basename --help' for more information." },
  { line: 'basename a b c', out: "basename: extra operand ‘c’\nTry 'basename --help' for more information." },
  { line: 'dirname /var/log/nginx/access.log', out: '/var/log/nginx' },
  { line: 'dirname report.txt', out: '.' },
  { line: 'dirname /', out: '/' },
  { line: 'dirname a/b/', out: 'a' },
  { line: 'dirname /etc', out: '/' },
  { line: 'dirname', out: "dirname: missing operand\nTry 'dirname --help' for more information." },
  // tee
  { line: 'echo hi | tee t.txt', out: 'hi' },
  { given: ['echo hi | tee t.txt'], line: 'cat t.txt', out: 'hi' },
  { given: ['echo more | tee -a report.txt > /dev/null'], line: 'cat report.txt', out: 'rain at noon\nwind 12 km/h\nsunny later\nmore' },
  // Writes go where a link leads: into the directory it names, or to the file a link to nothing names.
  { given: ['ln -s data/2021 old', 'echo hi | tee old/new.txt > /dev/null'], line: 'ls data/2021; cat old/new.txt', out: 'new.txt  temps.csv\nhi' },
  { given: ['ln -s data/2021 old', 'echo hi > old/new.txt'], line: 'cat data/2021/new.txt', out: 'hi' },
  { given: ['ln -s notyet.txt pending', 'echo hi > pending'], line: 'ls -l pending; cat notyet.txt', out: /^lrwxrwxrwx 1 kim kim 10 Jun 14 09:30 pending -> notyet\.txt\nhi$/ },
  { given: ['echo x | tee report.txt/inner'], line: 'echo x > report.txt/inner', out: '-bash: report.txt/inner: Not a directory' },
  { line: 'echo hi | tee /etc/x', out: 'tee: /etc/x: Permission denied\nhi' },
  { line: 'echo hi | tee data', out: 'tee: data: Is a directory\nhi' },
  { line: 'echo hi | tee /opt/vault/x', out: 'tee: /opt/vault/x: Permission denied\nhi' },
  { line: 'echo hi | sudo tee /etc/motd', out: 'hi' },
  // tar
  { given: ['tar -czf /tmp/d.tgz data'], line: 'tar -tzf /tmp/d.tgz', out: 'data/\ndata/2021/\ndata/2021/temps.csv\ndata/temps.csv' },
  { given: ['tar czf /tmp/d.tgz data'], line: 'tar tvzf /tmp/d.tgz', out: 'drwxr-xr-x kim/kim           0 2022-06-10 10:00 data/\ndrwxr-xr-x kim/kim           0 2021-12-31 23:00 data/2021/\n-rw-r--r-- kim/kim          14 2021-12-31 23:00 data/2021/temps.csv\n-rw-r--r-- kim/kim          22 2022-06-10 10:00 data/temps.csv' },
  { line: 'tar -czvf /tmp/d.tgz data', out: 'data/\ndata/2021/\ndata/2021/temps.csv\ndata/temps.csv' },
  { given: ['tar -cf /tmp/d.tar data'], line: 'ls -l /tmp/d.tar', out: '-rw-rw-r-- 1 kim kim 10240 Jun 14 09:30 /tmp/d.tar' },
  { given: ['tar -cf /tmp/d.tar data', 'mkdir /tmp/out'], line: 'tar -xf /tmp/d.tar -C /tmp/out && ls -l /tmp/out/data', out: 'total 8\ndrwxr-xr-x 2 kim kim 4096 Dec 31 23:00 2021\n-rw-r--r-- 1 kim kim   22 Jun 10 10:00 temps.csv' },
  { line: 'tar -czf /tmp/x.tgz nothere', out: 'tar: nothere: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors' },
  { line: 'tar -czf /tmp/x.tgz', out: "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information." },
  { line: 'tar -xzf nothere.tgz', out: 'tar: nothere.tgz: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now' },
  { line: 'tar -tzf report.txt', out: 'gzip: stdin: not in gzip format\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now' },
  { line: 'tar -tf report.txt', out: 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors' },
  { line: 'tar -czf /tmp/etc.tgz /etc/hostname', out: "tar: Removing leading `/' from member names" },
  { line: 'tar -czf /etc/x.tgz data', out: 'tar: /etc/x.tgz: Cannot open: Permission denied\ntar: Error is not recoverable: exiting now' },
  { line: 'tar -czf /tmp/v.tgz /opt/vault', out: "tar: Removing leading `/' from member names\ntar: /opt/vault: Cannot open: Permission denied\ntar: Exiting with failure status due to previous errors" },
  { given: ['tar -czf /tmp/d.tgz data'], line: 'tar -xzOf /tmp/d.tgz data/temps.csv', out: 'day,max\nmon,21\ntue,24' },
  { given: ['tar -czf /tmp/d.tgz data'], line: 'tar -xzf /tmp/d.tgz data/nope', out: 'tar: data/nope: Not found in archive\ntar: Exiting with failure status due to previous errors' },
  { line: 'tar', out: "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information." },
  // scp
  { line: 'scp report.txt web-7:/tmp/', out: 'report.txt                                    100%   38     0.7KB/s   00:00    ' },
  { given: ['scp report.txt web-7:/tmp/'], line: 'ssh web-7 ls -l /tmp/report.txt', out: '-rw-r--r-- 1 kim kim 38 Jun 14 09:30 /tmp/report.txt' },
  { line: 'scp report.txt web-7:/tmp/ | cat', out: '' },
  { line: 'scp -q report.txt web-7:/tmp/', out: '' },
  { line: 'scp web-7:/srv/app/config.yml .', out: 'scp: /srv/app/config.yml: Permission denied' },
  { line: 'scp web-7:/nope .', out: 'scp: /nope: No such file or directory' },
  { given: ['scp web-7:/etc/nginx/nginx.conf /tmp/'], line: 'cat /tmp/nginx.conf', out: 'user www-data;\nworker_processes auto;' },
  { line: 'scp nothere store-2:', out: 'nothere: No such file or directory' },
  { line: 'scp data store-2:/tmp', out: 'data: not a regular file' },
  { line: 'scp report.txt nowhere:/tmp', out: 'ssh: Could not resolve hostname nowhere: Name or service not known\nlost connection' },
  { line: 'scp report.txt root@web-7:/tmp', out: 'root@web-7: Permission denied (publickey).\nlost connection' },
  { line: 'scp report.txt mirror.example.org:/tmp', out: 'ssh: connect to host mirror.example.org port 22: Connection timed out\nlost connection' },
  { line: 'scp report.txt web-7:/etc/', out: 'scp: /etc/report.txt: Permission denied' },
  { line: 'scp report.txt web-7:/nodir/x', out: 'scp: /nodir/x: No such file or directory' },
  { given: ['scp -r data store-2:/tmp/'], line: 'ssh store-2 find /tmp/data', out: '/tmp/data\n/tmp/data/2021\n/tmp/data/2021/temps.csv\n/tmp/data/temps.csv' },
  { given: ['scp store-2:/backup/readme .'], line: 'ls -l readme', out: '-rw-r--r-- 1 kim kim 16 Jun 14 09:30 readme' },
  { given: ['scp -p store-2:/backup/readme .'], line: 'ls -l readme', out: '-rw-r--r-- 1 kim kim 16 Jun  1 00:00 readme' },
  { line: 'scp report.txt', out: 'usage: scp [-346BCpqrv] [-c cipher] [-F ssh_config] [-i identity_file]\n           [-l limit] [-o ssh_option] [-P port] [-S program]\n           [[user@]host1:]file1 ... [[user@]host2:]file2' },
];

describe('archives, checksums, names and copies between hosts print what Ubuntu 18.04 prints', () => {
  it.each(cases.map((c) => [c.given ? `${c.given.join('; ')}; ${c.line}` : c.line, c] as const))('%s', (_name, c) => {
    const { steps } = run([...(c.given ?? []), c.line]);
    const out = steps[steps.length - 1]!.output.join('\n');
    if (typeof c.out === 'string') expect(out).toBe(c.out);
    else expect(out).toMatch(c.out);
  });
});
