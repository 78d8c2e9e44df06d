// @vitest-environment node
/**
 * The haproxy package's error pages: /etc/haproxy/errors/{400,403,408,500,502,503,504}.http on
 * every host that runs HAProxy (root, 0644, HAProxy 1.8's examples/errorfiles: CRLF headers, LF
 * body), and HAProxy's own 503 through the load balancer is the same bytes.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/scenario/schema';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { loadScenarioFile, outputsOn, scenarioFiles } from '../scoring/support';

/** HAProxy 1.8's examples/errorfiles, as `cat -A` shows them. */
const PAGES: Record<string, [string, string]> = {
  400: ['Bad request', 'Your browser sent an invalid request.'],
  403: ['Forbidden', 'Request forbidden by administrative rules.'],
  408: ['Request Time-out', "Your browser didn't send a complete request in time."],
  500: ['Internal Server Error', 'An internal server error occured.'],
  502: ['Bad Gateway', 'The server returned an invalid or incomplete response.'],
  503: ['Service Unavailable', 'No server is available to handle this request.'],
  504: ['Gateway Time-out', "The server didn't respond in time."],
};
const shown = (code: string) => {
  const [reason, message] = PAGES[code]!;
  return [`HTTP/1.0 ${code} ${reason}^M$`, 'Cache-Control: no-cache^M$', 'Connection: close^M$', 'Content-Type: text/html^M$', '^M$', `<html><body><h1>${code} ${reason}</h1>$`, `${message}$`, '</body></html>$'];
};

const haproxyHosts = (scenario: Scenario) => Object.entries(scenario.world.hosts).filter(([, h]) => h.login && h.programs?.includes('haproxy')).map(([id]) => id);

describe.each(scenarioFiles)('%s: the haproxy package error pages', (file) => {
  const scenario = loadScenarioFile(file);
  it('every HAProxy host has /etc/haproxy/errors/*.http, root 0644, with the package bytes', { timeout: 60_000 }, () => {
    for (const host of haproxyHosts(scenario)) {
      const codes = Object.keys(PAGES);
      const [ls, ...cats] = outputsOn(scenario, host, ['ls -l /etc/haproxy/errors', ...codes.map((c) => `cat -A /etc/haproxy/errors/${c}.http`)]);
      expect(ls!.slice(1).map((l) => `${l.split(/\s+/)[0]} ${l.split(/\s+/)[2]} ${l.split(/\s+/)[3]} ${l.split(/\s+/).at(-1)}`), host).toEqual(codes.map((c) => `-rw-r--r-- root root ${c}.http`));
      codes.forEach((c, i) => expect(cats[i], `${host} ${c}`).toEqual(shown(c)));
    }
  });
});

describe('mysql-wipe: HAProxy answers from its error file', () => {
  it('with both web servers down, curl through lb-01 gets exactly /etc/haproxy/errors/503.http', { timeout: 60_000 }, () => {
    const scenario = loadScenarioFile('scenarios/mysql-wipe.json');
    const lines = ['ssh web-01', 'sudo systemctl stop nginx', 'exit', 'ssh web-02', 'sudo systemctl stop nginx', 'exit', 'ssh lb-01', 'sleep 10', 'curl -sik https://localhost/ | cat -A'];
    const snapshot = replayInputs(scenario, lines.map(inputFromLine));
    expect(snapshot.context.steps.at(-1)!.output).toEqual(shown('503'));
  });
});
