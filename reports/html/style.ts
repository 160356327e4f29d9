// The page's one stylesheet, inlined by page.ts. Colours carry the meaning
// in the matrix (red = failures, green = passed, hatched grey = unsupported)
// and every coloured cell also says it in text (✗ ✓ ⊘), for print and for
// colour-blind readers.
export const STYLE = `
:root { --fail: #f6c9c9; --fail-ink: #9b1111; --pass: #d3f0da; --pass-ink: #17602c; --partial: #e7f4d4;
  --unsup: #e4e4e8; --line: #d6d8de; --ink: #1d2330; --muted: #5c6475; --accent: #2454c5; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #f6f7f9; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
header.top { position: sticky; top: 0; z-index: 10; background: #1f2a44; color: #fff; padding: 8px 20px; display: flex; gap: 20px; align-items: center; flex-wrap: wrap; }
header.top h1 { font-size: 17px; margin: 0; font-weight: 600; }
header.top nav a { color: #cfd9ff; margin-right: 14px; text-decoration: none; }
header.top nav a:hover { color: #fff; text-decoration: underline; }
header.top label { margin-left: auto; }
header.top select { font: inherit; padding: 2px 4px; max-width: 16em; }
main { padding: 12px 20px 40px; max-width: 1600px; }
section { scroll-margin-top: 56px; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px 16px; margin: 14px 0; }
section > h2 { font-size: 18px; margin: 4px 0 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
h4 { font-size: 13px; margin: 12px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.meta { color: var(--muted); margin: 4px 0 8px; }
.empty { color: var(--muted); font-style: italic; }
.scroll { overflow: auto; max-height: 75vh; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: #eef0f4; position: sticky; top: 0; z-index: 2; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.when { white-space: nowrap; }
/* names come from users and runtimes: a long one wraps instead of pushing the columns off screen */
.name, .rt-tag, th.rt, table.perf th, button.focus-runtime, table.runtimes td { overflow-wrap: anywhere; }
th.rt, table.perf th[data-runtime], table.perf tbody th { max-width: 14em; }
td.bad, .bad { color: var(--fail-ink); font-weight: 600; }
table.runtimes tr.has-failures th { border-left: 4px solid var(--fail-ink); }
table.runtimes tr.clean th { border-left: 4px solid var(--pass-ink); }
button.focus-runtime { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; text-decoration: underline dotted; }
.badge { display: inline-block; font-size: 11px; font-weight: 700; padding: 0 5px; border-radius: 8px; }
.badge.new { background: #ffd84d; color: #4a3b00; }
.key { padding: 0 5px; border-radius: 3px; white-space: nowrap; }
table.matrix { font-size: 13px; }
table.matrix th.file { position: sticky; left: 0; background: #fafbfc; z-index: 1; min-width: 14em; max-width: 26em; overflow-wrap: anywhere; font-weight: 500; }
table.matrix thead th.file { z-index: 3; background: #eef0f4; }
table.matrix tr.totals th { top: 27px; font-weight: 600; white-space: nowrap; }
table.matrix tr.totals th small { display: block; font-weight: 400; color: var(--muted); }

.cell { white-space: nowrap; min-width: 90px; }
.fail, .key.fail { background: var(--fail); color: var(--fail-ink); }
.cell.fail b { font-size: 14px; }
.pass, .key.pass { background: var(--pass); color: var(--pass-ink); }
.partial, .key.partial { background: var(--partial); color: var(--pass-ink); }
.unsupported, .key.unsupported { background: repeating-linear-gradient(135deg, var(--unsup) 0 6px, #f4f4f6 6px 12px); color: #555; }
.missing, .key.missing { background: #fff; color: #aaa; text-align: center; }
.cell .unsup { color: #666; }
.cell details summary { cursor: pointer; }
.cell ul.reasons { margin: 4px 0 0; padding-left: 16px; white-space: normal; max-width: 360px; font-size: 12px; color: var(--ink); }
.toggle, .controls { display: inline-flex; gap: 10px; align-items: center; margin: 4px 0 8px; }
table.findings { width: 100%; }
table.findings td.summary { min-width: 18em; overflow-wrap: anywhere; }
table.findings td.kind { min-width: 9em; max-width: 14em; overflow-wrap: anywhere; }
table.findings td.rts { min-width: 8em; max-width: 16em; }
.scroll-x { overflow-x: auto; }
table.findings tbody.finding:nth-of-type(even) tr.finding-row { background: #fafbfc; }
table.findings tr.finding-row:hover { background: #eef3ff; }
button.expand { font: inherit; font-weight: 600; cursor: pointer; border: 1px solid var(--line); background: #fff; border-radius: 4px; padding: 0 6px; }
button.expand[aria-expanded="true"] { background: var(--accent); color: #fff; }
button.expand::before { content: "▸ "; }
button.expand[aria-expanded="true"]::before { content: "▾ "; }
.rt-tag { display: inline-block; max-width: 100%; background: #e8ecf7; border-radius: 3px; padding: 0 5px; font-size: 12.5px; }
.status.open { color: var(--fail-ink); font-weight: 600; }
.status.fixed { color: var(--pass-ink); }
.status.known { color: var(--muted); }
tr.finding-detail > td { background: #fbfcfe; padding: 8px 14px; }
.detail pre { background: #f3f4f7; border: 1px solid var(--line); border-radius: 4px; padding: 8px; margin: 2px 0; overflow: auto; max-height: 360px; white-space: pre-wrap; word-break: break-word; }
.detail .repro { display: flex; gap: 8px; align-items: flex-start; margin: 4px 0; }
.detail .repro pre { flex: 1; margin: 0; }
dl.notes { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dl.notes dt { font-weight: 600; color: var(--muted); }
dl.notes dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
table.perf td small { color: var(--muted); }
table.perf td.best { background: var(--pass); }
table.perf td.slow { background: var(--fail); }
table.perf tfoot th, table.perf tfoot td { font-weight: 600; background: #eef0f4; }
.chart { position: relative; height: 340px; margin: 12px 0; }
body.focused [data-runtime].focus { outline: 2px solid var(--accent); outline-offset: -2px; }
body.focused table.matrix [data-runtime]:not(.focus), body.focused table.perf [data-runtime]:not(.focus) { display: none; }
body.focused table.runtimes tbody tr:not(.focus) { opacity: .45; }
[hidden] { display: none !important; }
`;
