// The clone command and repository link, from the root package.json (via docusaurus.config.ts).
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';
import type { Repository } from '../repository';

function useRepository(): Repository {
  return useDocusaurusContext().siteConfig.customFields?.repository as Repository;
}

/** `git clone <url>` and `cd <folder>`: after it the student is at the repository root. */
export function CloneCommand(): ReactNode {
  const r = useRepository();
  return <CodeBlock language="bash">{`git clone ${r.cloneUrl}\ncd ${r.folder}`}</CodeBlock>;
}

/** The repository's web page, as a link. */
export function RepoLink(): ReactNode {
  const { webUrl } = useRepository();
  return <a href={webUrl}>{webUrl}</a>;
}

/** The folder name `git clone` makes, for use in sentences. */
export function RepoFolder(): ReactNode {
  return <code>{useRepository().folder}</code>;
}
