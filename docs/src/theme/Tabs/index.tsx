// Tabs that hydrate in place. The theme's Tabs is keyed on useIsBrowser, so once the page has
// hydrated it rebuilds every tab set and the code blocks inside them (a fix for Docusaurus#5653
// from before tabs read their stored choice through useSyncExternalStore). The choice a reader
// made before (groupId, kept in localStorage) or a link carries (queryString) still wins: the
// theme's useTabsContextValue applies it as an ordinary update right after hydration.
import { ThemeClassNames } from '@docusaurus/theme-common';
import {
  sanitizeTabsChildren,
  TabsProvider,
  useScrollPositionBlocker,
  useTabs,
  useTabsContextValue,
} from '@docusaurus/theme-common/internal';
import type { Props } from '@theme/Tabs';
import clsx from 'clsx';
import { type KeyboardEvent, type ReactNode, type SyntheticEvent, useRef } from 'react';

function TabList({ className }: { className?: string }): ReactNode {
  const { selectedValue, selectValue, tabValues, block } = useTabs();
  const tabs = useRef<(HTMLLIElement | null)[]>([]);
  const { blockElementScrollPositionUntilNextRender } = useScrollPositionBlocker();

  const select = (event: SyntheticEvent<HTMLLIElement>) => {
    const value = tabValues[tabs.current.indexOf(event.currentTarget)]?.value;
    if (value === undefined || value === selectedValue) return;
    // Keeps the clicked tab where it is on screen while tab sets of the same group above it change.
    blockElementScrollPositionUntilNextRender(event.currentTarget);
    selectValue(value);
  };
  // Arrow keys move the focus along the tabs (wrapping round), Enter selects.
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    const i = tabs.current.indexOf(event.currentTarget);
    const n = tabs.current.length;
    if (event.key === 'Enter') select(event);
    else if (event.key === 'ArrowRight') tabs.current[(i + 1) % n]?.focus();
    else if (event.key === 'ArrowLeft') tabs.current[(i - 1 + n) % n]?.focus();
  };

  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the theme's markup (Infima styles ul.tabs > li.tabs__item); the roles make it an ARIA tab list
    <ul role="tablist" aria-orientation="horizontal" className={clsx('tabs', block && 'tabs--block', className)}>
      {tabValues.map(({ value, label, attributes }, i) => (
        <li
          key={value}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: as above, each li is an ARIA tab
          role="tab"
          tabIndex={selectedValue === value ? 0 : -1}
          aria-selected={selectedValue === value}
          ref={(el) => {
            tabs.current[i] = el;
          }}
          onKeyDown={onKeyDown}
          onClick={select}
          {...attributes}
          className={clsx(
            'tabs__item',
            'obslab-tab',
            attributes?.className as string | undefined,
            selectedValue === value && 'tabs__item--active',
          )}
        >
          {label ?? value}
        </li>
      ))}
    </ul>
  );
}

export default function Tabs(props: Props): ReactNode {
  const value = useTabsContextValue(props);
  return (
    <TabsProvider value={value}>
      <div className={clsx(ThemeClassNames.tabs.container, 'tabs-container', 'obslab-tabs')}>
        <TabList className={props.className} />
        <div className="margin-top--md">{sanitizeTabsChildren(props.children)}</div>
      </div>
    </TabsProvider>
  );
}
