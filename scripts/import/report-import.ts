import { describeValue } from '../../server/settings/display';
import { settingDef } from '../../server/settings/schema';
import type { ImportChanges } from './compare-target';
import type { ImportPlan } from './plan-import';

export interface ImportOutcome {
  readonly plan: ImportPlan;
  readonly changes: ImportChanges;
  /** The source and target databases, as the report names them, and the rows read from the source. */
  readonly from: string;
  readonly rowsRead: number;
  readonly into: string;
  readonly dryRun: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const KIND_LABEL = { gemini: 'API key', vertex: 'Vertex key', paid: 'paid key' } as const;

function keyLines({ plan, changes }: ImportOutcome): string[] {
  const parts = (['gemini', 'vertex', 'paid'] as const).map((kind) => {
    const fresh = changes.newKeys.filter((k) => k.kind === kind).length;
    const clashing = changes.keyConflicts.filter((c) => c.kind === kind).length;
    const there = plan.keys[kind].length - fresh - clashing;
    return `${KIND_LABEL[kind]}s: ${fresh} new${there > 0 ? `, ${there} already here` : ''}`;
  });
  const label = (kind: string) => KIND_LABEL[kind as keyof typeof KIND_LABEL] ?? kind;
  const withArticle = (kind: string) => `${/^[AEIOU]/i.test(label(kind)) ? 'an' : 'a'} ${label(kind)}`;
  const clashes = changes.keyConflicts.map(
    (c) => `  ${withArticle(c.kind)} is also listed as ${withArticle(c.keptAs)}: a key has one kind here, so it stays ${withArticle(c.keptAs)}`,
  );
  return [`  ${parts.join('; ')}`, ...clashes];
}

/** What the import did (or would do), in the words a user checks it by; never a secret in clear. */
export function reportImport(outcome: ImportOutcome): string {
  const { plan, changes, dryRun } = outcome;
  const lines = [`Read ${plural(outcome.rowsRead, 'row')} of t_settings from gemini-balance's ${outcome.from}.`];
  lines.push(dryRun ? `Would import into the ${outcome.into} (dry run: nothing written; the database is not opened, so values are compared with the defaults):` : `Imported into the ${outcome.into}:`);
  const same = plan.settings.length - changes.changed.length;
  lines.push(`  ${plural(changes.changed.length, 'setting')} changed${same > 0 ? ` (${same} more already had the same value)` : ''}${changes.changed.length > 0 ? ':' : ''}`);
  for (const s of changes.changed) lines.push(`    ${s.name} = ${s.shown} (was ${describeValue(changes.current[s.name], settingDef(s.name).secret)})`);
  lines.push(...keyLines(outcome));
  const tokensThere = plan.tokens.length - changes.newTokens.length;
  lines.push(`  access tokens: ${changes.newTokens.length} new${tokensThere > 0 ? `, ${tokensThere} already here` : ''}`);
  lines.push(...plan.notes.map((note) => `  ${note}${plan.authToken !== undefined && !dryRun ? ' (every dashboard session has ended)' : ''}`));
  if (plan.skipped.length > 0) {
    lines.push(`Skipped ${plural(plan.skipped.length, 'setting')}:`);
    for (const s of plan.skipped) lines.push(`  ${s.name}: ${s.reason}`);
  }
  if (!dryRun) {
    lines.push(
      'A running server applies the dashboard password within 5 s; restart it to use the imported settings, keys and tokens.',
      'From now on this database is the source of truth: API_KEYS and ALLOWED_TOKENS in the environment no longer seed it (add keys and tokens in the dashboard).',
    );
  }
  return lines.join('\n');
}
