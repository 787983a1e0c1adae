// Lists what a browser loads for a page, besides images, for the weight figures of
// `make bench` (bench/run.sh):
//
//   node bench/assets.mjs html < page.html     # assets the HTML references
//   node bench/assets.mjs css  < style.css     # fonts and imports a stylesheet references
//
// Prints one line per asset, "<kind>\t<url as written>", each URL once, in document order.
// HTML: <link> elements that make the browser fetch (stylesheet, modulepreload, preload,
// icon, apple-touch-icon, manifest), <script src>, and the module and wasm paths that inline
// scripts import (Leptos' hydration script imports the JS module, which fetches the wasm).
// Links that only name another document (canonical, alternate, feeds) are not loads. <img>,
// <picture>, <source> and CSS background images are images, left out on purpose.

import { readFileSync } from "node:fs";

const mode = process.argv[2];
if (mode !== "html" && mode !== "css") {
  console.error("usage: node bench/assets.mjs html|css < file");
  process.exit(2);
}
const text = readFileSync(0, "utf8");
const seen = new Set();
const out = [];
const add = (kind, url) => {
  if (!url || url.startsWith("data:") || seen.has(url)) return;
  seen.add(url);
  out.push(`${kind}\t${url}`);
};

// Attributes of one start tag, names lowercased; values unquoted, entities &amp; decoded.
function attributes(tag) {
  const attrs = {};
  const re = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const body = tag.replace(/^<[a-zA-Z0-9-]+/, "").replace(/\/?>$/, "");
  let m;
  while ((m = re.exec(body))) {
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    attrs[m[1].toLowerCase()] = value.replace(/&amp;/g, "&");
  }
  return attrs;
}

const LOADING_RELS = new Map([
  ["stylesheet", "css"],
  ["modulepreload", "js"],
  ["preload", null], // kind from `as`
  ["icon", "icon"],
  ["shortcut", "icon"],
  ["apple-touch-icon", "icon"],
  ["manifest", "manifest"],
]);

function fontOrOther(url) {
  return /\.(woff2?|ttf|otf|eot)(\?|#|$)/i.test(url) ? "font" : null;
}

if (mode === "html") {
  // Walk start tags of <link> and <script>, and the bodies of inline scripts, in order.
  const re = /<link\b[^>]*>|<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  let m;
  while ((m = re.exec(text))) {
    const whole = m[0];
    if (/^<link/i.test(whole)) {
      const a = attributes(whole);
      const rels = (a.rel || "").toLowerCase().split(/\s+/).filter(Boolean);
      for (const rel of rels) {
        if (!LOADING_RELS.has(rel)) continue;
        let kind = LOADING_RELS.get(rel);
        if (kind === null) {
          const as = (a.as || "").toLowerCase();
          if (as === "image") break; // an image preload: images are left out
          kind =
            { script: "js", style: "css", font: "font", fetch: a.type === "application/wasm" ? "wasm" : "fetch" }[
              as
            ] || as || "preload";
        }
        if (/\.wasm(\?|#|$)/i.test(a.href || "")) kind = "wasm";
        add(kind, a.href);
        break;
      }
    } else {
      const a = attributes(`<script${m[1]}>`);
      if (a.src) {
        add("js", a.src);
      } else {
        // Inline script: quoted same-origin paths to modules and wasm it imports or fetches.
        const pathRe = /["'`](\/[^"'`\s]+\.(m?js|wasm))["'`]/g;
        let p;
        while ((p = pathRe.exec(m[2]))) add(p[2] === "wasm" ? "wasm" : "js", p[1]);
      }
    }
  }
} else {
  const re = /@import\s+(?:url\()?\s*["']?([^"')\s;]+)["']?\s*\)?|url\(\s*["']?([^"')]+)["']?\s*\)/gi;
  let m;
  while ((m = re.exec(text))) {
    if (m[1]) add("css", m[1]);
    else if (fontOrOther(m[2])) add("font", m[2]);
  }
}

process.stdout.write(out.map((l) => l + "\n").join(""));
