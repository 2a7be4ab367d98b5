import { disposeTestContext } from './context.js';

/** Mocha root hooks: the shared database and identity go away once the whole run is over. */
export const mochaHooks = {
  async afterAll(this: unknown) {
    await disposeTestContext();
  },
};
