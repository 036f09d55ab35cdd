import type { Language } from './language.ts';

/**
 * Every word a resident (or anyone on the "link cannot be used" page) reads, in English and Welsh.
 * Templates for these pages hold no words of their own, so nothing English is left on a Welsh page.
 * The Welsh should be checked by a Welsh language translator before go-live.
 */
export interface PageChromeText {
  serviceName: string;
  phaseText: string;
  skipLink: string;
  languageLabel: string;
  errorPrefix: string;
  errorSummaryTitle: string;
  exitThisPage: { html: string; activatedText: string; timedOutText: string; pressTwoMoreTimesText: string; pressOneMoreTimeText: string };
  /** Footer licence and copyright; undefined keeps GOV.UK's English defaults. */
  footer: { contentLicence?: { html: string }; copyright?: { text: string } };
}

export interface UnusableLinkText {
  title: string;
  reasons: string;
  contact: string;
}

/**
 * Asking for a new link, from the page of a link that expired or was replaced but still names a
 * check waiting for an answer; then what happens next. Never anything about the case.
 */
export interface NewLinkText {
  offer: string;
  button: string;
  askedTitle: string;
  asked: string;
  alreadyTitle: string;
  already: string;
  sooner: string;
}

/** How to reach the court team that sent the link: on every page of a link that is known to us. */
export interface CourtContactText {
  heading: string;
  team: (court: string) => string;
  email: string;
  phone: string;
  /** A court the directory does not list (a misconfiguration): still tell them who to contact. */
  noDetails: string;
}

/** A link that was used to reply: when, and how to change that reply. Never what it said. */
export interface AnsweredLinkText {
  title: string;
  usedAt: (when: string) => string;
  notRecorded: string;
  toChange: string;
}

/**
 * A resident withdrawing the consent they gave, through the link in their confirmation: what it
 * does, the button, and afterwards. Never anything about the case (whoever holds the link now may
 * not be the resident).
 */
export interface WithdrawalText {
  title: string;
  intro: string;
  whatHappensHeading: string;
  whatHappens: string[];
  onceOnly: string;
  button: string;
  doneTitle: string;
  donePanel: string;
  doneNext: string;
  usedTitle: string;
  usedAt: (when: string) => string;
  recordedByTeam: string;
  toTalk: string;
}

export interface ResidentText {
  title: string;
  intro: (name: string) => string;
  courtWantsToKnow: string;
  hoursHeading: string;
  dates: (start: string, end: string) => string;
  duringHours: string;
  meaningHeading: string;
  tag: (name: string) => string;
  visit: string;
  changeMind: string;
  notShared: (name: string) => string;
  notSafe: string;
  danger: string;
  question: (name: string) => string;
  consent: string;
  ifYouAgree: string;
  understood: string;
  refuse: string;
  or: string;
  speak: string;
  speakHint: string;
  send: string;
  errors: { decision: string; understood: string };
  sent: {
    answerSentTitle: string;
    requestSentTitle: string;
    youAgreed: string;
    youDidNotAgree: string;
    someoneWillContact: string;
    nextHeading: string;
    consentNext: (name: string) => string;
    refuseNext: string;
    speakNext: string;
    closePage: string;
    withdrawLater: string;
  };
}

const changeMindEn = 'You can change your mind at any time by contacting the probation court team that sent you the link.';
const changeMindCy = 'Gallwch newid eich meddwl ar unrhyw adeg drwy gysylltu â thîm llys y gwasanaeth prawf a anfonodd y ddolen atoch.';

export const chromeText: Record<Language, PageChromeText> = {
  en: {
    serviceName: 'Curfew safeguarding checks',
    phaseText: 'This is a new service.',
    skipLink: 'Skip to main content',
    languageLabel: 'Language',
    errorPrefix: 'Error',
    errorSummaryTitle: 'There is a problem',
    exitThisPage: {
      html: '<span class="govuk-visually-hidden">Emergency</span> Exit this page',
      activatedText: 'Loading.',
      timedOutText: 'Exit this page expired.',
      pressTwoMoreTimesText: 'Shift, press 2 more times to exit.',
      pressOneMoreTimeText: 'Shift, press 1 more time to exit.',
    },
    footer: {},
  },
  cy: {
    serviceName: 'Gwiriadau diogelu cyrffyw',
    phaseText: 'Mae hwn yn wasanaeth newydd.',
    skipLink: 'Neidio i’r prif gynnwys',
    languageLabel: 'Iaith',
    errorPrefix: 'Gwall',
    errorSummaryTitle: 'Mae problem wedi codi',
    exitThisPage: {
      html: '<span class="govuk-visually-hidden">Argyfwng</span> Gadael y dudalen hon',
      activatedText: 'Yn llwytho.',
      timedOutText: 'Mae’r botwm gadael y dudalen hon wedi dod i ben.',
      pressTwoMoreTimesText: 'Shift, pwyswch 2 waith arall i adael.',
      pressOneMoreTimeText: 'Shift, pwyswch 1 waith arall i adael.',
    },
    footer: {
      contentLicence: {
        html: 'Mae’r holl gynnwys ar gael o dan y <a class="govuk-footer__link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence-cymraeg/version/3/" rel="license">Drwydded Llywodraeth Agored v3.0</a>, oni nodir yn wahanol',
      },
      copyright: { text: '© Hawlfraint y Goron' },
    },
  },
};

export const unusableLinkText: Record<Language, UnusableLinkText> = {
  en: {
    title: 'This link cannot be used',
    reasons: 'It may have been used already, it may have expired, or it may no longer be needed. If we sent you a newer message about this, use the link in that one.',
    contact: 'If you still need to answer, contact the probation court team that sent you the link.',
  },
  cy: {
    title: 'Ni ellir defnyddio’r ddolen hon',
    reasons: 'Efallai ei bod wedi cael ei defnyddio’n barod, efallai ei bod wedi dod i ben, neu efallai nad oes ei hangen mwyach. Os gwnaethom anfon neges fwy diweddar atoch am hyn, defnyddiwch y ddolen yn y neges honno.',
    contact: 'Os oes angen i chi ateb o hyd, cysylltwch â thîm llys y gwasanaeth prawf a anfonodd y ddolen atoch.',
  },
};

export const newLinkText: Record<Language, NewLinkText> = {
  en: {
    offer: 'If your link has expired, or you have lost our newest message, you can ask the probation court team for a new link.',
    button: 'Ask for a new link',
    askedTitle: 'We have asked for a new link',
    asked: 'The probation court team has been told. They will send a new link to the address we used before.',
    alreadyTitle: 'You have already asked for a new link',
    already: 'The probation court team has already been told. They will send a new link to the address we used before.',
    sooner: 'If you need to answer sooner, contact the team.',
  },
  cy: {
    offer: 'Os yw eich dolen wedi dod i ben, neu os ydych wedi colli ein neges ddiweddaraf, gallwch ofyn i dîm llys y gwasanaeth prawf am ddolen newydd.',
    button: 'Gofyn am ddolen newydd',
    askedTitle: 'Rydym wedi gofyn am ddolen newydd',
    asked: 'Mae tîm llys y gwasanaeth prawf wedi cael gwybod. Byddant yn anfon dolen newydd i’r cyfeiriad a ddefnyddiwyd gennym o’r blaen.',
    alreadyTitle: 'Rydych eisoes wedi gofyn am ddolen newydd',
    already: 'Mae tîm llys y gwasanaeth prawf eisoes wedi cael gwybod. Byddant yn anfon dolen newydd i’r cyfeiriad a ddefnyddiwyd gennym o’r blaen.',
    sooner: 'Os oes angen i chi ateb yn gynt, cysylltwch â’r tîm.',
  },
};

export const courtContactText: Record<Language, CourtContactText> = {
  en: {
    heading: 'Contact the probation court team',
    team: (court) => `Probation court team, ${court}`,
    email: 'Email',
    phone: 'Telephone',
    noDetails: 'Contact the probation court team that sent you the link.',
  },
  cy: {
    heading: 'Cysylltu â thîm llys y gwasanaeth prawf',
    team: (court) => `Tîm llys y gwasanaeth prawf, ${court}`,
    email: 'E-bost',
    phone: 'Ffôn',
    noDetails: 'Cysylltwch â thîm llys y gwasanaeth prawf a anfonodd y ddolen atoch.',
  },
};

export const answeredLinkText: Record<Language, AnsweredLinkText> = {
  en: {
    title: 'This link has already been used',
    usedAt: (when) => `This link was used to send a reply on ${when}.`,
    notRecorded: 'The answer you have just sent has not been recorded.',
    toChange: 'If the reply needs to change, or you need to add something, contact the probation court team straight away.',
  },
  cy: {
    title: 'Mae’r ddolen hon wedi cael ei defnyddio’n barod',
    usedAt: (when) => `Defnyddiwyd y ddolen hon i anfon ateb ar ${when}.`,
    notRecorded: 'Nid yw’r ateb rydych newydd ei anfon wedi cael ei gofnodi.',
    toChange: 'Os oes angen newid yr ateb, neu ychwanegu rhywbeth ato, cysylltwch â thîm llys y gwasanaeth prawf ar unwaith.',
  },
};

export const withdrawalText: Record<Language, WithdrawalText> = {
  en: {
    title: 'Withdraw your consent to a curfew at your home',
    intro: 'You agreed to a curfew at your home. You can withdraw your consent at any time until the curfew ends.',
    whatHappensHeading: 'What happens if you withdraw',
    whatHappens: [
      'The probation court team is told at once.',
      'If the court has not decided yet, the curfew will not be proposed for your home.',
      'If the court has already ordered a curfew at your home, the probation court team will ask the court to change it.',
      'The court is told only that consent was withdrawn for this address, not who withdrew it or why.',
    ],
    onceOnly: 'This link works once.',
    button: 'Withdraw my consent',
    doneTitle: 'You have withdrawn your consent',
    donePanel: 'The probation court team has been told.',
    doneNext: 'If you change your mind again, contact the probation court team.',
    usedTitle: 'Your consent has already been withdrawn',
    usedAt: (when) => `This link was used to withdraw your consent on ${when}.`,
    recordedByTeam: 'The probation court team has already recorded that you withdrew your consent.',
    toTalk: 'If you need to talk to someone about this, contact the probation court team.',
  },
  cy: {
    title: 'Tynnu eich caniatâd yn ôl ar gyfer cyrffyw yn eich cartref',
    intro: 'Gwnaethoch gytuno i gyrffyw yn eich cartref. Gallwch dynnu eich caniatâd yn ôl ar unrhyw adeg tan i’r cyrffyw ddod i ben.',
    whatHappensHeading: 'Beth sy’n digwydd os byddwch yn ei dynnu’n ôl',
    whatHappens: [
      'Bydd tîm llys y gwasanaeth prawf yn cael gwybod ar unwaith.',
      'Os nad yw’r llys wedi penderfynu eto, ni fydd y cyrffyw yn cael ei gynnig ar gyfer eich cartref.',
      'Os yw’r llys eisoes wedi gorchymyn cyrffyw yn eich cartref, bydd tîm llys y gwasanaeth prawf yn gofyn i’r llys ei newid.',
      'Dim ond y ffaith bod caniatâd wedi’i dynnu’n ôl ar gyfer y cyfeiriad hwn a ddywedir wrth y llys, nid pwy a’i tynnodd yn ôl na pham.',
    ],
    onceOnly: 'Dim ond unwaith y mae’r ddolen hon yn gweithio.',
    button: 'Tynnu fy nghaniatâd yn ôl',
    doneTitle: 'Rydych wedi tynnu eich caniatâd yn ôl',
    donePanel: 'Mae tîm llys y gwasanaeth prawf wedi cael gwybod.',
    doneNext: 'Os byddwch yn newid eich meddwl eto, cysylltwch â thîm llys y gwasanaeth prawf.',
    usedTitle: 'Mae eich caniatâd eisoes wedi’i dynnu’n ôl',
    usedAt: (when) => `Defnyddiwyd y ddolen hon i dynnu eich caniatâd yn ôl ar ${when}.`,
    recordedByTeam: 'Mae tîm llys y gwasanaeth prawf eisoes wedi cofnodi eich bod wedi tynnu eich caniatâd yn ôl.',
    toTalk: 'Os oes angen i chi siarad â rhywun am hyn, cysylltwch â thîm llys y gwasanaeth prawf.',
  },
};

export const residentText: Record<Language, ResidentText> = {
  en: {
    title: 'A curfew at your home',
    intro: (name) => `${name} may be ordered by the court to stay at your home during set hours. This is called a curfew.`,
    courtWantsToKnow: 'The court needs to know whether you agree before it decides.',
    hoursHeading: 'The curfew hours',
    dates: (start, end) => `The curfew would start on ${start} and end on ${end}.`,
    duringHours: 'They would have to be at your home during these hours:',
    meaningHeading: 'What this means for you',
    tag: (name) => `${name} would wear an electronic tag, so the authorities know if they are not at home during these hours.`,
    visit: 'Someone will visit your home to fit equipment.',
    changeMind: changeMindEn,
    notShared: (name) => `We will not tell ${name} what you answer. If the curfew cannot go ahead, the court is only told that consent was not given for this address, not your reasons.`,
    notSafe: 'If you do not feel safe, or someone could be pressuring you, choose “I would like to speak to someone first”.',
    danger: 'If you are in danger now, call 999.',
    question: (name) => `Do you agree to ${name} having a curfew at your home?`,
    consent: 'Yes, I agree',
    ifYouAgree: 'If you agree',
    understood: 'I understand what this means',
    refuse: 'No, I do not agree',
    or: 'or',
    speak: 'I would like to speak to someone first',
    speakHint: 'Someone from the probation service will contact you. This is not shown to anyone as a refusal.',
    send: 'Send answer',
    errors: { decision: 'Choose an answer', understood: 'Confirm that you understand what you are agreeing to' },
    sent: {
      answerSentTitle: 'Answer sent',
      requestSentTitle: 'Request sent',
      youAgreed: 'You said you agree.',
      youDidNotAgree: 'You said you do not agree.',
      someoneWillContact: 'Someone from the probation service will contact you.',
      nextHeading: 'What happens next',
      consentNext: (name) => `The court will decide whether ${name} gets a curfew. If it does, someone will contact you to arrange fitting the equipment.`,
      refuseNext: 'The curfew will not be proposed for your home. The court is only told that consent was not given for this address, not your reasons.',
      speakNext: 'Nothing has been decided. You can talk to them in private before you give an answer.',
      closePage: 'You can now close this page.',
      withdrawLater: 'We will send you a message with a link you can use to withdraw your consent privately, at any time until the curfew ends.',
    },
  },
  cy: {
    title: 'Cyrffyw yn eich cartref',
    intro: (name) => `Efallai y bydd y llys yn gorchymyn i ${name} aros yn eich cartref yn ystod oriau penodol. Cyrffyw yw’r enw ar hyn.`,
    courtWantsToKnow: 'Mae angen i’r llys wybod a ydych chi’n cytuno cyn iddo benderfynu.',
    hoursHeading: 'Oriau’r cyrffyw',
    dates: (start, end) => `Byddai’r cyrffyw yn dechrau ar ${start} ac yn dod i ben ar ${end}.`,
    duringHours: 'Byddai’n rhaid iddynt fod yn eich cartref yn ystod yr oriau hyn:',
    meaningHeading: 'Beth mae hyn yn ei olygu i chi',
    tag: (name) => `Byddai ${name} yn gwisgo tag electronig, fel bod yr awdurdodau’n gwybod os nad ydynt gartref yn ystod yr oriau hyn.`,
    visit: 'Bydd rhywun yn ymweld â’ch cartref i osod offer.',
    changeMind: changeMindCy,
    notShared: (name) => `Ni fyddwn yn dweud wrth ${name} beth yw eich ateb. Os na all y cyrffyw fynd yn ei flaen, dim ond y ffaith na roddwyd caniatâd ar gyfer y cyfeiriad hwn a ddywedir wrth y llys, nid eich rhesymau.`,
    notSafe: 'Os nad ydych yn teimlo’n ddiogel, neu os gallai rhywun fod yn rhoi pwysau arnoch, dewiswch “Hoffwn siarad â rhywun yn gyntaf”.',
    danger: 'Os ydych mewn perygl nawr, ffoniwch 999.',
    question: (name) => `Ydych chi’n cytuno i ${name} gael cyrffyw yn eich cartref?`,
    consent: 'Ydw, rwy’n cytuno',
    ifYouAgree: 'Os ydych chi’n cytuno',
    understood: 'Rwy’n deall beth mae hyn yn ei olygu',
    refuse: 'Nac ydw, dydw i ddim yn cytuno',
    or: 'neu',
    speak: 'Hoffwn siarad â rhywun yn gyntaf',
    speakHint: 'Bydd rhywun o’r gwasanaeth prawf yn cysylltu â chi. Ni fydd hyn yn cael ei ddangos i neb fel gwrthodiad.',
    send: 'Anfon ateb',
    errors: { decision: 'Dewiswch ateb', understood: 'Cadarnhewch eich bod yn deall beth rydych yn cytuno iddo' },
    sent: {
      answerSentTitle: 'Ateb wedi’i anfon',
      requestSentTitle: 'Cais wedi’i anfon',
      youAgreed: 'Dywedoch eich bod yn cytuno.',
      youDidNotAgree: 'Dywedoch nad ydych yn cytuno.',
      someoneWillContact: 'Bydd rhywun o’r gwasanaeth prawf yn cysylltu â chi.',
      nextHeading: 'Beth sy’n digwydd nesaf',
      consentNext: (name) => `Bydd y llys yn penderfynu a fydd ${name} yn cael cyrffyw. Os felly, bydd rhywun yn cysylltu â chi i drefnu gosod yr offer.`,
      refuseNext: 'Ni fydd y cyrffyw yn cael ei gynnig ar gyfer eich cartref. Dim ond y ffaith na roddwyd caniatâd ar gyfer y cyfeiriad hwn a ddywedir wrth y llys, nid eich rhesymau.',
      speakNext: 'Does dim wedi’i benderfynu. Gallwch siarad â nhw’n breifat cyn i chi roi ateb.',
      closePage: 'Gallwch gau’r dudalen hon nawr.',
      withdrawLater: 'Byddwn yn anfon neges atoch gyda dolen y gallwch ei defnyddio i dynnu eich caniatâd yn ôl yn breifat, ar unrhyw adeg tan i’r cyrffyw ddod i ben.',
    },
  },
};

/**
 * Every piece of English a resident page can show (the parts of each sentence between the names
 * and dates put into it): a Welsh page must contain none of them (the browser tests check).
 */
export function englishResidentPhrases(): string[] {
  const gap = '\u0000';
  const collect = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (typeof value === 'function') return collect((value as (...args: string[]) => string)(gap, gap, gap));
    if (value !== null && typeof value === 'object') return Object.values(value).flatMap(collect);
    return [];
  };
  const chrome = chromeText.en;
  return [...collect(residentText.en), ...collect(unusableLinkText.en), ...collect(newLinkText.en), ...collect(courtContactText.en), ...collect(answeredLinkText.en), ...collect(withdrawalText.en), chrome.serviceName, chrome.phaseText, chrome.skipLink, chrome.errorSummaryTitle, 'Exit this page']
    .flatMap((text) => text.split(gap))
    .map((text) => text.trim())
    .filter((text) => text.length > 3);
}
