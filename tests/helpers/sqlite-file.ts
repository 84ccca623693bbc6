import { createClient } from '@libsql/client';

/** What a server left in its SQLite file, read straight from the file after it stopped. */
export async function readSqliteFile(path: string) {
  const client = createClient({ url: `file:${path}` });
  try {
    const settings = new Map(
      (await client.execute('SELECT key, value FROM settings')).rows.map((r) => [String(r.key), String(r.value)]),
    );
    const keys = (await client.execute('SELECT key, kind FROM api_keys ORDER BY id')).rows.map((r) => ({
      key: String(r.key),
      kind: String(r.kind),
    }));
    const tokens = (await client.execute('SELECT token, label FROM access_tokens ORDER BY id')).rows.map((r) => ({
      token: String(r.token),
      label: String(r.label),
    }));
    return { settings, keys, tokens };
  } finally {
    client.close();
  }
}
