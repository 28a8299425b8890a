// The docs project's `test`: Playwright's, with one navigation retry when Chromium reports
// ERR_NETWORK_CHANGED. `pnpm test` runs the engine tier beside these tests, and every Docker
// network it creates or removes is a network change to Chromium, which then aborts the page load
// in flight. That says nothing about the site, so the load is made once more; any other error fails.
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
