import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bank-holidays:refresh`: replaces the shipped bank-holiday dates with GOV.UK's published
 * list for England and Wales. Needs a network; deadlines never do.
 */
const source = 'https://www.gov.uk/bank-holidays.json';
const target = path.resolve(import.meta.dirname, '..', '..', 'functions', 'domain', 'data', 'bank-holidays-england-and-wales.json');

interface Published {
  'england-and-wales'?: { events?: { date?: unknown }[] };
}

const response = await fetch(source);
if (!response.ok) {
  process.stderr.write(`Could not fetch ${source}: HTTP ${response.status}\n`);
  process.exit(1);
}
const published = (await response.json()) as Published;
const dates = (published['england-and-wales']?.events ?? []).map((event) => event.date).filter((date): date is string => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date));
if (dates.length === 0) {
  process.stderr.write('The published list had no England and Wales dates; nothing written.\n');
  process.exit(1);
}
const data = {
  division: 'england-and-wales',
  source: `GOV.UK bank holidays (${source}), division england-and-wales`,
  takenOn: new Date().toISOString().slice(0, 10),
  note: 'As published by GOV.UK on the day above.',
  dates: [...new Set(dates)].sort(),
};
writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`);
process.stdout.write(`Wrote ${data.dates.length} dates (${data.dates[0]} to ${data.dates.at(-1)}) to ${path.relative(process.cwd(), target)}\n`);
