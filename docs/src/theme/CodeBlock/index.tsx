// The theme's CodeBlock remounts every block once the page has hydrated (a `key` that flips with
// useIsBrowser), because its Prism colours are inline styles that the server can only render for
// the light theme. That remount tokenizes and rebuilds every block a second time: on the Loki
// page, seconds of main-thread work on a phone. Our code colours live in CSS (src/css/code.css)
// and the server's HTML is right in both colour modes, so a block hydrates once and stays.

import type { Props } from '@theme/CodeBlock';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';
import { Children, isValidElement, type ReactNode } from 'react';

/** Plain-string children become one string, so the block can be highlighted and copied. */
function stringOrElements(children: ReactNode): ReactNode {
  if (Children.toArray(children).some((el) => isValidElement(el))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

export default function CodeBlock({ children, ...props }: Props): ReactNode {
  const content = stringOrElements(children);
  return typeof content === 'string' ? (
    <StringContent {...props}>{content}</StringContent>
  ) : (
    <ElementContent {...props}>{content}</ElementContent>
  );
}
