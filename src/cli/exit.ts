/** The exit statuses (a module of its own, so naming them loads no commander). */
export const EXIT = { ok: 0, found: 1, error: 2 } as const;
