/**
 * The web app's layering, read from the source files themselves: nothing in web/ imports the
 * server (the API's types come from geodata/contract), web/src/shared imports no page, a page
 * imports no other page, and the wire contract stays types only, imported as types.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

interface Import {
  file: string;
  /** Repository-relative path the specifier points at (without extension), or the bare package. */
  target: string;
  typeOnly: boolean;
}

/** Every static and dynamic import and re-export of a file, with relative specifiers resolved. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  const dynamic = /import\(\s*['"]([^'"]+)['"]\s*\)/g;
  const add = (spec: string, typeOnly: boolean) => {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)).split(sep).join('/') : spec;
    found.push({ file: relative(ROOT, file).split(sep).join('/'), target, typeOnly });
  };
  for (const m of text.matchAll(statement)) add(m[3]!, m[2] !== undefined);
  for (const m of text.matchAll(dynamic)) add(m[1]!, false);
  return found;
}

const web = sources(join(ROOT, 'web/src')).flatMap(importsOf);
const pageOf = (path: string) => /^web\/src\/pages\/([^/]+)\//.exec(path)?.[1] ?? null;

describe('web/ layering', () => {
  it('reads the import statements (the check sees what it checks)', () => {
    expect(web.length).toBeGreaterThan(300);
    expect(web.some((i) => i.file === 'web/src/pages/map/Page.svelte' && i.target === 'web/src/shared/api')).toBe(true);
    expect(web.some((i) => i.file === 'web/src/pages/upload/Page.svelte' && i.target.endsWith('web/src/pages/upload/PreviewMap.svelte'))).toBe(true);
  });

  it('imports nothing from server/', () => {
    expect(web.filter((i) => i.target.startsWith('server/'))).toEqual([]);
  });

  it('keeps shared/ free of pages, and each page free of the others', () => {
    expect(web.filter((i) => i.file.startsWith('web/src/shared/') && i.target.startsWith('web/src/pages/'))).toEqual([]);
    const across = web.filter((i) => pageOf(i.file) && pageOf(i.target) && pageOf(i.file) !== pageOf(i.target));
    expect(across).toEqual([]);
  });

  it('reads the wire contract as types only, and the contract holds nothing else', () => {
    const everywhere = ['web/src', 'server'].flatMap((d) => sources(join(ROOT, d))).flatMap(importsOf);
    const contract = everywhere.filter((i) => i.target.startsWith('geodata/contract'));
    expect(contract.length).toBeGreaterThan(40);
    expect(contract.filter((i) => !i.typeOnly)).toEqual([]);
    for (const file of sources(join(ROOT, 'geodata/contract'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/^export\s+(?:const|let|function|class|enum|default)\b/m);
      expect(importsOf(file).filter((i) => !i.typeOnly && !i.target.startsWith('geodata/contract')), file).toEqual([]);
    }
  });
});
