"""
Anchoring a draw-v1 transcript to its publication record, written from docs/draw-algorithm.md
('Publication record and anchoring', 'Anchored verification'). Standard library only. The record
comes from a source other than the transcript: a file kept at publication, or the open-data file
publication_records.json of the publishing site. Messages are word for word the TypeScript
verifier's (src/draws/anchor.ts), so the two can be compared in CI.
"""
import json
from datetime import datetime, timezone

PUBLICATION_FORMAT = 'ssgk-publication-record-v1'
REDRAW_FORMAT = 'ssgk-redraw-record-v1'
MARGIN_SECONDS = 60


class AnchorError(Exception):
    """The anchor could not be checked (exit 3), as opposed to a difference (exit 1)."""


def canonical(value):
    """Canonical JSON: keys sorted by code point (= UTF-8 byte order), no white space, non-ASCII as is."""
    return json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False)


def iso(ms):
    """ECMAScript's Date.prototype.toISOString of a millisecond instant."""
    dt = datetime.fromtimestamp(ms // 1000, tz=timezone.utc)
    return dt.strftime('%Y-%m-%dT%H:%M:%S') + f'.{ms % 1000:03d}Z'


def anchor_from(doc, plan_id):
    """(publication, redraws) of the plan from a record, {publication, redraws} or the open-data rows; None when none."""
    records = []
    if isinstance(doc, list):
        for row in doc:
            records.append(json.loads(row['record']) if isinstance(row, dict) and isinstance(row.get('record'), str) else row)
    elif isinstance(doc, dict) and 'publication' in doc:
        records.append(doc['publication'])
        records.extend(doc.get('redraws') or [])
    else:
        records.append(doc)
    of_plan = [r for r in records if isinstance(r, dict) and r.get('planId') == plan_id]
    publication = next((r for r in of_plan if r.get('format') == PUBLICATION_FORMAT), None)
    if publication is None:
        return None
    return publication, [r for r in of_plan if r.get('format') == REDRAW_FORMAT]


def randomness_name(spec):
    if spec.get('source') == 'drand-quicknet':
        return f"drand {spec.get('chainHash')} round {spec.get('round')}"
    return f"event {(spec.get('event') or {}).get('name', '(none)')}"


def check_timing(spec, fixed_at, what, instant_ms, round_time_ms):
    """The time (ms) the randomness became known, or raises Difference naming why it was not the margin after fixed_at."""
    from draw_v1 import Difference
    earliest = instant_ms(fixed_at) + MARGIN_SECONDS * 1000
    if spec.get('source') == 'drand-quicknet':
        at = round_time_ms(spec)
        if at is None:
            raise AnchorError(f"unknown drand chain {spec.get('chainHash')}")
        if at < earliest:
            raise Difference(f"drand round {spec['round']} ({iso(at)}) does not lie {MARGIN_SECONDS} s after the {what} ({fixed_at}): its value could be known in advance")
        return at
    event = spec.get('event')
    if not event:
        raise Difference(f'commit-reveal without a public event named at the {what}: the entropy was not bound in advance')
    at = instant_ms(event.get('at'))
    if at is None:
        raise Difference('the named event has no valid time')
    if at < earliest:
        raise Difference(f"the named event ({event['at']}) does not lie {MARGIN_SECONDS} s after the {what} ({fixed_at})")
    return at


def verify_anchor(t, publication, redraws, instant_ms, round_time_ms):
    """Raises Difference at the first check that fails, in the order of the specification."""
    from draw_v1 import Difference
    p = publication
    if p.get('format') != PUBLICATION_FORMAT:
        raise Difference(f"unknown publication record format {p.get('format')}")
    if p.get('planId') != t['planId']:
        raise Difference(f"the publication record is of plan {p.get('planId')}, not {t['planId']}")
    if instant_ms(p.get('publishedAt')) is None:
        raise Difference('the publication record has no valid publishedAt')
    params = json.loads(t['parametersJson'])
    for key, actual in (('parametersHash', t['parametersHash']), ('candidatePoolHash', t['candidatePoolHash']), ('inspectorPoolHash', t['inspectorPoolHash']), ('conflictsHash', params.get('conflictsHash'))):
        if p.get(key) != actual:
            raise Difference(f'{key}: published {p.get(key)}, transcript has {actual} — the inputs are not those published')
    if canonical(p.get('randomness')) != canonical(params.get('randomness')):
        raise Difference(f"randomness rule: published {canonical(p.get('randomness'))}, the parameters have {canonical(params.get('randomness'))}")
    if 'publishedAt' in t and t['publishedAt'] != p['publishedAt']:
        raise Difference(f"publishedAt: published {p['publishedAt']}, transcript has {t['publishedAt']}")
    if 'publication' in t and canonical(t['publication']) != canonical(p):
        raise Difference("the transcript's publication record differs from the one kept elsewhere")
    not_before = check_timing(p['randomness'], p['publishedAt'], 'publication', instant_ms, round_time_ms)
    redraw = t.get('redraw')
    if redraw:
        announced = next((r for r in redraws if r.get('id') == redraw['id']), None)
        if announced is None:
            raise Difference(f"redraw {redraw['id']} was not announced in the records kept elsewhere")
        fields = {k: announced.get(k) for k in ('id', 'replacedDrawId', 'reason', 'requestedAt', 'randomness')}
        if canonical(fields) != canonical(redraw):
            raise Difference(f"redraw {redraw['id']}: the transcript's record differs from the one announced")
        requested = instant_ms(announced['requestedAt'])
        if not requested > instant_ms(p['publishedAt']):
            raise Difference('the redraw was requested before the plan was published')
        earlier = [r['randomness'] for r in redraws if r.get('id') != announced['id'] and (instant_ms(r.get('requestedAt')) or float('inf')) < requested]
        name = randomness_name(announced['randomness'])
        if name in [randomness_name(s) for s in [p['randomness'], *earlier]]:
            raise Difference(f"redraw {announced['id']} reuses {name}: a redraw must name a new round or event")
        not_before = check_timing(announced['randomness'], announced['requestedAt'], 'redraw request', instant_ms, round_time_ms)
    created = instant_ms(t.get('createdAt'))
    if created is None or not created >= not_before:
        raise Difference(f"the draw ({t.get('createdAt')}) happened before its randomness existed ({iso(not_before)})")
