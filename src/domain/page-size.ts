/**
 * The largest page a list field serves (`first`): argument validation refuses
 * more, and the cost estimate never counts past it.
 */
export const MAX_PAGE_SIZE = 100;
