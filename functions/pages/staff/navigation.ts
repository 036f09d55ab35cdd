import type { StaffRole } from '#auth/staff';

/** One link of the service navigation (GOV.UK service navigation component). */
export interface NavigationItem {
  href: string;
  text: string;
  active?: boolean;
}

const navigationByRole: Record<StaffRole, { href: string; text: string }[]> = {
  COURT_OFFICER: [
    { href: '/proposals', text: 'My proposals' },
    { href: '/proposals/new', text: 'Start checks' },
    { href: '/court-list', text: 'Court list' },
    { href: '/morning-check-in', text: 'Morning check-in' },
  ],
  SENIOR_PROBATION_OFFICER: [
    { href: '/queue', text: 'Countersigning and overdue checks' },
    { href: '/court-list', text: 'Court list' },
    { href: '/morning-check-in', text: 'Morning check-in' },
    { href: '/performance', text: 'Performance and quality' },
  ],
  SENTENCER: [{ href: '/court-list', text: 'Court list' }],
  PERFORMANCE_LEAD: [{ href: '/performance', text: 'Performance and quality' }],
};

/**
 * The navigation with the section the page is in marked: the item whose address the path is or is
 * under, the most specific one when several are (on /proposals/new, "Start checks", not also "My
 * proposals").
 */
export function navigationFor(items: readonly NavigationItem[], path: string): NavigationItem[] {
  const current = items
    .filter((item) => path === item.href || path.startsWith(`${item.href}/`))
    .reduce<{ href: string } | undefined>((best, item) => (best === undefined || item.href.length > best.href.length ? item : best), undefined);
  return items.map((item) => (item === current ? { ...item, active: true } : { ...item }));
}

/** The navigation of a user's role, with the section `path` is in marked. */
export function staffNavigation(role: StaffRole, path: string): NavigationItem[] {
  return navigationFor(navigationByRole[role], path);
}
