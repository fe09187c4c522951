import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { EndpointReport } from '../../src/core/endpoint/report.js';
import {
  escapeGithubData,
  escapeGithubProperty,
  renderEndpointGithub,
} from '../../src/ui/reporters/endpoint-github.js';
import { renderEndpointHuman } from '../../src/ui/reporters/endpoint-human.js';
import { escapeXml, renderEndpointJunit } from '../../src/ui/reporters/endpoint-junit.js';
import { findAll, parseXml } from '../helpers/xml.js';

const nasty = 'a <b> & "c" \'d\' \u0001\u001b[31m\ud800 ]]> %0A, : 100%\r\nnext';

const report: EndpointReport = {
  url: 'https://hooks.example/q?token=••••',
  version: 2,
  mode: 'suite',
  seed: 42,
  verdict: 'fail',
  checks: [
    { id: 'accepts-complete', title: 't', status: 'pass', reason: 'accepted (200)', details: {} },
    {
      id: 'rejects-wrong-secret',
      title: 't',
      status: 'fail',
      reason: nasty,
      details: {
        signature: { explain: ['qwh signed 10 bytes', 'header sha256=abcd…'], causes: 'causes' },
      },
    },
    { id: 'rejects-missing-auth', title: 't', status: 'skip', reason: 'no auth', details: {} },
    {
      id: 'latency',
      title: 't',
      status: 'warn',
      reason: 'p95 6001 ms is over 5000 ms',
      details: {},
    },
  ],
  counts: { pass: 1, fail: 1, warn: 1, skip: 1 },
  notes: [],
  stats: {
    deliveries: 3,
    responses: 3,
    noResponse: 0,
    durationMs: 1234,
    throughputPerSec: 2.4,
    concurrency: 4,
    latencyMs: { min: 1, p50: 2, p95: 3, p99: 3, max: 3, mean: 2 },
    statuses: { '200': 3 },
  },
};

describe('endpoint reporters', () => {
  it('JUnit is well-formed XML with one testcase per check, whatever the reason text holds', () => {
    const xml = renderEndpointJunit(report);
    const root = parseXml(xml);
    const cases = findAll(root, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(report.checks.map((c) => c.id));
    const failure = findAll(root, 'failure')[0]!;
    expect(failure.attrs.message).toBe(
      nasty.replace('\u0001', '\\u0001').replace('\u001b', '\\u001b').replace('\ud800', ''),
    );
    expect(findAll(root, 'skipped')).toHaveLength(1);
    expect(findAll(root, 'testsuite')[0]!.attrs).toMatchObject({
      tests: '4',
      failures: '1',
      skipped: '1',
    });
  });
  it('escapeXml shows control characters as \\uXXXX and drops what XML cannot carry', () => {
    expect(escapeXml('\u0000a\u0008\ufffe\u009b\u202e')).toBe('\\u0000a\\u0008\\u009b\\u202e');
    expect(escapeXml('😀')).toBe('😀');
  });
  it('GitHub annotations escape data and properties by the workflow-command rules', () => {
    expect(escapeGithubData('50%\r\nx')).toBe('50%25%0D%0Ax');
    expect(escapeGithubProperty('a: b, c')).toBe('a%3A b%2C c');
    const out = renderEndpointGithub(report).trim().split('\n');
    expect(out).toHaveLength(3); // error, warning, verdict
    expect(out[0]).toMatch(/^::error title=qwh test-endpoint%3A rejects-wrong-secret::/);
    expect(out[1]).toMatch(/^::warning title=qwh test-endpoint%3A latency::p95 6001 ms/);
    for (const l of out) expect(l).not.toMatch(/[\r]/);
  });
  it('the human table (no colour) reads as expected', () => {
    const text = renderEndpointHuman(
      { ...report, checks: report.checks.slice(0, 1).concat(report.checks.slice(2)) },
      new Chalk({ level: 0 }),
    );
    expect(text).toMatchSnapshot();
  });
});
