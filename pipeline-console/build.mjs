// Bundles the console (src/main/web) into the jar's resources, where the orchestrator serves them
// at /console: target/classes/io/pipeline/console/static/
//   index.html            refers to the bundles by their hashed names; never cached
//   assets/<name>-<hash>  JavaScript and CSS, named by their content: cached for good
//   manifest.json         the files above, so the server loads them without listing the jar
// The graph layout library (ELK) is a chunk of its own, loaded by the first page that draws a graph.
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

const SOURCES = 'src/main/web';
const OUT = 'target/classes/io/pipeline/console/static';
const BASE = '/console/';

await rm(OUT, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: [join(SOURCES, 'main.js'), join(SOURCES, 'styles.css')],
  outdir: OUT,
  entryNames: 'assets/[name]-[hash]',
  chunkNames: 'assets/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: ['chrome120', 'firefox120'],
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs).map(([path, output]) => ({
  file: relative(OUT, path),
  entryPoint: output.entryPoint,
}));
const entry = (source) => {
  const found = outputs.find((output) => output.entryPoint === join(SOURCES, source));
  if (!found) throw new Error(`esbuild wrote no output for ${source}`);
  return BASE + found.file;
};

const template = await readFile(join(SOURCES, 'index.html'), 'utf8');
const index = template
  .replace('%MAIN_JS%', entry('main.js'))
  .replace('%STYLES_CSS%', entry('styles.css'));
if (/%[A-Z_]+%/.test(index))
  throw new Error('index.html has a placeholder build.mjs does not fill');
await writeFile(join(OUT, 'index.html'), index);

const files = ['index.html', ...outputs.map((output) => output.file)].sort();
await mkdir(dirname(join(OUT, 'manifest.json')), { recursive: true });
await writeFile(join(OUT, 'manifest.json'), JSON.stringify({ files }, null, 2) + '\n');
