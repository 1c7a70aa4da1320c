import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random token with PostHog's prefixes: `phx_` personal API keys, `phc_` project tokens. Example: generateToken('phx_'). */
export function generateToken(prefix: 'phx_' | 'phc_' | 'phs_', bytes = 35): string {
  let n = BigInt('0x' + randomBytes(bytes).toString('hex'));
  let out = '';
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return prefix + out;
}

/** How a personal API key is stored: `sha256$<hex>`, as PostHog does. Example: hashApiKey('phx_abc') -> 'sha256$…'. */
export function hashApiKey(value: string): string {
  return 'sha256$' + createHash('sha256').update(value).digest('hex');
}

/** `phx_...` + the last four characters. Example: maskApiKey('phx_abcdefgh') -> 'phx_...efgh'. */
export function maskApiKey(value: string): string {
  return `${value.slice(0, 4)}...${value.slice(-4)}`;
}
