// A code block's buttons (word wrap, copy) mount in a transition once the page has hydrated. The
// theme mounts them in the one blocking update that follows hydration, for every block of the page
// at once (40 on the Loki page); in a transition React builds them in slices and input stays
// responsive. They show on hover or focus only, so a few milliseconds later is unseen.
import type { Props } from '@theme/CodeBlock/Buttons';
import ThemeButtons from '@theme-original/CodeBlock/Buttons';
import { type ReactNode, startTransition, useEffect, useState } from 'react';

export default function CodeBlockButtons(props: Props): ReactNode {
  const [mounted, setMounted] = useState(false);
  useEffect(() => startTransition(() => setMounted(true)), []);
  return mounted ? <ThemeButtons {...props} /> : null;
}
