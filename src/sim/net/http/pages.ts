/**
 * The pages servers make themselves, byte for byte: Nginx 1.14's error pages (CRLF line ends, its
 * version in the footer), HAProxy 1.8's 503 when no server is up, and Express's 404 and redirect
 * bodies (finalhandler 1.1, express 4.17).
 */
import { HAPROXY_ERRORS } from '../../system/haproxyErrors';

/** `nginx/1.14.0 (Ubuntu)`: what the Server header and the error pages say. */
export function nginxVersionText(version = '1.14.0'): string {
  return `nginx/${version} (Ubuntu)`;
}

/** Nginx's own page for an error status (ngx_http_special_response). */
export function nginxErrorPage(status: number, reason: string, server: string, detail?: string): string {
  const title = detail ? `${status} ${detail}` : `${status} ${reason}`;
  const lines = ['<html>', `<head><title>${title}</title></head>`, '<body bgcolor="white">', `<center><h1>${status} ${reason}</h1></center>`, ...(detail ? [`<center>${detail}</center>`] : []), `<hr><center>${server}</center>`, '</body>', '</html>'];
  return lines.map((l) => `${l}\r\n`).join('');
}

/** HAProxy 1.8's whole answer when no server of the backend can take the request (headers included): the bytes of /etc/haproxy/errors/503.http. */
export const HAPROXY_503 = HAPROXY_ERRORS[503]!;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** finalhandler's page for a route Express has no handler for. */
export function expressNotFound(method: string, path: string): string {
  return ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<title>Error</title>', '</head>', '<body>', `<pre>Cannot ${escapeHtml(method)} ${escapeHtml(path)}</pre>`, '</body>', '</html>', ''].join('\n');
}

/** Express's `res.redirect` body: plain text for a client that accepts anything (curl), HTML for a browser. */
export function expressRedirectBody(reason: string, location: string, html: boolean): { contentType: string; body: string } {
  if (html) return { contentType: 'text/html; charset=utf-8', body: `<p>${reason}. Redirecting to <a href="${escapeHtml(location)}">${escapeHtml(location)}</a></p>` };
  return { contentType: 'text/plain; charset=utf-8', body: `${reason}. Redirecting to ${location}` };
}

