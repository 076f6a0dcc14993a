// A tiny static file server for a built site, on 127.0.0.1 with a random free port.
//
// It behaves like the static hosts the site is published on: `/x/` serves
// `/x/index.html`, `/x` (a folder) redirects to `/x/`, a missing path gets the site's
// own 404.html with status 404. When the site was built for a base_url under a path
// (say https://example.org/portal/), links inside it start with /portal/; the server
// strips that prefix, so the same files answer at `/` and at `/portal/`.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export function contentTypeFor(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function normaliseBasePath(basePath) {
  let p = basePath || '/';
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/')) p += '/';
  return p;
}

/**
 * Start serving `root`. Returns { origin, port, basePath, requests, close() }.
 * `requests` records [method, path, status] for every request, for debugging.
 */
export function startServer(root, { basePath = '/' } = {}) {
  const siteRoot = fs.realpathSync(path.resolve(root));
  const base = normaliseBasePath(basePath);
  const requests = [];

  const send = (req, res, status, headers, body) => {
    requests.push([req.method, req.url, status]);
    res.writeHead(status, {
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
      ...(body != null ? { 'Content-Length': Buffer.byteLength(body) } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const sendFile = (req, res, status, file) => {
    let body;
    try {
      body = fs.readFileSync(file);
    } catch {
      return send(req, res, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, 'cannot read file\n');
    }
    return send(req, res, status, { 'Content-Type': contentTypeFor(file) }, body);
  };

  const notFound = (req, res) => {
    const page = path.join(siteRoot, '404.html');
    if (fs.existsSync(page)) return sendFile(req, res, 404, page);
    return send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found (and the site has no 404.html)\n');
  };

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'method not allowed\n');
    }
    let url;
    let pathname;
    try {
      url = new URL(req.url, 'http://127.0.0.1');
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(req, res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');
    }
    if (pathname.includes('\0')) return send(req, res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');

    // Strip the base path, so /portal/x/ and /x/ are the same file.
    let rel = pathname;
    if (base !== '/') {
      if (rel === base.slice(0, -1)) {
        return send(req, res, 301, { Location: base + url.search }, null);
      }
      if (rel.startsWith(base)) rel = '/' + rel.slice(base.length);
    }

    const target = path.resolve(siteRoot, '.' + path.posix.normalize(rel));
    if (target !== siteRoot && !target.startsWith(siteRoot + path.sep)) return notFound(req, res);

    let stat;
    try {
      stat = fs.statSync(target);
    } catch {
      return notFound(req, res);
    }
    if (stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        return send(req, res, 301, { Location: url.pathname + '/' + url.search }, null);
      }
      const index = path.join(target, 'index.html');
      if (fs.existsSync(index)) return sendFile(req, res, 200, index);
      return notFound(req, res);
    }
    if (stat.isFile()) return sendFile(req, res, 200, target);
    return notFound(req, res);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        port,
        basePath: base,
        requests,
        close: () => new Promise((r) => {
          server.closeAllConnections?.();
          server.close(() => r());
        }),
      });
    });
  });
}
