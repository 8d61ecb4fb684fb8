import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Express, Request } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The explorer's files, from the installed packages: nothing is loaded from a CDN. */
const ASSETS: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  'react.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

const README = new URL('../../README.md', import.meta.url);
const FALLBACK_TAB =
  '{\n  courses(first: 5) {\n    totalCount\n    edges { node { id title agency { code name } } }\n  }\n}\n';

/** The README's example operations (its "Example queries" section), one explorer tab each. */
export function exampleTabs(readme: string | null = existsSync(README) ? readFileSync(README, 'utf8') : null) {
  const start = readme?.indexOf('## Example queries') ?? -1;
  if (!readme || start < 0) return [{ query: FALLBACK_TAB }];
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const queries = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return (queries.length > 0 ? queries : [FALLBACK_TAB]).map((query) => ({
    query,
    headers: '{\n  "authorization": "Bearer <paste a token: npm run cli -- token --as <e-mail>>"\n}',
  }));
}

// Everything from this origin; inline script and styles are the page's own (GraphiQL styles inline).
const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'";

function page(tabs: readonly { query: string; headers?: string }[]): string {
  // `<` escaped: the tabs' text cannot close the script element.
  const json = JSON.stringify(tabs).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Convergence explorer</title>
<link rel="stylesheet" href="/explorer/graphiql.css">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer">Loading the explorer…</div>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href });
  ReactDOM.createRoot(document.getElementById('explorer')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: ${json},
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: false,
      isHeadersEditorEnabled: true,
    }),
  );
</script>
</body>
</html>
`;
}

/** A browser asking for a page, not a GraphQL client asking for JSON. */
const wantsPage = (req: Request) =>
  req.method === 'GET' && req.accepts(['text/html', 'application/json']) === 'text/html' && !req.query.query;

/**
 * The offline explorer (issue 12): GraphiQL served from the installed `graphiql` and `react` packages at
 * `GET /graphql` (and `/`) when a browser asks for a page, with the README's example operations as tabs
 * and the header editor open for a bearer token.
 */
export function mountExplorer(app: Express): void {
  const html = page(exampleTabs());
  app.get(['/', '/graphql'], (req, res, next) => {
    if (!wantsPage(req)) {
      next();
      return;
    }
    res.setHeader('content-security-policy', CSP);
    res.type('html').send(html);
  });
  app.get('/explorer/:asset', (req, res) => {
    const asset = ASSETS[req.params.asset];
    if (!asset) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type(asset.type).sendFile(asset.file);
  });
}
