/**
 * The publication record: what a plan fixed when it was published (the hashes of its frozen inputs
 * and its randomness rule), kept by third parties before the draw — the outbox pushes it to the
 * supervision platforms and the open-data file `publication_records` lists it. A redraw request
 * publishes a redraw record the same way. A verifier takes these from a source other than the
 * transcript and compares (anchor.ts). Pure: no framework imports.
 */
import { DrandChain, roundTime } from './drand';
import type { RandomnessSpec, RedrawRecord } from './transcript';

export const PUBLICATION_RECORD_FORMAT = 'ssgk-publication-record-v1';
export const REDRAW_RECORD_FORMAT = 'ssgk-redraw-record-v1';

/**
 * The documented margin: a drand round's time, or a named event's time, lies at least this long after
 * the publication (or redraw request) that fixed it — so its value cannot be known when it is fixed.
 */
export const PUBLICATION_MARGIN_SECONDS = 60;

export interface PublicationRecord {
  format: typeof PUBLICATION_RECORD_FORMAT;
  planId: string;
  /** ISO 8601 UTC with milliseconds, as the transcript's publishedAt. */
  publishedAt: string;
  algorithm: string;
  parametersHash: string;
  candidatePoolHash: string;
  inspectorPoolHash: string;
  conflictsHash: string;
  /** Equal to the frozen parameters' randomness. */
  randomness: RandomnessSpec;
  marginSeconds: number;
  /** The earliest time the draw may happen: the drand round's time, or the named event's. */
  drawNotBefore: string;
}

/** A redraw request's public record: the transcript's `redraw` plus the plan and the draw's earliest time. */
export interface RedrawAnnouncement extends RedrawRecord {
  format: typeof REDRAW_RECORD_FORMAT;
  planId: string;
  marginSeconds: number;
  drawNotBefore: string;
}

/** When the draw may happen at the earliest, for a randomness rule (null: an old commit-reveal without a named event). */
export function drawNotBefore(spec: RandomnessSpec, chain: DrandChain | undefined): string | null {
  if (spec.source === 'drand-quicknet') return chain ? new Date(roundTime(chain, spec.round) * 1000).toISOString() : null;
  return spec.event ? spec.event.at : null;
}

export function publicationRecord(fields: Omit<PublicationRecord, 'format' | 'marginSeconds' | 'drawNotBefore'>, chain: DrandChain | undefined): PublicationRecord {
  return { format: PUBLICATION_RECORD_FORMAT, ...fields, marginSeconds: PUBLICATION_MARGIN_SECONDS, drawNotBefore: drawNotBefore(fields.randomness, chain)! };
}

export function redrawAnnouncement(planId: string, redraw: RedrawRecord, chain: DrandChain | undefined): RedrawAnnouncement {
  return { format: REDRAW_RECORD_FORMAT, planId, ...redraw, marginSeconds: PUBLICATION_MARGIN_SECONDS, drawNotBefore: drawNotBefore(redraw.randomness, chain)! };
}

/** What names the randomness, to tell a new round or event from one already used by the plan. */
export function randomnessName(spec: RandomnessSpec): string {
  return spec.source === 'drand-quicknet' ? `drand ${spec.chainHash} round ${spec.round}` : `event ${spec.event?.name ?? '(none)'}`;
}
