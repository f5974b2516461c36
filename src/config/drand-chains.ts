/** The drand chains the service knows: quicknet (pinned), and the one DRAND_CHAIN_INFO configures. */
import { chainFromInfo, DrandChain, QUICKNET } from '../draws/drand';

export interface DrandChains {
  /** The chain new plans and redraws use. */
  current: DrandChain;
  /** Every chain a published plan may name. */
  known: DrandChain[];
}

export function drandChains(info: string | undefined): DrandChains {
  if (!info) return { current: QUICKNET, known: [QUICKNET] };
  const chain = chainFromInfo(JSON.parse(info));
  return { current: chain, known: chain.chainHash === QUICKNET.chainHash ? [QUICKNET] : [chain, QUICKNET] };
}

/** Why DRAND_CHAIN_INFO is unusable, or null. */
export function drandChainProblem(info: string | undefined): string | null {
  try {
    drandChains(info);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
