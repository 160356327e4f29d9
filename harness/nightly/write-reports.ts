// The three files a nightly leaves in --out: report.html (self-contained,
// charts inlined), summary.md (for $GITHUB_STEP_SUMMARY) and junit.xml (each
// open finding a failing test case), all from one ReportData with the
// baseline applied, so the three always agree.
import { join } from 'node:path';
import type { ReportData, StageInfo } from '../../reports/data.js';
import { loadReportData } from '../report/load-data.js';
import { renderJunit } from '../../reports/junit.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { renderHtml } from '../../reports/render.js';
import { applyBaseline } from '../baseline/apply.js';
import type { Baseline } from '../baseline/baseline.js';
import { writeOutput } from '../io/files.js';
import type { Store } from '../store/store.js';

export interface ReportFiles {
  html: string;
  markdown: string;
  junit: string;
}

export function reportFiles(out: string): ReportFiles {
  return { html: join(out, 'report.html'), markdown: join(out, 'summary.md'), junit: join(out, 'junit.xml') };
}

export function writeReports(store: Store, baseline: Baseline, out: string, subtitle?: string, stages?: StageInfo[]): { data: ReportData; files: ReportFiles } {
  const data = { ...applyBaseline(loadReportData(store), baseline), ...(stages ? { stages } : {}) };
  const files = reportFiles(out);
  writeOutput(files.html, renderHtml(data));
  writeOutput(files.markdown, renderMarkdown(data, subtitle === undefined ? {} : { subtitle }));
  writeOutput(files.junit, renderJunit(data));
  return { data, files };
}
