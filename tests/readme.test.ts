import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { BEGIN, END, settingsTable } from '../scripts/settings-table';
import { settingNames } from '../server/settings/schema';

const readme = await Bun.file(join(import.meta.dir, '..', 'README.md')).text();

test('the README documents every setting, as the code defines it', () => {
  const table = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
  // Out of date? Run: bun scripts/settings-table.ts --write
  expect(table).toBe(settingsTable());
  for (const name of settingNames) expect(table).toContain(`| \`${name}\` |`);
});

test('the README gives the set-up and test commands CI relies on', async () => {
  expect(readme).toContain('bun install && bun run start');
  expect(readme).toContain('bun run test');
  expect(await Bun.file(join(import.meta.dir, '..', '.ci', 'run')).text()).toContain('bun run test');
});
