import { describe, expect, test } from 'bun:test';
import { planList } from '../../server/settings/sync-tables';

describe('API_KEYS and ALLOWED_TOKENS from the environment meet the stored rows', () => {
  test('first start: the env list seeds the table without duplicates', () => {
    expect(planList('API_KEYS', ['k1', 'k2', 'k1', 'k3'], [], true, 'db', 'key')).toEqual({
      insert: ['k1', 'k2', 'k3'],
      remove: [],
    });
  });

  test('later start with CONFIG_SOURCE=db: a different env list is reported with counts, the table is left alone', () => {
    const result = planList('API_KEYS', ['k1', 'k2', 'k4'], ['k1', 'k2', 'k3'], false, 'db', 'key');
    expect(result.insert).toEqual([]);
    expect(result.remove).toEqual([]);
    expect(result.difference).toEqual({
      name: 'API_KEYS',
      env: '3 keys (1 not in the database)',
      database: '3 keys (1 not in the environment)',
    });
  });

  test('the difference never shows the keys themselves', () => {
    const { difference } = planList('API_KEYS', ['secret-new'], ['secret-old'], false, 'db', 'key');
    expect(JSON.stringify(difference)).not.toContain('secret');
  });

  test('one token reads in the singular', () => {
    const { difference } = planList('ALLOWED_TOKENS', ['t1'], ['t2'], false, 'db', 'token');
    expect(difference?.env).toBe('1 token (1 not in the database)');
    expect(difference?.database).toBe('1 token (1 not in the environment)');
  });

  test('later start with CONFIG_SOURCE=env: missing entries are added and extra ones removed', () => {
    expect(planList('API_KEYS', ['k1', 'k2', 'k4', 'k4'], ['k1', 'k2', 'k3'], false, 'env', 'key')).toEqual({
      insert: ['k4'],
      remove: ['k3'],
    });
  });

  test('the same set in another order or with repeats changes nothing', () => {
    for (const source of ['db', 'env'] as const) {
      expect(planList('API_KEYS', ['k2', 'k1', 'k2'], ['k1', 'k2'], false, source, 'key')).toEqual({
        insert: [],
        remove: [],
      });
    }
  });

  test('a list the environment does not give changes nothing', () => {
    for (const firstStart of [true, false]) {
      for (const source of ['db', 'env'] as const) {
        expect(planList('API_KEYS', undefined, ['k1'], firstStart, source, 'key')).toEqual({ insert: [], remove: [] });
      }
    }
  });
});
