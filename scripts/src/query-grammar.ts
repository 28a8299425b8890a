// Parses LogQL and PromQL with the grammars Grafana's own query editors use, so a query in a
// dashboard, a doc page or lab.yaml that Grafana would reject fails a test instead.
import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';

type Parser = typeof logqlParser;

/** Positions of syntax errors (lezer marks them with error nodes); empty when the query parses. */
function syntaxErrors(parser: Parser, query: string): string[] {
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push(`syntax error at ${node.from}: "${query.slice(Math.max(0, node.from - 15), node.to + 15)}"`);
      }
    },
  });
  if (query.trim() === '') errors.push('empty query');
  return errors;
}

/** Grafana dashboard variables and ranges ($__auto, $__interval, ${var}) replaced by literals. */
export function withoutGrafanaVariables(query: string): string {
  return query
    .replace(/\$__(auto|interval|rate_interval|range)\b/g, '5m')
    .replace(/\[\$\{?[a-zA-Z_]\w*\}?\]/g, '[5m]')
    .replace(/\$\{([a-zA-Z_]\w*)(:[a-z]+)?\}|\$([a-zA-Z_]\w*)/g, 'var');
}

export function logqlErrors(query: string): string[] {
  return syntaxErrors(logqlParser, withoutGrafanaVariables(query));
}

export function promqlErrors(query: string): string[] {
  return syntaxErrors(promqlParser as unknown as Parser, withoutGrafanaVariables(query));
}
