// Writes a .br (brotli, quality 11) and a .gz (gzip, level 9) beside each file named on the
// command line, with node's zlib, so no other tool is needed. A file that has both already (the
// newsroom bundle's, copied into the site) keeps them. Used by scripts/build-site.sh and
// `make newsroom-bundle`: `node scripts/precompress.js FILE...`.
const zlib = require("zlib");
const fs = require("fs");

for (const file of process.argv.slice(2)) {
  if (fs.existsSync(file + ".br") && fs.existsSync(file + ".gz")) continue;
  const bytes = fs.readFileSync(file);
  const brotli = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
  fs.writeFileSync(file + ".br", zlib.brotliCompressSync(bytes, brotli));
  fs.writeFileSync(file + ".gz", zlib.gzipSync(bytes, { level: 9 }));
}
