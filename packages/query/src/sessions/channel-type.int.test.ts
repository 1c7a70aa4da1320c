import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { call, constant } from '../sql/build.js';
import { printSql } from '../sql/print-sql.js';
import { openFixture, type Fixture } from '../test-support/chdb-fixture.js';
import { channelTypeExpr, type ChannelInputs } from './channel-type.js';

let fixture: Fixture;
before(async () => {
  fixture = await openFixture();
});

type Case = Partial<Record<keyof ChannelInputs, string | null>> & { expect: string; why: string };

// Each case: the entry event's attribution fields and the channel PostHog's rules give it.
const CASES: Case[] = [
  { why: 'no referrer, no utm', referringDomain: '$direct', expect: 'Direct' },
  { why: 'utm_source direct', referringDomain: '$direct', utmSource: 'direct', expect: 'Direct' },
  { why: 'google search result', referringDomain: 'www.google.com', expect: 'Organic Search' },
  { why: 'a country Google domain', referringDomain: 'www.google.co.uk', expect: 'Organic Search' },
  { why: 'duckduckgo', referringDomain: 'duckduckgo.com', expect: 'Organic Search' },
  { why: 'google ads click id', referringDomain: 'www.google.com', gclid: 'abc', expect: 'Paid Search' },
  { why: 'cpc with a search source', referringDomain: '$direct', utmSource: 'Google', utmMedium: 'cpc', expect: 'Paid Search' },
  { why: 'gad_source=1 without more', referringDomain: '$direct', gadSource: '1', expect: 'Paid Search' },
  { why: 'paid medium on facebook', referringDomain: 'l.facebook.com', utmSource: 'facebook', utmMedium: 'paid_social', expect: 'Paid Social' },
  { why: 'fbclid without paid medium', referringDomain: 'l.facebook.com', fbclid: 'x', expect: 'Organic Social' },
  { why: 'fbclid and cpc from an unknown source', referringDomain: '$direct', utmMedium: 'cpc', fbclid: 'x', expect: 'Paid Social' },
  { why: 'twitter short link', referringDomain: 't.co', expect: 'Organic Social' },
  { why: 'linkedin', referringDomain: 'www.linkedin.com', expect: 'Organic Social' },
  { why: 'youtube', referringDomain: 'www.youtube.com', expect: 'Organic Video' },
  { why: 'paid video campaign from unknown source', referringDomain: '$direct', utmMedium: 'cpv', utmCampaign: 'spring-video-push', expect: 'Paid Video' },
  { why: 'amazon', referringDomain: 'www.amazon.de', expect: 'Organic Shopping' },
  { why: 'shopping campaign', referringDomain: '$direct', utmCampaign: 'summer shopping', utmSource: 'partnerx', expect: 'Organic Shopping' },
  { why: 'email medium', referringDomain: '$direct', utmMedium: 'email', utmSource: 'weekly', expect: 'Email' },
  { why: 'webmail referrer', referringDomain: 'mail.google.com', expect: 'Email' },
  { why: 'affiliate medium', referringDomain: 'deals.example', utmMedium: 'affiliate', expect: 'Affiliate' },
  { why: 'display medium', referringDomain: '$direct', utmMedium: 'display', expect: 'Display' },
  { why: 'banner cpm is paid display', referringDomain: '$direct', utmMedium: 'cpm', expect: 'Display' },
  { why: 'sms', referringDomain: '$direct', utmMedium: 'sms', expect: 'SMS' },
  { why: 'push notification', referringDomain: '$direct', utmMedium: 'web-push', expect: 'Push' },
  { why: 'podcast', referringDomain: '$direct', utmMedium: 'podcast', expect: 'Audio' },
  { why: 'cross-network campaign wins over everything', referringDomain: 'www.google.com', gclid: 'x', utmCampaign: 'Q3 Cross-Network', expect: 'Cross Network' },
  { why: 'a link from some blog', referringDomain: 'blog.example.org', expect: 'Referral' },
  { why: 'unknown paid source', referringDomain: '$direct', utmMedium: 'ppc', utmSource: 'adnet', expect: 'Paid Unknown' },
  { why: 'unknown utm source, no referrer info', referringDomain: null, utmSource: 'somewhere', expect: 'Unknown' },
  { why: 'empty strings read as absent', referringDomain: '$direct', utmSource: '', utmMedium: '', gclid: '', expect: 'Direct' },
  { why: 'the text "null" reads as absent', referringDomain: '$direct', utmMedium: 'null', expect: 'Direct' },
];

test('every channel comes out as PostHog defines it', async () => {
  for (const c of CASES) {
    // Nullable like the session's columns: a string wrapped in toNullable, or NULL.
    const value = (v: string | null | undefined) => (v === null || v === undefined ? constant(null) : call('toNullable', constant(v)));
    const expr = channelTypeExpr({
      utmSource: value(c.utmSource),
      utmMedium: value(c.utmMedium),
      utmCampaign: value(c.utmCampaign),
      referringDomain: value(c.referringDomain),
      gclid: value(c.gclid),
      gadSource: value(c.gadSource),
      fbclid: value(c.fbclid),
    });
    const printed = printSql({ kind: 'select', select: [expr] }, { teamId: 1 });
    const result = await fixture.run(printed);
    assert.equal(result.rows[0]![0], c.expect, c.why);
  }
});

test('domain lists are bound as parameters, not printed into the SQL', () => {
  const none = constant(null);
  const printed = printSql({ kind: 'select', select: [channelTypeExpr({ utmSource: none, utmMedium: none, utmCampaign: none, referringDomain: none, gclid: none, gadSource: none, fbclid: none })] }, { teamId: 1 });
  assert.doesNotMatch(printed.sql, /duckduckgo|facebook/);
  assert.ok(Object.values(printed.params).some((v) => Array.isArray(v) && v.includes('duckduckgo')));
});
