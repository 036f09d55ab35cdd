import { describeBadInput } from './support/bad-input-suite.ts';

// Bad input against staff pages (docs/reliability.md, "3. Bad input"; how, in the support module).
describeBadInput('staff pages');
