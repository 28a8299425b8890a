// Prism has no LogQL: add a small grammar (selectors, pipes, filters, functions, durations) on
// top of the theme's own languages, so LogQL blocks are highlighted like PromQL ones.
import prismIncludeLanguagesOriginal from '@theme-original/prism-include-languages';
import type { PrismLib } from 'prism-react-renderer';

export default function prismIncludeLanguages(PrismObject: PrismLib): void {
  prismIncludeLanguagesOriginal(PrismObject);
  PrismObject.languages.logql = {
    string: { pattern: /"(?:\\.|[^"\\])*"|`[^`]*`/, greedy: true },
    'label-key': { pattern: /\b[a-zA-Z_]\w*(?=\s*(?:=~|!~|!=|=|>=|<=|>|<))/, alias: 'attr-name' },
    duration: { pattern: /\[\s*\d+(?:ms|s|m|h|d|w|y)\s*\]/, alias: 'number' },
    function:
      /\b(?:sum|avg|min|max|count|topk|bottomk|stddev|stdvar|sort|sort_desc|rate|count_over_time|bytes_over_time|bytes_rate|avg_over_time|sum_over_time|min_over_time|max_over_time|quantile_over_time|first_over_time|last_over_time|absent_over_time|histogram_quantile)\b(?=\s*\()/,
    keyword:
      /\b(?:by|without|json|logfmt|regexp|pattern|unpack|line_format|label_format|unwrap|keep|drop|decolorize|offset|bool|on|ignoring|group_left|group_right)\b/,
    number: /\b\d+(?:\.\d+)?\b/,
    operator: /\|=|\|~|!=|!~|=~|==|>=|<=|\||[=<>+\-*/%^]/,
    punctuation: /[{}()[\],]/,
  };
}
