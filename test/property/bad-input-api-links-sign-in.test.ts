import { describeBadInput } from './support/bad-input-suite.ts';

// Bad input against the JSON API, links, sign-in and the rest (docs/reliability.md, "3. Bad input"; how, in the support module).
describeBadInput('the JSON API, links, sign-in and the rest');
