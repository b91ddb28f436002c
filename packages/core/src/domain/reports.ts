/** Why a signed-in user reports a published video; the organiser's queue counts them per reason. */
export const reportReasons = ['inappropriate', 'not_basketball', 'not_own_content', 'spam', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

/** Longest free text a reporter may add. */
export const REPORT_DETAILS_MAX = 500;
