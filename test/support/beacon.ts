/**
 * A drand test beacon: a chain key pair generated in the test, rounds signed on demand with the
 * quicknet scheme (bls-unchained-g1-rfc9380), so a draw can be tested end to end offline. The app
 * and verify-draw check its rounds with the same code as quicknet's (src/draws/drand.ts).
 */
import { createHash } from 'node:crypto';
import { bls12_381 as bls } from '@noble/curves/bls12-381';
import { DrandChain, QUICKNET, roundAt, roundMessage } from '../../src/draws/drand';

export class TestBeacon {
  private readonly secretKey = bls.utils.randomSecretKey();
  readonly chain: DrandChain;

  constructor(genesisTime = 1_700_000_000, periodSeconds = 3) {
    const publicKey = Buffer.from(bls.getPublicKeyForShortSignatures(this.secretKey)).toString('hex');
    const chainHash = createHash('sha256').update(`test-beacon:${publicKey}:${genesisTime}:${periodSeconds}`).digest('hex');
    this.chain = Object.freeze({ chainHash, publicKey, scheme: 'bls-unchained-g1-rfc9380', dst: QUICKNET.dst, periodSeconds, genesisTime });
  }

  /** The chain's /info JSON, as DRAND_CHAIN_INFO and `verify-draw --drand-chain` take it. */
  get info(): string {
    return JSON.stringify({ public_key: this.chain.publicKey, period: this.chain.periodSeconds, genesis_time: this.chain.genesisTime, hash: this.chain.chainHash, schemeID: 'bls-unchained-g1-rfc9380' });
  }

  /** The round's signature (96 hex characters). */
  sign(round: number): string {
    const sig: Uint8Array = bls.signShortSignature(new Uint8Array(roundMessage(round)), this.secretKey, { DST: this.chain.dst });
    return Buffer.from(sig).toString('hex');
  }

  roundAt(at: Date): number {
    return roundAt(this.chain, Math.floor(at.getTime() / 1000));
  }
}
