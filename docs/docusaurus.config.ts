import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import { themes as prismThemes } from 'prism-react-renderer';

// zh-TW is the course's language and the default locale (served at /); English at /en/.
const config: Config = {
  title: 'Observability Lab',
  tagline: 'Scaling log and trace pipelines: Loki SSD and Jaeger with Kafka',
  url: 'http://localhost',
  favicon: 'img/favicon.svg',
  baseUrl: '/',
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
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw' },
  },
  themes: [
    '@docusaurus/theme-mermaid',
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
        theme: { customCss: './src/css/custom.css' },
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
      ],
    },
    footer: {
      style: 'dark',
      copyright: 'Observability lab curriculum. Labs run on Docker Compose; see the repository README.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'yaml', 'nginx', 'promql'],
    },
    mermaid: { theme: { light: 'neutral', dark: 'dark' } },
  } satisfies Preset.ThemeConfig,
};

export default config;
