/**
 * `node:crypto` for the browser bundle of the draw verifier: the pure draw-v1 modules hash with
 * createHash / hash (SHA-256 only). Synchronous, as the draw is: @noble/hashes' audited pure-JS
 * SHA-256 (Web Crypto's digest is asynchronous only). Nothing else of node:crypto is provided.
 */
import { sha256 } from '@noble/hashes/sha2';

type Data = string | Uint8Array;
const bytes = (d: Data) => (typeof d === 'string' ? new TextEncoder().encode(d) : d);
const out = (digest: Uint8Array, encoding?: string) => (encoding === 'hex' ? Buffer.from(digest).toString('hex') : Buffer.from(digest));

function only(algorithm: string): void {
  if (algorithm !== 'sha256') throw new Error(`only sha256 is available in the browser, not ${algorithm}`);
}

export function createHash(algorithm: string) {
  only(algorithm);
  const h = sha256.create();
  const hasher = {
    update(data: Data, _encoding?: string) {
      h.update(bytes(data));
      return hasher;
    },
    digest: (encoding?: string) => out(h.digest(), encoding),
  };
  return hasher;
}

export function hash(algorithm: string, data: Data, encoding?: string) {
  only(algorithm);
  return out(sha256(bytes(data)), encoding);
}

export function randomBytes(): never {
  throw new Error('randomBytes is not used by the verifier');
}
