// Date and CIDR functions. CIDR values are the documented examples; date values follow from the
// ISO 8601 inputs (the documentation shows them as the portal renders them, in the reader's locale).
import assert from 'node:assert/strict';
import { ev } from './helpers';

describe('arm-expression date functions', () => {
  it('dateTimeAdd adds ISO 8601 durations and keeps the format of the base value', () => {
    assert.equal(ev("dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')"), '2023-04-07 14:53:14Z');
    assert.equal(ev("dateTimeAdd('2020-04-07 14:53:14Z', '-P9D')"), '2020-03-29 14:53:14Z');
    assert.equal(ev("dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H')"), '2020-04-07 15:53:14Z');
    assert.equal(ev("dateTimeAdd('2020-04-07T14:53:14Z', 'PT1H30M')"), '2020-04-07T16:23:14Z');
    assert.equal(ev("dateTimeAdd('20200407T145314Z', 'P1W')"), '20200414T145314Z');
  });

  it('dateTimeAdd clamps month arithmetic to the end of the month and honours a format', () => {
    assert.equal(ev("dateTimeAdd('2020-01-31T00:00:00Z', 'P1M', 'yyyy-MM-dd')"), '2020-02-29');
    assert.equal(ev("dateTimeAdd('2021-01-31T00:00:00Z', 'P1M', 'yyyy-MM-dd')"), '2021-02-28');
    assert.equal(ev("dateTimeAdd('2020-02-29T10:00:00Z', 'P1Y', 'u')"), '2021-02-28 10:00:00Z');
    assert.equal(ev("dateTimeAdd('2024-06-01T08:05:09+02:00', 'PT0S', 'yyyy-MM-ddTHH:mm:ssK')"), '2024-06-01T06:05:09Z');
  });

  it('dateTimeAdd writes .NET standard and custom formats in the invariant culture', () => {
    const base = "'2024-03-05T17:04:09Z'";
    assert.equal(ev(`dateTimeAdd(${base}, 'PT0S', 'o')`), '2024-03-05T17:04:09.0000000Z');
    assert.equal(ev(`dateTimeAdd(${base}, 'PT0S', 's')`), '2024-03-05T17:04:09');
    assert.equal(ev(`dateTimeAdd(${base}, 'PT0S', 'd')`), '03/05/2024');
    assert.equal(ev(`dateTimeAdd(${base}, 'PT0S', 'R')`), 'Tue, 05 Mar 2024 17:04:09 GMT');
    assert.equal(ev(`dateTimeAdd(${base}, 'PT0S', 'dddd d MMMM yy, h:mm tt')`), 'Tuesday 5 March 24, 5:04 PM');
    assert.equal(ev(`dateTimeAdd(${base}, 'PT1.5S', 'HH:mm:ss.fff')`), '17:04:10.500');
    assert.throws(() => ev(`dateTimeAdd(${base}, 'PT0S', 'Q')`), /not a supported date-time format/);
  });

  it('dateTimeAdd refuses malformed dates and durations', () => {
    assert.throws(() => ev("dateTimeAdd('yesterday', 'P1D')"), /'dateTimeAdd'.*not a date-time/);
    assert.throws(() => ev("dateTimeAdd('2020-02-30T00:00:00Z', 'P1D')"), /not a valid date-time/);
    assert.throws(() => ev("dateTimeAdd('2020-01-01T00:00:00Z', '1 day')"), /not an ISO 8601 duration/);
    assert.throws(() => ev("dateTimeAdd('2020-01-01T00:00:00Z', 'P')"), /not an ISO 8601 duration/);
  });

  it('dateTimeToEpoch and dateTimeFromEpoch', () => {
    assert.equal(ev('dateTimeFromEpoch(1683040573)'), '2023-05-02T15:16:13Z');
    assert.equal(ev("dateTimeToEpoch('2023-05-02T15:16:13Z')"), 1683040573);
    assert.equal(ev("dateTimeToEpoch(dateTimeFromEpoch(0))"), 0);
  });
});

describe('arm-expression CIDR functions', () => {
  it('parseCidr for IPv4 and IPv6', () => {
    assert.deepEqual(ev("parseCidr('10.144.0.0/20')"), {
      network: '10.144.0.0',
      netmask: '255.255.240.0',
      broadcast: '10.144.15.255',
      firstUsable: '10.144.0.1',
      lastUsable: '10.144.15.254',
      cidr: 20,
    });
    assert.deepEqual(ev("parseCidr('fdad:3236:5555::/48')"), {
      network: 'fdad:3236:5555::',
      netmask: 'ffff:ffff:ffff::',
      firstUsable: 'fdad:3236:5555::',
      lastUsable: 'fdad:3236:5555:ffff:ffff:ffff:ffff:ffff',
      cidr: 48,
    });
  });

  it('cidrSubnet', () => {
    assert.deepEqual(ev("map(range(0, 5), lambda('i', cidrSubnet('10.144.0.0/20', 24, lambdaVariables('i'))))"), [
      '10.144.0.0/24',
      '10.144.1.0/24',
      '10.144.2.0/24',
      '10.144.3.0/24',
      '10.144.4.0/24',
    ]);
    assert.deepEqual(ev("map(range(0, 5), lambda('i', cidrSubnet('fdad:3236:5555::/48', 52, lambdaVariables('i'))))"), [
      'fdad:3236:5555::/52',
      'fdad:3236:5555:1000::/52',
      'fdad:3236:5555:2000::/52',
      'fdad:3236:5555:3000::/52',
      'fdad:3236:5555:4000::/52',
    ]);
    assert.throws(() => ev("cidrSubnet('10.0.0.0/24', 16, 0)"), /'cidrSubnet'.*between 24 and 32/);
    assert.throws(() => ev("cidrSubnet('10.0.0.0/24', 25, 2)"), /subnet index 2 is outside 0\.\.1/);
  });

  it('cidrHost', () => {
    assert.deepEqual(ev("map(range(0, 5), lambda('i', cidrHost('10.144.3.0/24', lambdaVariables('i'))))"), [
      '10.144.3.1',
      '10.144.3.2',
      '10.144.3.3',
      '10.144.3.4',
      '10.144.3.5',
    ]);
    assert.deepEqual(ev("map(range(0, 5), lambda('i', cidrHost('fdad:3236:5555:3000::/52', lambdaVariables('i'))))"), [
      'fdad:3236:5555:3000::1',
      'fdad:3236:5555:3000::2',
      'fdad:3236:5555:3000::3',
      'fdad:3236:5555:3000::4',
      'fdad:3236:5555:3000::5',
    ]);
    assert.throws(() => ev("cidrHost('10.0.0.0/30', 2)"), /'cidrHost'.*outside the usable addresses/);
  });

  it('refuses malformed networks', () => {
    assert.throws(() => ev("parseCidr('10.0.0.0')"), /'parseCidr'.*not in CIDR notation/);
    assert.throws(() => ev("parseCidr('10.0.0.256/8')"), /not a valid IPv4 address/);
    assert.throws(() => ev("parseCidr('10.0.0.0/33')"), /not a valid prefix length/);
    assert.throws(() => ev("parseCidr('fd00::1::2/64')"), /not a valid IPv6 address/);
  });
});
