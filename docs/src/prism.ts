// Code highlighting. Colours are CSS (src/css/code.css), set per colour mode, so the server
// renders the same HTML for light and dark and no block has to be rebuilt after hydration
// (src/theme/CodeBlock/index.tsx): Prism only tags tokens with classes, this theme has no styles.
import type { PrismTheme } from 'prism-react-renderer';

export const cssCodeTheme: PrismTheme = { plain: {}, styles: [] };

// The languages the pages use besides LogQL (src/theme/prism-include-languages.ts) and plain
// `text`. They are the only ones Prism knows: plugins/prism-languages-loader.cjs drops the ones
// prism-react-renderer bundles. docs/test/pages.test.mts fails on a block in any other language.
export const additionalLanguages = ['bash', 'powershell', 'promql'];
