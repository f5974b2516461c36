/**
 * Offline verification of drand beacon rounds (BLS12-381, "bls-unchained-g1-rfc9380", as used by
 * the quicknet chain). Pure: no framework imports. Nothing here talks to the network.
 */
import { createHash } from 'node:crypto';
import { bls12_381 as bls } from '@noble/curves/bls12-381';

export interface DrandChain {
  chainHash: string;
  publicKey: string; // hex, G2 point (96 bytes)
  scheme: 'bls-unchained-g1-rfc9380';
  dst: string;
  periodSeconds: number;
  genesisTime: number; // unix seconds
}

/** The public quicknet chain (League of Entropy), pinned. */
export const QUICKNET: DrandChain = Object.freeze({
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  scheme: 'bls-unchained-g1-rfc9380',
  dst: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_',
  periodSeconds: 3,
  genesisTime: 1692803367,
});

/** The round published at unix time t (seconds): ⌊(t − genesis) / period⌋ + 1. */
export function roundAt(chain: DrandChain, unixSeconds: number): number {
  if (unixSeconds < chain.genesisTime) return 0;
  return Math.floor((unixSeconds - chain.genesisTime) / chain.periodSeconds) + 1;
}

/** When a round is published (unix seconds). */
export function roundTime(chain: DrandChain, round: number): number {
  return chain.genesisTime + (round - 1) * chain.periodSeconds;
}

/** The signed message of an unchained round: SHA-256 of the round as 8 bytes big-endian. */
export function roundMessage(round: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(round));
  return createHash('sha256').update(b).digest();
}

export type BeaconCheck = { ok: true; randomness: string } | { ok: false; reason: 'MALFORMED_SIGNATURE' | 'BAD_SIGNATURE' };

/** Verifies a round's signature against the chain key; the randomness is SHA-256(signature). */
export function verifyRound(chain: DrandChain, round: number, signatureHex: string): BeaconCheck {
  // Lower case only, as the specification says: a verifier refuses, never normalises, other hex.
  if (!/^[0-9a-f]{96}$/.test(signatureHex) || !Number.isSafeInteger(round) || round < 1) return { ok: false, reason: 'MALFORMED_SIGNATURE' };
  let valid = false;
  try {
    valid = bls.verifyShortSignature(signatureHex, roundMessage(round), chain.publicKey, { DST: chain.dst });
  } catch {
    return { ok: false, reason: 'MALFORMED_SIGNATURE' }; // not a point on the curve
  }
  if (!valid) return { ok: false, reason: 'BAD_SIGNATURE' };
  return { ok: true, randomness: createHash('sha256').update(Buffer.from(signatureHex, 'hex')).digest('hex') };
}

/**
 * A chain from drand's `/info` JSON (public_key, period, genesis_time, hash, schemeID), e.g. the
 * DRAND_CHAIN_INFO setting of a network with its own beacon, or a test beacon. Only the quicknet
 * scheme is supported: every chain is verified by verifyRound, the same code as quicknet.
 */
export function chainFromInfo(info: unknown): DrandChain {
  const i = (info ?? {}) as Record<string, unknown>;
  const scheme = i.schemeID ?? i.scheme;
  if (scheme !== 'bls-unchained-g1-rfc9380') throw new Error(`drand chain scheme must be bls-unchained-g1-rfc9380, got ${String(scheme)}`);
  const hex = (v: unknown, n: number, name: string) => {
    if (typeof v !== 'string' || !new RegExp(`^[0-9a-f]{${n}}$`).test(v)) throw new Error(`drand chain ${name} must be ${n} lower-case hex characters`);
    return v;
  };
  const int = (v: unknown, name: string) => {
    if (!Number.isSafeInteger(v) || (v as number) < 1) throw new Error(`drand chain ${name} must be a positive integer`);
    return v as number;
  };
  return Object.freeze({
    chainHash: hex(i.hash ?? i.chainHash, 64, 'hash'),
    publicKey: hex(i.public_key ?? i.publicKey, 192, 'public_key'),
    scheme: 'bls-unchained-g1-rfc9380',
    dst: QUICKNET.dst,
    periodSeconds: int(i.period ?? i.periodSeconds, 'period'),
    genesisTime: int(i.genesis_time ?? i.genesisTime, 'genesis_time'),
  });
}

/** The chain of a hash among the known ones (quicknet always; a configured one besides). */
export function chainOf(chains: readonly DrandChain[], chainHash: string): DrandChain | undefined {
  return chains.find((c) => c.chainHash === chainHash);
}
