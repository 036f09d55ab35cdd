import { describe, expect, it } from 'vitest';
import { navigationFor } from '#pages/staff/navigation';

const officer = [
  { href: '/proposals', text: 'My proposals' },
  { href: '/proposals/new', text: 'Start checks' },
  { href: '/court-list', text: 'Court list' },
];
const current = (path: string) => navigationFor(officer, path).filter((item) => item.active === true).map((item) => item.text);

describe("the staff navigation marks the section the page is in, and only that one", () => {
  it('on the start pages: Start checks, not also My proposals', () => {
    expect(current('/proposals/new')).toEqual(['Start checks']);
  });

  it('on a proposal or the list of proposals: My proposals', () => {
    expect(current('/proposals')).toEqual(['My proposals']);
    expect(current('/proposals/3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b')).toEqual(['My proposals']);
  });

  it('on a page outside every section: none', () => {
    expect(current('/queue')).toEqual([]);
    expect(current('/court-listing')).toEqual([]);
  });
});
