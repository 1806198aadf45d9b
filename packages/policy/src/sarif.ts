/**
 * The one SARIF 2.1.0 builder of entra-guard: every command's `--format sarif` goes through it, so
 * GitHub code scanning and other SARIF readers see the same tool, rules, levels and fingerprints.
 */
import { createRequire } from 'node:module';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lookupCode } from './catalogue/codes.js';
import { REPOSITORY_URL } from './catalogue/constants.js';
import { redactText } from './redact.js';
import { registeredRule } from './registry.js';
import type { Finding, LocatedFinding, SarifLocation, Severity } from './types.js';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** A rule descriptor: what GitHub shows as the alert's title, description and help. */
export interface SarifRule {
  id: string;
  shortDescription: string;
  fullDescription?: string;
  /** Plain-text help shown with every result of the rule. */
  help?: string;
  helpUri?: string;
  tags?: readonly string[];
  /** 0.0 to 10.0: GitHub ranks security alerts by it (9+ critical, 7+ high, 4+ medium). */
  securitySeverity?: number;
  defaultLevel?: SarifLevel;
}

export interface SarifResultInput {
  ruleId: string;
  level: SarifLevel;
  message: string;
  location?: SarifLocation;
  /** What identifies this result across runs when lines move; defaults to the message. */
  fingerprint?: string;
  properties?: Record<string, unknown>;
  /** Why the result is suppressed (an inline comment, the allow-list, a baseline): shown, not counted. */
  suppression?: { kind: 'inSource' | 'external'; justification: string };
}

export interface SarifLogInput {
  rules: readonly SarifRule[];
  results: readonly SarifResultInput[];
  /** Relative result paths are read against this folder (`%SRCROOT%`); absolute paths under it are made relative. */
  baseDir?: string;
  /** What kept the run from reading everything (a file too large, unreadable…): the run's invocation notifications. */
  notifications?: readonly SarifNotificationInput[];
}

export interface SarifNotificationInput {
  level: 'error' | 'warning' | 'note';
  /** A stable code, such as `ERR_INPUT_TOO_LARGE`. */
  code: string;
  message: string;
  file?: string;
}

interface SarifNotification {
  level: SarifNotificationInput['level'];
  message: SarifText;
  descriptor: { id: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
}

interface SarifText {
  text: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifText;
  fullDescription: SarifText;
  help?: SarifText;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity'?: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifText;
  locations?: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
  suppressions?: { kind: 'inSource' | 'external'; justification: string }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: SarifReportingDescriptor[];
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    invocations?: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const FINGERPRINT_KEY = 'entraGuard/v1';
const SRCROOT = '%SRCROOT%';

let version: string | undefined;
/** The version of `@entra-guard/policy` (the same for `src/` and `dist/`, which sit beside package.json). */
export function toolVersion(): string {
  version ??= (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  return version;
}

function artifactLocation(file: string, baseDir: string | undefined): { uri: string; uriBaseId?: string } {
  const fromBase = baseDir !== undefined && isAbsolute(file) ? relative(baseDir, file) : file;
  if (isAbsolute(fromBase) || fromBase === '..' || fromBase.startsWith(`..${sep}`))
    return { uri: pathToFileURL(file).href };
  return { uri: encodeURI(fromBase.split(sep).join('/')), uriBaseId: SRCROOT };
}

function region(location: SarifLocation) {
  if (location.line === undefined) return undefined;
  return {
    startLine: location.line,
    ...(location.column === undefined ? {} : { startColumn: location.column }),
    ...(location.endLine === undefined ? {} : { endLine: location.endLine }),
    ...(location.endColumn === undefined ? {} : { endColumn: location.endColumn }),
  };
}

// node:crypto is loaded on first use: the CLI's start-up (`--help`) never needs it.
let crypto: typeof import('node:crypto') | undefined;
function fingerprint(parts: readonly string[]): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function descriptor(rule: SarifRule): SarifReportingDescriptor {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: redactText(rule.shortDescription) },
    fullDescription: { text: redactText(rule.fullDescription ?? rule.shortDescription) },
    ...(rule.help === undefined ? {} : { help: { text: redactText(rule.help) } }),
    ...(rule.helpUri === undefined ? {} : { helpUri: rule.helpUri }),
    defaultConfiguration: { level: rule.defaultLevel ?? 'warning' },
    properties: {
      tags: [...(rule.tags ?? [])],
      ...(rule.securitySeverity === undefined ? {} : { 'security-severity': rule.securitySeverity.toFixed(1) }),
    },
  };
}

/** A SARIF 2.1.0 log with one run of entra-guard. Every result's rule must be among `rules`. */
export function buildSarifLog(input: SarifLogInput): SarifLog {
  const byId = new Map<string, SarifRule>();
  for (const rule of input.rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  const rules = [...byId.values()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = input.results.map((result): SarifResult => {
    const ruleIndex = index.get(result.ruleId);
    if (ruleIndex === undefined) throw new TypeError(`SARIF result for rule '${result.ruleId}' has no rule descriptor`);
    const location = result.location === undefined ? undefined : artifactLocation(result.location.file, input.baseDir);
    const where = result.location === undefined ? undefined : region(result.location);
    const message = redactText(result.message);
    return {
      ruleId: result.ruleId,
      ruleIndex,
      level: result.level,
      message: { text: message },
      ...(location === undefined
        ? {}
        : {
            locations: [
              { physicalLocation: { artifactLocation: location, ...(where === undefined ? {} : { region: where }) } },
            ],
          }),
      partialFingerprints: {
        [FINGERPRINT_KEY]: fingerprint([result.ruleId, location?.uri ?? '', result.fingerprint ?? message]),
      },
      ...(result.properties === undefined ? {} : { properties: result.properties }),
      ...(result.suppression === undefined
        ? {}
        : { suppressions: [{ ...result.suppression, justification: redactText(result.suppression.justification) }] }),
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'entra-guard',
            version: toolVersion(),
            semanticVersion: toolVersion(),
            informationUri: REPOSITORY_URL,
            rules: rules.map(descriptor),
          },
        },
        ...(input.baseDir === undefined
          ? {}
          : { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(`${input.baseDir}${sep}`).href } } }),
        ...(input.notifications === undefined || input.notifications.length === 0
          ? {}
          : { invocations: [invocation(input.notifications, input.baseDir)] }),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function invocation(notifications: readonly SarifNotificationInput[], baseDir: string | undefined) {
  return {
    executionSuccessful: !notifications.some((n) => n.level === 'error'),
    toolExecutionNotifications: notifications.map((n): SarifNotification => ({
      level: n.level,
      message: { text: redactText(n.message) },
      descriptor: { id: n.code },
      ...(n.file === undefined
        ? {}
        : { locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.file, baseDir) } }] }),
    })),
  };
}

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, number> = { error: 7, warning: 4, info: 1 };

export function sarifLevel(severity: Severity): SarifLevel {
  return LEVELS[severity];
}

/**
 * The descriptor of a finding's rule: from the rule registry for a builtin rule, else (an
 * organisation's rule) from the finding and the catalogue entry of its code.
 */
export function ruleFromFinding(finding: Finding): SarifRule {
  const rule = registeredRule(finding.rule);
  const code = rule === undefined ? finding.code : rule.code;
  const entry = code === null ? undefined : lookupCode(code);
  const severity = rule?.severity ?? finding.severity;
  return {
    id: finding.rule,
    shortDescription:
      rule?.summary ?? (entry === undefined ? finding.message : `Entra would answer ${entry.code} (${entry.name})`),
    fullDescription: entry?.cause ?? rule?.summary ?? finding.message,
    help: `Fix: ${entry?.fix ?? finding.fix}`,
    helpUri: rule?.docs ?? finding.docs,
    tags: [
      'security',
      'entra-id',
      ...(code === null ? [] : [code]),
      `confidence/${rule?.confidence ?? finding.confidence}`,
    ],
    securitySeverity: SECURITY_SEVERITY[severity],
    defaultLevel: LEVELS[severity],
  };
}

/**
 * Findings as SARIF. Rule descriptors come from the findings and the catalogue unless `rules` gives
 * one for that id (for example a richer description of a check).
 */
export function sarifFromFindings(
  findings: readonly (LocatedFinding & { suppression?: SarifResultInput['suppression'] })[],
  options: { baseDir?: string; rules?: readonly SarifRule[]; notifications?: readonly SarifNotificationInput[] } = {},
): SarifLog {
  const given = new Map((options.rules ?? []).map((r) => [r.id, r]));
  const rules = findings.map((f) => given.get(f.rule) ?? ruleFromFinding(f));
  return buildSarifLog({
    rules,
    baseDir: options.baseDir,
    ...(options.notifications === undefined ? {} : { notifications: options.notifications }),
    results: findings.map((f) => ({
      ruleId: f.rule,
      level: LEVELS[f.severity],
      message: `${f.message} Fix: ${f.fix}`,
      location: f.location,
      fingerprint: [f.code ?? '', f.claim ?? '', f.message].join('\u0000'),
      properties: {
        code: f.code,
        confidence: f.confidence,
        ...(f.claim === undefined ? {} : { claim: f.claim }),
        ...(f.alternatives === undefined ? {} : { alternatives: f.alternatives }),
      },
      ...(f.suppression === undefined ? {} : { suppression: f.suppression }),
    })),
  });
}
