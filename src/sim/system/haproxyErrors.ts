/**
 * The error pages Ubuntu's haproxy 1.8 package installs in /etc/haproxy/errors (HAProxy's
 * examples/errorfiles, the same bytes as its built-in answers): an HTTP/1.0 status line and
 * headers ending in CRLF, then the HTML body with plain newlines. The stock haproxy.cfg's
 * defaults name each with `errorfile`; HAProxy's own answers (503 with no server up) send them.
 */
export const HAPROXY_ERRORS_DIR = '/etc/haproxy/errors';

export interface HaproxyError {
  status: number;
  reason: string;
  headers: readonly (readonly [string, string])[];
  body: string;
}

const page = (status: number, reason: string, message: string): HaproxyError => ({
  status,
  reason,
  headers: [['Cache-Control', 'no-cache'], ['Connection', 'close'], ['Content-Type', 'text/html']],
  body: `<html><body><h1>${status} ${reason}</h1>\n${message}\n</body></html>\n`,
});

export const HAPROXY_ERRORS: Readonly<Record<number, HaproxyError>> = {
  400: page(400, 'Bad request', 'Your browser sent an invalid request.'),
  403: page(403, 'Forbidden', 'Request forbidden by administrative rules.'),
  408: page(408, 'Request Time-out', "Your browser didn't send a complete request in time."),
  500: page(500, 'Internal Server Error', 'An internal server error occured.'),
  502: page(502, 'Bad Gateway', 'The server returned an invalid or incomplete response.'),
  503: page(503, 'Service Unavailable', 'No server is available to handle this request.'),
  504: page(504, 'Gateway Time-out', "The server didn't respond in time."),
};

/** An error file's bytes, as the package has it. */
export function haproxyErrorFile(error: HaproxyError): string {
  return `HTTP/1.0 ${error.status} ${error.reason}\r\n${error.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${error.body}`;
}
