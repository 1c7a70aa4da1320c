import type { Properties } from '../evaluation-context.js';
import { seededRandom } from './seeded-random.js';

/** One generated person: ids, properties and groups, as a request would carry them. */
export interface GeneratedPerson {
  distinctId: string;
  personProperties: Properties;
  groups: Record<string, string>;
  groupProperties: Record<string, Properties>;
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];
const DAY_MS = 86_400_000;

/**
 * Generates `count` people with varied, sometimes missing, sometimes oddly typed properties.
 * @example generatePeople(2000, new Date())[0].distinctId // 'user-0'
 */
export function generatePeople(count: number, now: Date): GeneratedPerson[] {
  const next = seededRandom(20240501);
  return Array.from({ length: count }, (_, i) => {
    const properties: Properties = {
      email: pick(next, ['ann@acme.com', 'Bob@ACME.com', 'carl@other.io', 'spam@acme.com', 'a.b@acme.com', 'Ann@other.com', 'x@acme.co']),
      plan: pick(next, ['pro', 'free', 'team', 'Pro', 'fRee', null]),
      age: pick(next, [17, 24, 31, 42, 64.5, 66, '42', '30', 'abc', '25.5']),
      score: pick(next, ['a', 'n', 'z', 5, 'm']),
      country: pick(next, ['US', 'us', 'CA', 'DE', 'de', 'FR', null]),
      app_version: pick(next, ['1.2.3', '2.0.0', '1.10.1', 'v1.4', '0.9.9', '2.0.5', '3.1.0', '0.8.0', '1.02.0', 'banana']),
      signup_date: new Date(now.getTime() - (Math.floor(next() * 900) + 0.5) * DAY_MS).toISOString(),
      beta: pick(next, [true, false, 'true', 'FALSE']),
      $device_id: `device-${Math.floor(next() * 1e6)}`,
    };
    for (const key of Object.keys(properties)) if (next() < 0.08) delete properties[key];
    const hasCompany = next() < 0.75;
    const company = `company-${i % 37}`;
    const person: GeneratedPerson = {
      distinctId: `user-${i}`,
      personProperties: properties,
      groups: hasCompany ? { company } : {},
      groupProperties: hasCompany ? { company: { employees: (i % 37) * 4, industry: pick(next, ['retail', 'saas']) } } : {},
    };
    return person;
  });
}
