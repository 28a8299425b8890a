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

export function RepoLink({ path, children }: { path?: string; children?: ReactNode }): ReactNode {
  const r = useRepository();
  const href = path ? `${r.webUrl}/tree/main/${path}` : r.webUrl;
  return <a href={href}>{children ?? href}</a>;
}

/** The folder name `git clone` makes, for use in sentences. */
export function RepoFolder(): ReactNode {
  return <code>{useRepository().folder}</code>;
}
