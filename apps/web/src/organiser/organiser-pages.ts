// The organisers' pages, loaded on demand: players and visitors never download them.
export { AuditPage } from './audit-page.tsx';
export { CalendarPage } from './calendar-page.tsx';
export { ModerationPage } from './moderation-page.tsx';
export { ResultsPage } from './results-page.tsx';
export { VoteProfilePage } from './vote-profile-page.tsx';
