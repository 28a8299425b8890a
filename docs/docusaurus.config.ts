import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import prismLanguages from './plugins/prism-languages';
import { additionalLanguages, cssCodeTheme } from './src/prism';
import { repository } from './src/repository';

// zh-TW is the course's language and the default locale (served at /); English at /en/.
// The repository (root package.json) gives the clone command, the source links and the site's
// address on GitHub Pages; DOCS_URL and DOCS_BASE_URL override it for another host.
const config: Config = {
  title: 'Observability Lab',
  tagline: 'Scaling log and trace pipelines: Loki SSD and Jaeger with Kafka',
  url: process.env.DOCS_URL ?? repository.pagesUrl,
  baseUrl: process.env.DOCS_BASE_URL ?? '/',
  favicon: 'img/favicon.svg',
  customFields: { repository },
  trailingSlash: false,
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  // The fast bundler (Rspack, SWC, Lightning CSS): ~10x faster builds on small machines.
  future: { v4: true, faster: true },
  i18n: {
    defaultLocale: 'zh-TW',
    locales: ['zh-TW', 'en'],
    localeConfigs: {
      'zh-TW': { label: '繁體中文', htmlLang: 'zh-TW' },
      en: { label: 'English', htmlLang: 'en' },
    },
  },
  markdown: {
    hooks: { onBrokenMarkdownLinks: 'throw' },
  },
  plugins: [prismLanguages],
  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        language: ['en', 'zh'],
        docsRouteBasePath: '/',
        indexBlog: false,
        indexPages: false,
        highlightSearchTermsOnTargetPage: true,
      },
    ],
  ],
  presets: [
    [
      'classic',
      {
        docs: { routeBasePath: '/', sidebarPath: './sidebars.ts' },
        blog: false,
        pages: false,
        theme: { customCss: ['./src/css/custom.css', './src/css/code.css'] },
      } satisfies Preset.Options,
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'Observability Lab',
      items: [
        { type: 'doc', docId: 'loki', label: 'Loki SSD', position: 'left' },
        { type: 'doc', docId: 'jaeger', label: 'Jaeger + Kafka', position: 'left' },
        { type: 'localeDropdown', position: 'right' },
        { href: repository.webUrl, label: 'GitHub', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        { label: 'GitHub', href: repository.webUrl },
        { label: 'Grafana Loki', href: 'https://grafana.com/docs/loki/latest/' },
        { label: 'Jaeger', href: 'https://www.jaegertracing.io/docs/2.20/' },
        { label: 'Apache Kafka', href: 'https://kafka.apache.org/documentation/' },
      ],
      copyright: 'Observability lab curriculum. Labs run on Docker Compose.',
    },
    prism: {
      theme: cssCodeTheme,
      darkTheme: cssCodeTheme,
      additionalLanguages,
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
