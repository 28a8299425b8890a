// The repository, from the root package.json's "repository" field (one place for the URL):
// the clone URL, its web page and the GitHub Pages address the site is published at.
import rootPackage from '../../package.json';

export interface Repository {
  /** `git clone` URL, e.g. https://github.com/owner/name.git */
  cloneUrl: string;
  /** https://github.com/owner/name */
  webUrl: string;
  /** The folder `git clone` makes. */
  folder: string;
  /** https://owner.github.io */
  pagesUrl: string;
}

export function parseRepository(url: string): Repository {
  const m = /^(?:git\+)?https:\/\/github\.com\/([^/]+)\/([^/]+?)(?:\.git)?$/.exec(url);
  if (!m) throw new Error(`package.json "repository.url" must be https://github.com/<owner>/<name>.git (got "${url}")`);
  const [, owner, name] = m as unknown as [string, string, string];
  return {
    cloneUrl: `https://github.com/${owner}/${name}.git`,
    webUrl: `https://github.com/${owner}/${name}`,
    folder: name,
    pagesUrl: `https://${owner.toLowerCase()}.github.io`,
  };
}

export const repository: Repository = parseRepository(rootPackage.repository.url);
