// The page's language, for components that print text of their own.
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';

export type Locale = 'zh-TW' | 'en';

export function useLocale(): Locale {
  return useDocusaurusContext().i18n.currentLocale === 'en' ? 'en' : 'zh-TW';
}
