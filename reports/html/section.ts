// A report is a list of sections, each rendered from ReportData on its own;
// the page gives each one a heading, an anchor and an entry in the top
// navigation. New sections (trends across runs) are one more file and one
// more entry in render.ts.

export interface Section {
  /** Anchor id, also used by the navigation. */
  id: string;
  title: string;
  /** Inner HTML; every piece of data in it already escaped. */
  html: string;
  /** Data the page script reads (charts), embedded as a JSON block under this section's id. */
  data?: unknown;
}
