/**
 * A report as a file a CI system shows: JUnit XML (one test case per operation a client called, one
 * failure per kind of contract violation, and per kind of warning with `--fail-on warnings`), JSON
 * (the report as the control API answers it) or Markdown (for a job summary or a pull request).
 */
import type { OperationReport, Report } from './verdicts';

export type ReportFormat = 'junit' | 'json' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['junit', 'json', 'md'];
export type FailOn = 'violations' | 'warnings' | 'never';
export const FAIL_ON: readonly FailOn[] = ['violations', 'warnings', 'never'];

/** The format a file name asks for: `.xml` JUnit, `.md` Markdown, anything else JSON. */
export function formatOf(path: string): ReportFormat {
  if (/\.xml$/i.test(path)) return 'junit';
  if (/\.(md|markdown)$/i.test(path)) return 'md';
  return 'json';
}

/** Does the report fail the run under `--fail-on`? */
export function fails(report: Report, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'violations') return report.verdict === 'violations';
  return report.verdict !== 'clean';
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

function answers(op: OperationReport): string {
  const seen = op.responses.map((r) => `${r.status}×${r.count}${r.documented ? '' : ' (undocumented)'}`).join(', ');
  const never = op.neverSeen.map((r) => `${r.status} (${r.description})`).join('; ');
  const injected = op.injected.map(
    (i) => `${i.status}: ${i.injected} injected, ${i.survived} survived, ${i.failed} failed`,
  );
  return [
    `requests: ${op.requests}`,
    `answers received: ${seen || 'none'}`,
    `never received: ${never || 'none'}`,
    ...(injected.length > 0 ? [`injected failures: ${injected.join('; ')}`] : []),
  ].join('\n');
}

export function renderJunit(report: Report, failOn: FailOn): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const ns of report.namespaces) {
    for (const api of [...new Set(ns.operations.map((op) => op.api))]) {
      const cases: string[] = [];
      let suiteFailures = 0;
      const ops = ns.operations.filter((op) => op.api === api);
      for (const op of ops) {
        const failed: string[] = [];
        for (const kind of op.violations.kinds) {
          failed.push(
            `      <failure type="contract" message="${escape(`${kind.kind} (${kind.count}×)`)}">${escape(kind.examples.join('\n'))}</failure>`,
          );
        }
        if (failOn === 'warnings') {
          for (const kind of op.warnings.kinds) {
            failed.push(
              `      <failure type="warning" message="${escape(`${kind.kind} (${kind.count}×)`)}">${escape(kind.examples.join('\n'))}</failure>`,
            );
          }
        }
        const warned =
          failOn === 'warnings' || op.warnings.kinds.length === 0
            ? ''
            : `\nwarnings: ${op.warnings.kinds.map((k) => `${k.kind} (${k.count}×)`).join('; ')}`;
        if (failed.length > 0) suiteFailures += 1;
        cases.push(
          [
            `    <testcase classname="${escape(`perm-mock.${ns.name}.${api}`)}" name="${escape(`${op.operation} (${op.method} ${op.path})`)}" time="0">`,
            ...failed,
            `      <system-out>${escape(answers(op) + warned)}</system-out>`,
            '    </testcase>',
          ].join('\n'),
        );
      }
      tests += ops.length;
      failures += suiteFailures;
      suites.push(
        [
          `  <testsuite name="${escape(`perm-mock ${ns.name} ${api}`)}" tests="${ops.length}" failures="${suiteFailures}" errors="0" skipped="0" time="0" timestamp="${report.generatedAt.replace(/\.\d+Z$/, '')}">`,
          ...cases,
          '  </testsuite>',
        ].join('\n'),
      );
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="perm-mock" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: Report): string {
  const lines = [
    '# perm-mock verdicts',
    '',
    `${report.totals.requests} requests; ${report.totals.violations} broke their contract; ${report.totals.warnings} earned a warning. Verdict: **${report.verdict}**.`,
    '',
  ];
  for (const ns of report.namespaces) {
    lines.push(`## Namespace \`${ns.name}\``, '');
    lines.push('| operation | requests | broke the contract | warnings | answers received | never received |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    for (const op of ns.operations) {
      const broke = op.violations.kinds.map((k) => `${k.kind} (${k.count}×)`).join('; ');
      const warned = op.warnings.kinds.map((k) => `${k.kind} (${k.count}×)`).join('; ');
      const seen = op.responses.map((r) => `${r.status}×${r.count}`).join(', ');
      const never = op.neverSeen.map((r) => String(r.status)).join(', ');
      lines.push(
        `| \`${op.operation}\` | ${op.requests} | ${cell(broke || '—')} | ${cell(warned || '—')} | ${seen} | ${never || '—'} |`,
      );
    }
    const injected = ns.operations.flatMap((op) =>
      op.injected.map((i) => `\`${op.operation}\` ${i.status}: ${i.survived} of ${i.injected} survived`),
    );
    if (injected.length > 0) lines.push('', `Injected failures: ${injected.join('; ')}.`);
    if (ns.notCalled.length > 0) lines.push('', `Never called: ${ns.notCalled.map((id) => `\`${id}\``).join(', ')}.`);
    lines.push('');
  }
  return lines.join('\n');
}

export function renderReport(report: Report, format: ReportFormat, failOn: FailOn): string {
  if (format === 'junit') return renderJunit(report, failOn);
  if (format === 'md') return renderMarkdown(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}
