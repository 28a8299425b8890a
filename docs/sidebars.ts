import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

// The order of a class: set up, the Loki lab and its exercises, then the Jaeger lab and its
// exercises ("Next" at the foot of each page follows it).
const sidebars: SidebarsConfig = {
  course: [
    'index',
    'setup',
    { type: 'category', label: 'Loki lab', collapsed: false, items: ['loki', 'exercises-loki', 'loki-distributed'] },
    { type: 'category', label: 'Jaeger lab', collapsed: false, items: ['jaeger', 'exercises-jaeger'] },
    'troubleshooting',
    'instructor',
    'versions',
  ],
};

export default sidebars;
