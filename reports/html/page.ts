// Assembles the sections into one self-contained HTML file: styles and
// scripts inlined, section data in JSON blocks, and a Content-Security-
// Policy that allows no network and only the page's own scripts (by hash),
// so even a string that escaped escaping could not run.
import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client.js';
import { escapeHtml, jsonForScript } from './escape.js';
import type { Section } from './section.js';
import { STYLE } from './style.js';

export interface PageParts {
  title: string;
  sections: Section[];
  /** Runtime names offered by the focus selector. */
  runtimes: string[];
  /** Library scripts to inline before the page script (Chart.js when there are charts). */
  libraries: string[];
}

export function renderPage(parts: PageParts): string {
  const scripts = [...parts.libraries, CLIENT_SCRIPT].map(safeScript);
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(hashSource).join(' ')}`,
    `style-src ${hashSource(STYLE)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(parts.title)}</h1>
<nav>${parts.sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join('')}</nav>
${focusSelector(parts.runtimes)}
</header>
<main>
${parts.sections.map(sectionHtml).join('\n')}
</main>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}

function focusSelector(runtimes: string[]): string {
  if (runtimes.length === 0) return '';
  const options = runtimes.map((r) => `<option value="${escapeHtml(r)}">${escapeHtml(r)}</option>`).join('');
  return `<label>focus on runtime <select id="runtime-filter"><option value="">all runtimes</option>${options}</select></label>`;
}

function sectionHtml(s: Section): string {
  const data = s.data === undefined ? '' : `\n<script type="application/json" id="data-${escapeHtml(s.id)}">${jsonForScript(s.data)}</script>`;
  return `<section id="${escapeHtml(s.id)}">
<h2>${escapeHtml(s.title)}</h2>
${s.html}${data}
</section>`;
}

/** A script's text with `</script` broken up, so the HTML parser cannot end the element early. */
function safeScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
