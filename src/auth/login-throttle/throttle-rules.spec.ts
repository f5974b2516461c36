import { backoffSeconds, clientKey } from './throttle-rules';

describe('backoffSeconds', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 0],
    [6, 15],
    [7, 30],
    [8, 60],
    [11, 480],
    [12, 900],
    [1000, 900],
  ])('after %i failures (5 free, base 15 s, max 900 s): %i s', (failures, seconds) => {
    expect(backoffSeconds(failures, 5, 15, 900)).toBe(seconds);
  });
});

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:DB8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['not-an-address', 'unknown'],
  ])('%s -> %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});
