import { afterAll } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp dir; remove() deletes it. */
export function tempDir(prefix = 'gb-test-') {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** For a test file: `fresh()` makes a directory that is removed after the file's tests. */
export function tempDirsRemovedAfterAll() {
  const made: Array<{ remove(): void }> = [];
  afterAll(() => made.forEach((d) => d.remove()));
  return {
    fresh(): string {
      const dir = tempDir();
      made.push(dir);
      return dir.path;
    },
  };
}
