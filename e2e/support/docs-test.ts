// The docs project's `test`: Playwright's, with one navigation retry when Chromium reports
// ERR_NETWORK_CHANGED. Every Docker network created or removed on the machine is a network change
// to Chromium, which then aborts the loads in flight. In `pnpm test` turbo starts these tests after
// the engine tier (turbo.json) for that reason; a lab started by hand can still do it, and that
// says nothing about the site, so the page load is made once more. Any other error fails.
import { test as base } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      try {
        return await goto(url, options);
      } catch (error) {
        if (!String(error).includes('net::ERR_NETWORK_CHANGED')) throw error;
        return goto(url, options);
      }
    };
    await use(page);
  },
});

export { expect, type Page } from '@playwright/test';
