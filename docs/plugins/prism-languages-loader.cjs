// Rspack loader for prism-react-renderer's bundle. That bundle registers about 40 Prism
// languages (its src/prism-langs.ts) when the site's main script starts; on a phone that is the
// largest part of evaluating the script, and the course uses none of them. This cuts that block
// down to the line that creates Prism; the languages the pages use come from the theme's
// `additionalLanguages` and src/theme/prism-include-languages.ts. A changed bundle fails the build
// rather than ship unnoticed.
const START = '// src/prism-langs.ts\n';
const KEEP = 'var Prism = __toESM(require_prism());\n';
const END = '// src/themes/index.ts\n';

module.exports = function dropBundledPrismLanguages(source) {
  const start = source.indexOf(START);
  const end = source.indexOf(END, start);
  if (start < 0 || end < 0 || source.indexOf(KEEP, start) !== start + START.length) {
    throw new Error(
      `${this.resourcePath}: prism-react-renderer's bundle no longer has the layout docs/plugins/prism-languages-loader.cjs expects; update the loader for this version`,
    );
  }
  return `${source.slice(0, start)}${START}${KEEP}\n${source.slice(end)}`;
};
