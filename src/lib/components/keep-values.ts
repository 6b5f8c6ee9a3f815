import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance={keepValues}`: after the action the form keeps what it shows, the stored values;
 * the default reset would put back the values the page was loaded with.
 */
export const keepValues: SubmitFunction =
  () =>
  async ({ update }) =>
    update({ reset: false });
