// lang/kinds.md is generated from the kind registry; this test keeps it in sync.
// Regenerate after changing a kind: SNN_UPDATE_GOLDEN=1 npx vitest run test/lang
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderKindTables } from '../../src/semantics/reference-tables.js';
import { KINDS } from '../../src/semantics/kinds/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = path.join(root, 'lang', 'kinds.md');

describe('lang/kinds.md', () => {
  const text = renderKindTables() + '\n';

  it('matches renderKindTables()', () => {
    if (process.env.SNN_UPDATE_GOLDEN) fs.writeFileSync(file, text);
    const onDisk = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (onDisk !== text) {
      const a = onDisk.split('\n'), b = text.split('\n');
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      expect.fail(
        `lang/kinds.md is out of date with the kind registry (first difference at line ${i + 1}:\n` +
        `  on disk:   ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'})\n` +
        'regenerate it with: SNN_UPDATE_GOLDEN=1 npx vitest run test/lang',
      );
    }
  });

  it('documents every kind and every property', () => {
    for (const k of KINDS) {
      expect(text).toContain(`### ${k.name}\n`);
      for (const p of k.props) expect(text, `${k.name}.${p.name}`).toContain(`| \`${p.name}\` |`);
    }
  });

  it('is deterministic', () => {
    expect(renderKindTables()).toBe(renderKindTables());
  });
});
