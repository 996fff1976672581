// Loads a TypeScript module of src/ (with the modules it imports) for a unit test: esbuild,
// Vite's own transformer, bundles it into a temporary .mjs, which is imported.
import { build } from 'esbuild';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function loadTs(relativePath) {
  const result = await build({
    entryPoints: [path.join(webDir, relativePath)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const dir = await mkdtemp(path.join(tmpdir(), 'ctom-web-unit-'));
  const file = path.join(dir, path.basename(relativePath).replace(/\.ts$/, '.mjs'));
  await writeFile(file, code);
  return import(pathToFileURL(file).href);
}
