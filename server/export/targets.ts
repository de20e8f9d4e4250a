/**
 * Export targets as configured on the server (EXPORT_TARGETS_FILE): a name, a kind and its
 * settings, secrets included. Secrets stay here: a browser sees a target's name and kind only,
 * and no message below ever quotes a setting's value.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.js';
import type { SeedThread } from '../../shared/harvest/seed-thread.js';
import { discourseExporter } from './discourse.js';
import { categoryOf, parseDiscourseRouting, tagsOf, type DiscourseRouting } from './discourse-routing.js';
import type { ExportClock, Exporter } from './exporter.js';
import { FilesExporter } from './files.js';
import { MailExporter, type MailTarget } from './mail.js';
import { ningExporter } from './ning.js';
import { WebhookExporter, type WebhookTarget } from './webhook.js';

export const TARGET_KINDS = ['discourse', 'ning', 'mail', 'webhook', 'files'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface ExportTarget {
  name: string;
  kind: TargetKind;
  settings: Record<string, unknown>;
}

/** Settings each kind needs, as text (numbers and flags are checked by the exporter's own types below). */
const REQUIRED: Record<TargetKind, string[]> = {
  discourse: ['baseUrl', 'apiKey', 'apiUsername'],
  ning: ['subdomain', 'consumerKey', 'consumerSecret', 'token', 'tokenSecret'],
  mail: ['host', 'from', 'to'],
  webhook: ['url', 'secret'],
  files: ['dir'],
};

/** What a browser may see of a target. */
export function publicTarget(target: ExportTarget): { name: string; kind: TargetKind } {
  return { name: target.name, kind: target.kind };
}

/** Checks the file's JSON: `{ "targets": [{ "name", "kind", "settings" }] }`. Throws a ConfigError naming the problem, never a value. */
export function parseExportTargets(json: unknown): ExportTarget[] {
  const fail = (problem: string) => new ConfigError('EXPORT_TARGETS_FILE', problem);
  const list = (json as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(list)) throw fail('must hold an object with a "targets" array');
  const names = new Set<string>();
  return list.map((entry: unknown, i) => {
    const t = entry as Partial<ExportTarget> | null;
    if (typeof t?.name !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(t.name)) throw fail(`target ${i}: "name" must be 1-40 letters, digits, _ or -`);
    if (names.has(t.name)) throw fail(`target "${t.name}" is named twice`);
    names.add(t.name);
    if (!TARGET_KINDS.includes(t.kind as TargetKind)) throw fail(`target "${t.name}": "kind" must be one of ${TARGET_KINDS.join(', ')}`);
    const settings = t.settings;
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw fail(`target "${t.name}": "settings" must be an object`);
    for (const key of REQUIRED[t.kind as TargetKind]) {
      const value = (settings as Record<string, unknown>)[key];
      if (typeof value !== 'string' || value.trim() === '') throw fail(`target "${t.name}": setting "${key}" must be a non-empty string`);
    }
    if (t.kind === 'discourse') parseDiscourseRouting(settings as Record<string, unknown>, (problem) => fail(`target "${t.name}": ${problem}`));
    return { name: t.name, kind: t.kind as TargetKind, settings: settings as Record<string, unknown> };
  });
}

/** Reads EXPORT_TARGETS_FILE; none configured without a path. */
export function loadExportTargets(path: string | null): ExportTarget[] {
  if (path === null) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('EXPORT_TARGETS_FILE', `cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the fault, which may be a secret.
    throw new ConfigError('EXPORT_TARGETS_FILE', `"${path}" is not valid JSON`);
  }
  return parseExportTargets(json);
}

function routingOptions(routing: DiscourseRouting) {
  return { categoryFor: (thread: SeedThread) => categoryOf(routing, thread), tagsFor: (thread: SeedThread) => tagsOf(routing, thread) };
}

/** The exporter for a target, on `clock`. */
export function exporterFor(target: ExportTarget, clock: ExportClock): Exporter {
  const s = target.settings;
  switch (target.kind) {
    case 'discourse':
      return discourseExporter({
        baseUrl: String(s.baseUrl),
        apiKey: String(s.apiKey),
        apiUsername: String(s.apiUsername),
        ...routingOptions(parseDiscourseRouting(s, (problem) => new ConfigError('EXPORT_TARGETS_FILE', `target "${target.name}": ${problem}`))),
        clock,
      });
    case 'ning':
      return ningExporter({ ...(s as object), clock } as Parameters<typeof ningExporter>[0]);
    case 'mail':
      return new MailExporter({ port: 587, secure: false, ...(s as object) } as MailTarget, clock);
    case 'webhook':
      return new WebhookExporter(s as unknown as WebhookTarget, clock);
    case 'files':
      return new FilesExporter(String(s.dir));
  }
}
