/**
 * Offered on a counts stream when the counts could not be read (the database
 * faltered): the subscriber gets one masked error event and stays subscribed,
 * so the next successful recount reaches it.
 */
export const COUNTS_UNAVAILABLE = Object.freeze({ unavailable: true as const });
export type CountsUnavailable = typeof COUNTS_UNAVAILABLE;
