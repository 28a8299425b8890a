// Runs docs/plugins/prism-languages-loader.cjs on prism-react-renderer's bundle, for the browser
// and the server build alike (the server's HTML must tokenize code as the browser will).
import { createRequire } from 'node:module';
import type { Plugin } from '@docusaurus/types';

const require = createRequire(import.meta.url);

export default function prismLanguages(): Plugin {
  return {
    name: 'obslab-prism-languages',
    configureWebpack() {
      return {
        module: {
          rules: [
            {
              test: /[\\/]prism-react-renderer[\\/]dist[\\/]index\.m?js$/,
              use: [{ loader: require.resolve('./prism-languages-loader.cjs') }],
            },
          ],
        },
      };
    },
  };
}
