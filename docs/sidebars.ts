import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

const sidebars: SidebarsConfig = {
  course: [
    'index',
    'setup',
    { type: 'category', label: 'Labs', collapsed: false, items: ['loki', 'jaeger'] },
    { type: 'category', label: 'Exercises', collapsed: false, items: ['exercises-loki', 'exercises-jaeger'] },
    'troubleshooting',
    'instructor',
    'versions',
  ],
};

export default sidebars;
