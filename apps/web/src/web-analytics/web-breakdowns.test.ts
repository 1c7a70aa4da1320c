import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BREAKDOWN_CARDS, breakdownValue, filterLabel, type BreakdownTab } from './web-breakdowns';

const tab = (breakdownBy: string): BreakdownTab => BREAKDOWN_CARDS.flatMap((c) => c.tabs).find((t) => t.breakdownBy === breakdownBy)!;

test('the cards hold the tabs the page promises, each filtering on the property its rows are grouped by', () => {
  assert.deepEqual(
    BREAKDOWN_CARDS.map((c) => [c.title, c.tabs.map((t) => t.breakdownBy)]),
    [
      ['Pages', ['Page', 'InitialPage', 'ExitPage']],
      ['Sources', ['InitialChannelType', 'InitialReferringDomain', 'InitialUTMSource', 'InitialUTMCampaign']],
      ['Devices', ['DeviceType', 'Browser', 'OS']],
      ['Geography', ['Country', 'Country', 'Region', 'City']],
    ],
  );
  // What a visit started with is a session property; the page viewed is the event's.
  assert.deepEqual(tab('Page').filter, { type: 'event', key: '$pathname' });
  assert.deepEqual(tab('InitialPage').filter, { type: 'session', key: '$entry_pathname' });
  assert.deepEqual(tab('InitialChannelType').filter, { type: 'session', key: '$channel_type' });
  assert.deepEqual(tab('InitialUTMSource').filter, { type: 'session', key: '$entry_utm_source' });
  // Device and place are the session's (its landing event's), as the server groups them.
  assert.deepEqual(tab('DeviceType').filter, { type: 'session', key: '$device_type' });
  assert.deepEqual(tab('Country').filter, { type: 'session', key: '$geoip_country_code' });
});

test('a row filters on its value; a row without one filters on "not set"', () => {
  assert.deepEqual(breakdownValue(tab('Page'), '/pricing'), { label: '/pricing', filter: { type: 'event', key: '$pathname', value: '/pricing' } });
  assert.deepEqual(breakdownValue(tab('InitialUTMSource'), null), { label: '(none)', filter: { type: 'session', key: '$entry_utm_source', value: null } });
  assert.equal(breakdownValue(tab('InitialReferringDomain'), '$direct').label, 'Direct / none');
  assert.equal(breakdownValue(tab('InitialReferringDomain'), '$direct').filter.value, '$direct');
});

test('countries show flag and name but filter on the code; regions and cities come as tuples with their country', () => {
  assert.deepEqual(breakdownValue(tab('Country'), 'DE'), { label: '\u{1F1E9}\u{1F1EA} Germany', filter: { type: 'session', key: '$geoip_country_code', value: 'DE' } });
  assert.deepEqual(breakdownValue(tab('Region'), ['US', 'CA', 'California']), {
    label: '\u{1F1FA}\u{1F1F8} California',
    filter: { type: 'session', key: '$geoip_subdivision_1_code', value: 'CA' },
  });
  assert.deepEqual(breakdownValue(tab('City'), ['GB', 'London']), { label: '\u{1F1EC}\u{1F1E7} London', filter: { type: 'session', key: '$geoip_city_name', value: 'London' } });
  assert.equal(breakdownValue(tab('City'), ['GB', null]).filter.value, null);
  assert.equal(breakdownValue(tab('City'), 'London').label, 'London');
});

test('a filter chip names the column and the value as its row showed it', () => {
  assert.equal(filterLabel({ type: 'session', key: '$channel_type', value: 'Organic Search' }), 'Channel is Organic Search');
  assert.equal(filterLabel({ type: 'session', key: '$geoip_country_code', value: 'US' }), 'Country is \u{1F1FA}\u{1F1F8} United States');
  assert.equal(filterLabel({ type: 'session', key: '$entry_utm_source', value: null }), 'UTM source is not set');
  assert.equal(filterLabel({ type: 'event', key: '$custom', value: 'x' }), '$custom is x');
});

test('the Geography card opens on a map of every country, which filters as the Countries table does', () => {
  const [map, countries] = BREAKDOWN_CARDS.find((c) => c.title === 'Geography')!.tabs;
  assert.equal(map!.view, 'map');
  assert.ok((map!.limit ?? 0) >= 249, 'ISO 3166 has 249 country codes: the map asks for all of them');
  assert.deepEqual(map!.filter, countries!.filter);
  assert.equal(countries!.view, undefined);
});
