import { describeValue } from '../../server/settings/display';
import { settingDef } from '../../server/settings/schema';
import type { ImportPlan } from './plan-import';

export interface ImportOutcome {
  readonly plan: ImportPlan;
  /** The source and target databases, as the report names them, and the rows read from the source. */
  readonly from: string;
  readonly rowsRead: number;
  readonly into: string;
  /** The plan's settings whose value differs from the target's (its defaults where it has no row). */
  readonly changed: ImportPlan['settings'];
  /** The target's settings before the import. */
  readonly current: Readonly<Record<string, unknown>>;
  readonly newKeys: readonly { key: string; kind: string }[];
  readonly newTokens: readonly string[];
  readonly dryRun: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function keyLine(outcome: ImportOutcome): string {
  const parts = (['gemini', 'vertex', 'paid'] as const).map((kind) => {
    const all = outcome.plan.keys[kind].length;
    const fresh = outcome.newKeys.filter((k) => k.kind === kind).length;
    const label = { gemini: 'API keys', vertex: 'Vertex keys', paid: 'paid keys' }[kind];
    return `${label}: ${fresh} new${all > fresh ? `, ${all - fresh} already here` : ''}`;
  });
  return `  ${parts.join('; ')}`;
}

/** What the import did (or would do), in the words a user checks it by; never a secret in clear. */
export function reportImport(outcome: ImportOutcome): string {
  const { plan, changed } = outcome;
  const verb = outcome.dryRun ? 'Would import' : 'Imported';
  const lines = [`Read ${plural(outcome.rowsRead, 'row')} of t_settings from gemini-balance's ${outcome.from}.`];
  lines.push(`${verb} into the ${outcome.into}${outcome.dryRun ? ' (dry run: nothing written)' : ''}:`);
  const same = plan.settings.length - changed.length;
  lines.push(`  ${plural(changed.length, 'setting')} changed${same > 0 ? ` (${same} more already had the same value)` : ''}${changed.length > 0 ? ':' : ''}`);
  for (const s of changed) lines.push(`    ${s.name} = ${s.shown} (was ${describeValue(outcome.current[s.name], settingDef(s.name).secret)})`);
  lines.push(keyLine(outcome));
  const tokensThere = plan.tokens.length - outcome.newTokens.length;
  lines.push(`  access tokens: ${outcome.newTokens.length} new${tokensThere > 0 ? `, ${tokensThere} already here` : ''}`);
  lines.push(...plan.notes.map((note) => `  ${note}${plan.authToken !== undefined && !outcome.dryRun ? ' (every dashboard session has ended)' : ''}`));
  if (plan.skipped.length > 0) {
    lines.push(`Skipped ${plural(plan.skipped.length, 'setting')}:`);
    for (const s of plan.skipped) lines.push(`  ${s.name}: ${s.reason}`);
  }
  if (!outcome.dryRun) {
    lines.push('A running server applies the dashboard password within 5 s; restart it to use the imported settings, keys and tokens.');
  }
  return lines.join('\n');
}
