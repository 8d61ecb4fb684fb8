import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { createRequire } from 'node:module';

/**
 * The learning dashboard (issue 15), served by the gateway at `/dashboard`: one HTML page, its script and
 * the charting library (ECharts, read from node_modules: no CDN, so it works offline). The page asks the
 * gateway's own `/graphql` for every number it shows, with the caller's token, so it shows exactly what
 * the API answers that caller.
 */
const require = createRequire(import.meta.url);
const FILES: Readonly<Record<string, { readonly path: string; readonly type: string }>> = {
  '/dashboard': { path: new URL('./page.html', import.meta.url).pathname, type: 'text/html; charset=utf-8' },
  '/dashboard/': { path: new URL('./page.html', import.meta.url).pathname, type: 'text/html; charset=utf-8' },
  '/dashboard/app.js': { path: new URL('./app.js', import.meta.url).pathname, type: 'text/javascript; charset=utf-8' },
  '/dashboard/echarts.min.js': {
    path: require.resolve('echarts/dist/echarts.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

/** The paths this module answers (the gateway routes them here). */
export const DASHBOARD_PATHS = Object.keys(FILES);

const cache = new Map<string, Buffer>();

/** Answers the dashboard's paths (GET/HEAD); returns false for any other request. */
export function serveDashboard(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean {
  const file = FILES[pathname];
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  let body = cache.get(file.path);
  if (!body) {
    body = readFileSync(file.path);
    cache.set(file.path, body);
  }
  res.writeHead(200, {
    'content-type': file.type,
    'cache-control': 'no-cache',
    // Everything the page loads comes from the gateway itself.
    'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
