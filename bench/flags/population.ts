/**
 * The people and companies the flags benchmark stores in Warren, generated from a seed so every run stores the same
 * properties. Each person belongs to one company, and `/flags` requests name that company as their group.
 */
import { mulberry32, pick } from '../shared/seeded-random.js';

export const COMPANY_GROUP_TYPE = 'company';

const PLANS = ['free', 'free', 'starter', 'growth', 'enterprise'];
const COUNTRIES = ['US', 'US', 'GB', 'DE', 'FR', 'IN', 'BR', 'CA', 'JP'];
const DOMAINS = ['gmail.com', 'acme.com', 'example.org', 'corp.io', 'yahoo.com'];
const ROLES = ['admin', 'member', 'member', 'viewer'];
const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge'];
const UTM_SOURCES = ['google', 'newsletter', 'twitter', 'partner'];
const INDUSTRIES = ['saas', 'retail', 'fintech', 'health', 'media'];
const DAY_MS = 86_400_000;

export interface SeedPerson {
  distinctId: string;
  company: string;
  /** What the person's event `$set`s: 10–12 properties of every JSON type the operators read. */
  properties: Record<string, string | number | boolean>;
}

export interface SeedCompany {
  key: string;
  properties: Record<string, string | number>;
}

export function distinctIdOf(index: number): string {
  return `person-${index}`;
}

export function companyKeyOf(index: number): string {
  return `company-${index}`;
}

/** The company of person `index` among `companies` companies (the same on every call). */
export function companyOfPerson(index: number, companies: number): string {
  return companyKeyOf(index % companies);
}

/** Person `index`'s properties; `nowMs` anchors the sign-up dates so relative date filters split the population. */
export function seedPerson(index: number, companies: number, nowMs: number): SeedPerson {
  const rng = mulberry32(index + 1);
  const properties: SeedPerson['properties'] = {
    email: `user${index}@${pick(rng, DOMAINS)}`,
    name: `${pick(rng, ['Ada', 'Bo', 'Cyd', 'Dee', 'Eli'])} ${pick(rng, ['Ng', 'Ortiz', 'Park', 'Quinn'])}`,
    plan: pick(rng, PLANS),
    country: pick(rng, COUNTRIES),
    role: pick(rng, ROLES),
    age: 18 + Math.floor(rng() * 52),
    company_size: 1 + Math.floor(rng() ** 3 * 5000),
    signup_date: new Date(nowMs - Math.floor(rng() * 730) * DAY_MS).toISOString(),
    app_version: `${1 + Math.floor(rng() * 3)}.${Math.floor(rng() * 16)}.${Math.floor(rng() * 10)}`,
    $browser: pick(rng, BROWSERS),
  };
  // Absent for some people, so is_set / is_not_set and the negative operators see missing properties.
  if (rng() < 0.4) properties.beta_opt_in = rng() < 0.5;
  if (rng() < 0.6) properties.$initial_utm_source = pick(rng, UTM_SOURCES);
  return { distinctId: distinctIdOf(index), company: companyOfPerson(index, companies), properties };
}

export function seedCompany(index: number): SeedCompany {
  const rng = mulberry32(1_000_000 + index);
  return {
    key: companyKeyOf(index),
    properties: {
      name: `Company ${index}`,
      industry: pick(rng, INDUSTRIES),
      employees: 1 + Math.floor(rng() ** 2 * 2000),
      plan: pick(rng, PLANS),
    },
  };
}
