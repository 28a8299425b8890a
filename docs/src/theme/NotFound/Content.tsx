// The 404 page in both languages: static hosts serve one 404.html for every missing path, so a
// reader of /en/... may get the Chinese site's page. Both say what happened and where to go.
import useBaseUrl from '@docusaurus/useBaseUrl';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Heading from '@theme/Heading';
import type { ReactNode } from 'react';

export default function NotFoundContent(): ReactNode {
  const { i18n } = useDocusaurusContext();
  // This locale's home; the site root is the default (zh-TW) locale's home, /en/ the English one.
  const home = useBaseUrl('/');
  const root = i18n.currentLocale === i18n.defaultLocale ? home : home.replace(new RegExp(`${i18n.currentLocale}/$`), '');
  return (
    <main className="container margin-vert--xl">
      <div className="row">
        <div className="col col--6 col--offset-3">
          <Heading as="h1" className="hero__title">
            找不到這一頁 / Page not found
          </Heading>
          <p lang="zh-TW">
            這個網址沒有頁面。回到<a href={root}>課程首頁</a>，或用上方的搜尋找找看。
          </p>
          <p lang="en">
            There is no page at this address. Go back to the <a href={`${root}en/`}>course home</a>, or try the search above.
          </p>
        </div>
      </div>
    </main>
  );
}
