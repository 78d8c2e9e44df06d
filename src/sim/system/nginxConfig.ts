/**
 * Reading nginx's configuration as nginx 1.14 does for `nginx -t`, `nginx -T` and before every
 * start and reload: the main file and its `include`s (globs expanded, paths relative to
 * /etc/nginx), tokens, blocks, and the errors nginx prints in its own words (`unexpected "}"`,
 * `unknown directive "listne"`, `open() "…" failed (2: No such file or directory)`).
 * Bounded: at most 64 files and 2 MB of text.
 */
import { lookup, childrenOf, parentOf, type FileNode } from '../fs';

export const NGINX_CONF = '/etc/nginx/nginx.conf';
const PREFIX = '/etc/nginx/';
const MAX_FILES = 64;
const MAX_CHARS = 2_000_000;

/** Directives of nginx 1.14 as Ubuntu's nginx-core builds it (the modules it is configured with). */
const DIRECTIVES = new Set(
  `absolute_redirect accept_mutex accept_mutex_delay access_log add_after_body add_before_body add_header addition_types aio aio_write alias allow ancient_browser ancient_browser_value auth_basic auth_basic_user_file auth_request auth_request_set autoindex autoindex_exact_size autoindex_format autoindex_localtime break charset charset_map charset_types chunked_transfer_encoding client_body_buffer_size client_body_in_file_only client_body_in_single_buffer client_body_temp_path client_body_timeout client_header_buffer_size client_header_timeout client_max_body_size connection_pool_size create_full_put_path daemon dav_access dav_methods debug_connection debug_points default_type deny directio directio_alignment disable_symlinks empty_gif env error_log error_page etag events expires fastcgi_bind fastcgi_buffer_size fastcgi_buffering fastcgi_buffers fastcgi_busy_buffers_size fastcgi_cache fastcgi_cache_background_update fastcgi_cache_bypass fastcgi_cache_key fastcgi_cache_lock fastcgi_cache_lock_age fastcgi_cache_lock_timeout fastcgi_cache_max_range_offset fastcgi_cache_methods fastcgi_cache_min_uses fastcgi_cache_path fastcgi_cache_revalidate fastcgi_cache_use_stale fastcgi_cache_valid fastcgi_catch_stderr fastcgi_connect_timeout fastcgi_force_ranges fastcgi_hide_header fastcgi_ignore_client_abort fastcgi_ignore_headers fastcgi_index fastcgi_intercept_errors fastcgi_keep_conn fastcgi_limit_rate fastcgi_max_temp_file_size fastcgi_next_upstream fastcgi_next_upstream_timeout fastcgi_next_upstream_tries fastcgi_no_cache fastcgi_param fastcgi_pass fastcgi_pass_header fastcgi_pass_request_body fastcgi_pass_request_headers fastcgi_read_timeout fastcgi_request_buffering fastcgi_send_lowat fastcgi_send_timeout fastcgi_socket_keepalive fastcgi_split_path_info fastcgi_store fastcgi_store_access fastcgi_temp_file_write_size fastcgi_temp_path flv geo geoip_city geoip_country geoip_org geoip_proxy geoip_proxy_recursive gunzip gunzip_buffers gzip gzip_buffers gzip_comp_level gzip_disable gzip_http_version gzip_min_length gzip_proxied gzip_static gzip_types gzip_vary hash http http2_body_preread_size http2_chunk_size http2_idle_timeout http2_max_concurrent_pushes http2_max_concurrent_streams http2_max_field_size http2_max_header_size http2_max_requests http2_push http2_push_preload http2_recv_buffer_size http2_recv_timeout if if_modified_since ignore_invalid_headers image_filter image_filter_buffer image_filter_interlace image_filter_jpeg_quality image_filter_sharpen image_filter_transparency image_filter_webp_quality include index internal ip_hash keepalive keepalive_disable keepalive_requests keepalive_timeout large_client_header_buffers least_conn limit_conn limit_conn_log_level limit_conn_status limit_conn_zone limit_except limit_rate limit_rate_after limit_req limit_req_log_level limit_req_status limit_req_zone lingering_close lingering_time lingering_timeout listen load_module location lock_file log_format log_not_found log_subrequest map map_hash_bucket_size map_hash_max_size master_process max_ranges merge_slashes min_delete_depth mp4 mp4_buffer_size mp4_max_buffer_size msie_padding msie_refresh multi_accept open_file_cache open_file_cache_errors open_file_cache_min_uses open_file_cache_valid open_log_file_cache output_buffers override_charset pcre_jit pid port_in_redirect postpone_output proxy_bind proxy_buffer_size proxy_buffering proxy_buffers proxy_busy_buffers_size proxy_cache proxy_cache_background_update proxy_cache_bypass proxy_cache_convert_head proxy_cache_key proxy_cache_lock proxy_cache_lock_age proxy_cache_lock_timeout proxy_cache_max_range_offset proxy_cache_methods proxy_cache_min_uses proxy_cache_path proxy_cache_revalidate proxy_cache_use_stale proxy_cache_valid proxy_connect_timeout proxy_cookie_domain proxy_cookie_path proxy_force_ranges proxy_headers_hash_bucket_size proxy_headers_hash_max_size proxy_hide_header proxy_http_version proxy_ignore_client_abort proxy_ignore_headers proxy_intercept_errors proxy_limit_rate proxy_max_temp_file_size proxy_method proxy_next_upstream proxy_next_upstream_timeout proxy_next_upstream_tries proxy_no_cache proxy_pass proxy_pass_header proxy_pass_request_body proxy_pass_request_headers proxy_read_timeout proxy_redirect proxy_request_buffering proxy_send_lowat proxy_send_timeout proxy_set_body proxy_set_header proxy_socket_keepalive proxy_ssl_certificate proxy_ssl_certificate_key proxy_ssl_ciphers proxy_ssl_crl proxy_ssl_name proxy_ssl_password_file proxy_ssl_protocols proxy_ssl_server_name proxy_ssl_session_reuse proxy_ssl_trusted_certificate proxy_ssl_verify proxy_ssl_verify_depth proxy_store proxy_store_access proxy_temp_file_write_size proxy_temp_path random_index read_ahead real_ip_header real_ip_recursive recursive_error_pages referer_hash_bucket_size referer_hash_max_size request_pool_size reset_timedout_connection resolver resolver_timeout return rewrite rewrite_log root satisfy scgi_bind scgi_buffer_size scgi_buffering scgi_buffers scgi_busy_buffers_size scgi_cache scgi_cache_key scgi_cache_path scgi_cache_valid scgi_connect_timeout scgi_hide_header scgi_param scgi_pass scgi_read_timeout scgi_send_timeout scgi_temp_path secure_link secure_link_md5 secure_link_secret send_lowat send_timeout sendfile sendfile_max_chunk server server_name server_name_in_redirect server_names_hash_bucket_size server_names_hash_max_size server_tokens set set_real_ip_from slice source_charset split_clients ssi ssi_last_modified ssi_min_file_chunk ssi_silent_errors ssi_types ssi_value_length ssl ssl_buffer_size ssl_certificate ssl_certificate_key ssl_ciphers ssl_client_certificate ssl_crl ssl_dhparam ssl_ecdh_curve ssl_engine ssl_password_file ssl_prefer_server_ciphers ssl_protocols ssl_session_cache ssl_session_ticket_key ssl_session_tickets ssl_session_timeout ssl_stapling ssl_stapling_file ssl_stapling_responder ssl_stapling_verify ssl_trusted_certificate ssl_verify_client ssl_verify_depth stream stub_status sub_filter sub_filter_last_modified sub_filter_once sub_filter_types subrequest_output_buffer_size tcp_nodelay tcp_nopush thread_pool timer_resolution try_files types types_hash_bucket_size types_hash_max_size underscores_in_headers uninitialized_variable_warn upstream use user userid userid_domain userid_expires userid_mark userid_name userid_p3p userid_path userid_service uwsgi_buffer_size uwsgi_buffering uwsgi_buffers uwsgi_cache uwsgi_cache_key uwsgi_cache_path uwsgi_cache_valid uwsgi_connect_timeout uwsgi_hide_header uwsgi_param uwsgi_pass uwsgi_read_timeout uwsgi_send_timeout uwsgi_temp_path valid_referers variables_hash_bucket_size variables_hash_max_size worker_aio_requests worker_connections worker_cpu_affinity worker_priority worker_processes worker_rlimit_core worker_rlimit_nofile worker_shutdown_timeout working_directory xml_entities xslt_last_modified xslt_param xslt_string_param xslt_stylesheet xslt_types zone mail imap_auth imap_capabilities imap_client_buffer pop3_auth pop3_capabilities smtp_auth smtp_capabilities starttls auth_http auth_http_header protocol proxy_protocol proxy_timeout proxy_responses preread_buffer_size preread_timeout server_names_hash_max_size`.split(/\s+/),
);

/** Blocks whose contents are not directives (MIME types, map entries). */
const VERBATIM_BLOCKS = new Set(['types', 'map', 'geo', 'split_clients', 'charset_map', 'match']);
const BLOCK_DIRECTIVES = new Set(['events', 'http', 'server', 'location', 'upstream', 'if', 'limit_except', 'stream', 'mail', ...VERBATIM_BLOCKS]);
/** Directives that may be a block or not, depending on where they are (`server` in `upstream` is a line). */
const EITHER = new Set(['server']);

/**
 * Files the nginx package installs that a scenario rarely bothers to put on disk: an include of
 * one that is absent is read as the package's own (and not dumped by -T), never as an error.
 */
export const PACKAGED_FILES = new Set(['/etc/nginx/mime.types', '/etc/nginx/fastcgi.conf', '/etc/nginx/fastcgi_params', '/etc/nginx/koi-utf', '/etc/nginx/koi-win', '/etc/nginx/win-utf', '/etc/nginx/proxy_params', '/etc/nginx/scgi_params', '/etc/nginx/uwsgi_params', '/etc/nginx/snippets/fastcgi-php.conf', '/etc/nginx/snippets/snakeoil.conf']);

export interface NginxFile {
  path: string;
  text: string;
}

/** The main context's `error_log`: where the master's messages go, and from which level. */
export interface NginxErrorLog {
  path: string;
  level: string;
}

export type NginxConfig =
  | { ok: true; files: NginxFile[]; userLine: { path: string; line: number } | null; pidPath: string; errorLog?: NginxErrorLog | null }
  | { ok: false; error: string; files: NginxFile[] };

interface Token {
  text: string;
  line: number;
  kind: 'word' | ';' | '{' | '}';
}

function tokenize(text: string): { tokens: Token[]; endLine: number } {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line += 1;
      i += 1;
    } else if (c === ' ' || c === '\t' || c === '\r') i += 1;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (c === ';' || c === '{' || c === '}') {
      tokens.push({ text: c, line, kind: c });
      i += 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let word = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j += 1;
        if (text[j] === '\n') line += 1;
        word += text[j];
        j += 1;
      }
      tokens.push({ text: word, line, kind: 'word' });
      i = j + 1;
    } else {
      let j = i;
      let word = '';
      while (j < text.length && !/[\s;{}]/.test(text[j]!)) {
        if (text[j] === '\\' && j + 1 < text.length) j += 1;
        word += text[j];
        j += 1;
      }
      tokens.push({ text: word, line, kind: 'word' });
      i = j;
    }
  }
  return { tokens, endLine: line };
}

/** `*` and `?` matching as glob(3) does within one path part (no regex: the pattern may come from a file the trainee wrote). */
export function wildcardMatch(pattern: string, name: string): boolean {
  // Classic two-pointer match with backtracking to the last star: linear in practice, never exponential.
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p += 1;
      n += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p;
      mark = n;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      n = mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}

/** Paths matching a glob in its last part (`/etc/nginx/sites-enabled/*`), sorted as glob(3) sorts them. */
export function globFiles(files: Readonly<Record<string, FileNode>>, pattern: string): string[] {
  const dir = parentOf(pattern);
  const base = pattern.slice(dir === '/' ? 1 : dir.length + 1);
  if (!/[*?]/.test(base)) return lookup(files, pattern) ? [pattern] : [];
  const found = lookup(files, dir);
  if (!found || found.node.kind !== 'dir') return [];
  return childrenOf(files, found.path)
    .filter((name) => !name.startsWith('.') && wildcardMatch(base, name))
    .map((name) => `${dir === '/' ? '' : dir}/${name}`)
    .filter((path) => lookup(files, path)?.node.kind !== 'dir');
}

/**
 * Reads nginx's configuration from a host's files (`textOf` gives a file's text). Returns the
 * files read in order (for `nginx -T`) and the first error in nginx's words, if any.
 */
export function readNginxConfig(files: Readonly<Record<string, FileNode>>, textOf: (node: FileNode) => string, main = NGINX_CONF): NginxConfig {
  const read: NginxFile[] = [];
  let total = 0;
  let userLine: { path: string; line: number } | null = null;
  let pidPath = '/run/nginx.pid';
  let errorLog: NginxErrorLog | null = null;

  const open = (path: string, from: { path: string; line: number } | null): string | { text: string } => {
    const found = lookup(files, path);
    const where = from ? ` in ${from.path}:${from.line}` : '';
    if (!found) return `open() "${path}" failed (2: No such file or directory)${where}`;
    if (found.node.kind === 'dir') return `pread() "${path}" failed (21: Is a directory)${where}`;
    const text = textOf(found.node);
    total += text.length;
    if (read.length >= MAX_FILES || total > MAX_CHARS) return `too many or too large configuration files at "${path}"${where}`;
    read.push({ path, text });
    return { text };
  };

  // Returns an error text or null.
  const parseFile = (path: string, text: string, depth: number, stack: string[]): string | null => {
    const { tokens, endLine } = tokenize(text);
    let args: Token[] = [];
    const blocks = [...stack];
    for (const token of tokens) {
      if (token.kind === 'word') {
        args.push(token);
        continue;
      }
      const at = `${path}:${token.line}`;
      if (token.kind === '}') {
        if (args.length > 0 || blocks.length === stack.length) return `unexpected "}" in ${at}`;
        blocks.pop();
        continue;
      }
      if (args.length === 0) return `unexpected "${token.kind}" in ${at}`;
      const name = args[0]!.text;
      const inside = blocks[blocks.length - 1];
      const verbatim = inside !== undefined && VERBATIM_BLOCKS.has(inside);
      if (!verbatim) {
        if (!DIRECTIVES.has(name)) return `unknown directive "${name}" in ${at}`;
        const isBlock = BLOCK_DIRECTIVES.has(name) && !(EITHER.has(name) && inside === 'upstream');
        if (token.kind === ';' && isBlock) return `directive "${name}" has no opening "{" in ${at}`;
        if (token.kind === '{' && !isBlock) return `directive "${name}" is not terminated by ";" in ${at}`;
      }
      if (token.kind === '{') {
        blocks.push(verbatim ? inside : name);
        args = [];
        continue;
      }
      if (!verbatim && name === 'user' && userLine === null) userLine = { path, line: token.line };
      if (!verbatim && name === 'pid' && args[1]) pidPath = args[1].text;
      if (!verbatim && name === 'error_log' && blocks.length === 0 && errorLog === null && args[1]) {
        const target = args[1].text;
        errorLog = { path: target.startsWith('/') || target === 'stderr' || target.includes(':') ? target : `/usr/share/nginx/${target}`, level: args[2]?.text ?? 'error' };
      }
      if (!verbatim && name === 'include') {
        if (args.length !== 2) return `invalid number of arguments in "include" directive in ${at}`;
        if (depth > 8) return `include nesting too deep in ${at}`;
        const target = args[1]!.text.startsWith('/') ? args[1]!.text : PREFIX + args[1]!.text;
        const paths = /[*?]/.test(target) ? globFiles(files, target) : [target];
        for (const included of paths) {
          if (PACKAGED_FILES.has(included) && !lookup(files, included)) continue;
          const opened = open(included, { path, line: token.line });
          if (typeof opened === 'string') return opened;
          const error = parseFile(included, opened.text, depth + 1, blocks);
          if (error) return error;
        }
      }
      args = [];
    }
    if (args.length > 0) return `unexpected end of file, expecting ";" or "}" in ${path}:${endLine}`;
    if (blocks.length > stack.length) return `unexpected end of file, expecting "}" in ${path}:${endLine}`;
    return null;
  };

  const opened = open(main, null);
  if (typeof opened === 'string') return { ok: false, error: opened, files: read };
  const error = parseFile(main, opened.text, 0, []);
  if (error) return { ok: false, error, files: read };
  return { ok: true, files: read, userLine, pidPath, errorLog };
}
