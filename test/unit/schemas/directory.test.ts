import { describe, expect, it } from 'vitest';
import { findLocalAuthority, findPoliceForce, localAuthorityCodes, policeForceCodes } from '#schemas/directory';

describe('the police force directory', () => {
  it('lists all 43 territorial police forces of England and Wales', () => {
    expect(policeForceCodes).toHaveLength(43);
  });

  it.each(['WILTSHIRE', 'METROPOLITAN', 'THAMES_VALLEY', 'SOUTH_WALES', 'DYFED_POWYS', 'AVON_AND_SOMERSET', 'DEVON_AND_CORNWALL', 'CITY_OF_LONDON'])(
    'includes %s', (code) => {
      expect(findPoliceForce(code)?.code).toBe(code);
    },
  );

  it('finds a force with a fictional enquiry address on a reserved domain', () => {
    expect(findPoliceForce('WILTSHIRE')).toEqual({
      code: 'WILTSHIRE', name: 'Wiltshire Police', enquiryEmail: 'domestic-abuse-enquiries@wiltshire.police.example',
    });
  });

  it('returns undefined for an unknown code', () => {
    expect(findPoliceForce('ATLANTIS')).toBeUndefined();
  });
});

describe('the local authority directory', () => {
  it('lists the 153 English and 22 Welsh authorities with children\'s services duties', () => {
    expect(localAuthorityCodes).toHaveLength(175);
  });

  it.each(['SWINDON', 'WILTSHIRE', 'CORNWALL', 'ISLES_OF_SCILLY', 'BRISTOL', 'CARDIFF', 'POWYS', 'WESTMINSTER', 'CITY_OF_LONDON', 'MANCHESTER', 'BIRMINGHAM', 'LEEDS'])(
    'includes %s', (code) => {
      expect(findLocalAuthority(code)?.code).toBe(code);
    },
  );

  it('finds Swindon with its fictional MASH address', () => {
    expect(findLocalAuthority('SWINDON')?.enquiryEmail).toBe('mash@swindon.council.example');
  });

  it('returns undefined for an unknown code', () => {
    expect(findLocalAuthority('WILTS')).toBeUndefined();
  });
});

describe('every directory entry', () => {
  it.each([
    ...policeForceCodes.map((code) => ['police force', code, findPoliceForce(code)?.enquiryEmail] as const),
    ...localAuthorityCodes.map((code) => ['local authority', code, findLocalAuthority(code)?.enquiryEmail] as const),
  ])('the %s %s sends enquiries to a fictional .example address', (_kind, _code, email) => {
    expect(email).toMatch(/^[a-z-]+@[a-z-]+\.(police|council)\.example$/);
  });
});
