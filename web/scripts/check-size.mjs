// Fails when the console ships more than 200 KB (204,800 bytes) of JavaScript and CSS, gzipped
// (issue #16). Usage: node scripts/check-size.mjs DIST_DIR. Prints each file and the total.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const kLimitBytes = 200 * 1024;
const dist = process.argv[2] ?? 'dist';
const assets = path.join(dist, 'assets');

let files;
try {
  files = (await readdir(assets)).filter((name) => /\.(js|css|mjs)$/.test(name)).sort();
} catch (error) {
  console.error(`check-size: cannot read ${assets}: ${error.message}`);
  process.exit(2);
}
if (files.length === 0) {
  console.error(`check-size: no .js or .css file in ${assets}`);
  process.exit(2);
}
let total = 0;
for (const name of files) {
  const bytes = await readFile(path.join(assets, name));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += gzipped;
  console.log(`${name}: ${bytes.length} bytes, ${gzipped} gzipped`);
}
const verdict = total <= kLimitBytes ? 'within' : 'OVER';
console.log(`total: ${total} bytes gzipped (${(total / 1024).toFixed(1)} KiB), ${verdict} the limit of ${kLimitBytes}`);
process.exit(total <= kLimitBytes ? 0 : 1);
