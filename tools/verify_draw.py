#!/usr/bin/env python3
"""
A second, independent verifier of draw-v1 transcripts, written from docs/draw-algorithm.md alone
(Python 3 standard library only). Usage:

    python3 tools/verify_draw.py <transcript.json | URL> [replaced-draw transcript.json ...]
        (--publication <record kept at publication .json | URL> | --feed <https://site>)

Prints OK / DIFFERENCE / UNANCHORED, with the exit codes of `npm run verify-draw` (0 OK, 1
difference, 2 cannot verify, 3 unanchored). Never OK without a publication record taken from
somewhere else than the transcript (tools/anchor.py): a recomputed forgery is consistent in itself. drand's BLS12-381 signature is checked with a
vendored pure-Python subset of py_ecc (tools/vendor/py_ecc, MIT); if that cannot be loaded (Python
older than 3.10), it says so on stderr ("BLS 签名未验证") and checks all else.
Where this program and the TypeScript verifier disagree, the specification is unclear: fix the
document, then both.
"""
import hashlib
import json
import re
import struct
import sys
import urllib.request
from datetime import datetime, timezone

from anchor import AnchorError, anchor_from, verify_anchor

from draw_v1 import WHITE_SPACE, Difference, Draw, is_int, lp, parse_candidates, parse_conflicts, parse_inspectors, raw32, sha256, utf8

FORMAT = 'ssgk-draw-transcript-v1'
QUICKNET_CHAIN = '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971'
QUICKNET_GENESIS = 1692803367
QUICKNET_PERIOD = 3
MAX_CHAIN = 20

QUICKNET_PUBLIC_KEY = (
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d'
    '1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a'
)
QUICKNET_DST = b'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_'


def bls_verifier():
    """verify(round, signature bytes) -> None or the failure, or no verifier when the vendored BLS code cannot be loaded."""
    import os
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vendor'))
    try:
        from py_ecc.bls.hash_to_curve import hash_to_G1
        from py_ecc.bls.point_compression import decompress_G1, decompress_G2
        from py_ecc.fields import optimized_bls12_381_FQ12 as FQ12
        from py_ecc.optimized_bls12_381 import G2, curve_order, final_exponentiate, is_inf, multiply, neg
        from py_ecc.optimized_bls12_381.optimized_pairing import miller_loop
    except Exception:  # noqa: BLE001 (old Python, missing file: say BLS is not verified)
        return None
    key = bytes.fromhex(QUICKNET_PUBLIC_KEY)
    public_key = decompress_G2((int.from_bytes(key[:48], 'big'), int.from_bytes(key[48:], 'big')))

    def verify(round_number, signature):
        """None when valid, else MALFORMED_SIGNATURE (no point of the subgroup) or BAD_SIGNATURE."""
        try:
            point = decompress_G1(int.from_bytes(signature, 'big'))
        except ValueError:
            return 'MALFORMED_SIGNATURE'
        if not is_inf(multiply(point, curve_order)):
            return 'MALFORMED_SIGNATURE'  # not in the prime-order subgroup
        if is_inf(point):
            return 'BAD_SIGNATURE'  # the identity signs nothing
        message = hashlib.sha256(struct.pack('>Q', round_number)).digest()
        hashed = hash_to_G1(message, QUICKNET_DST, hashlib.sha256)
        # e(signature, g2) = e(H(m), public key)  ⇔  e(H(m), pk) · e(signature, −g2) = 1
        product = miller_loop(public_key, hashed, final_exponentiate=False) * miller_loop(neg(G2), point, final_exponentiate=False)
        return None if final_exponentiate(product) == FQ12.one() else 'BAD_SIGNATURE'

    return verify


def strip_ws(s):
    a, b = 0, len(s)
    while a < b and ord(s[a]) in WHITE_SPACE:
        a += 1
    while b > a and ord(s[b - 1]) in WHITE_SPACE:
        b -= 1
    return s[a:b]


def utf16_length(s):
    return len(s.encode('utf-16-le')) // 2


ISO_TIME = re.compile(r'([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?Z')  # [0-9], not \d: Python's \d also matches other scripts' digits


def instant_ms(value):
    """Milliseconds since the epoch of a `YYYY-MM-DDTHH:MM:SS(.fraction)?Z` time, or None."""
    if not isinstance(value, str):
        return None
    m = ISO_TIME.fullmatch(value)
    if not m:
        return None
    try:
        dt = datetime(*(int(g) for g in m.groups()[:6]), tzinfo=timezone.utc)
    except ValueError:
        return None
    frac = int((m.group(7) or '.0')[1:4].ljust(3, '0'))
    return int(dt.timestamp()) * 1000 + frac


# ---------------------------------------------------------------- comparison

MISSING = object()


def show(x):
    return 'undefined' if x is MISSING else json.dumps(x, ensure_ascii=False, separators=(',', ':'))


def first_difference(expected, actual, path):
    """Strict: null only equals null, numbers only numbers, booleans only booleans; members in sorted order."""
    def differ():
        raise Difference(f'{path}: expected {show(expected)}, transcript has {show(actual)}')
    if isinstance(expected, list) or isinstance(actual, list):
        if not (isinstance(expected, list) and isinstance(actual, list)):
            differ()
        for i in range(max(len(expected), len(actual))):
            first_difference(expected[i] if i < len(expected) else MISSING, actual[i] if i < len(actual) else MISSING, f'{path}[{i}]')
        return
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            first_difference(expected.get(key, MISSING), actual.get(key, MISSING), f'{path}.{key}')
        return
    if isinstance(expected, bool) or isinstance(actual, bool):
        if not (isinstance(expected, bool) and isinstance(actual, bool) and expected == actual):
            differ()
        return
    numbers = (int, float)
    if isinstance(expected, numbers) or isinstance(actual, numbers):
        if not (isinstance(expected, numbers) and isinstance(actual, numbers) and expected == actual):
            differ()
        return
    if expected is MISSING or actual is MISSING or type(expected) is not type(actual) or expected != actual:
        differ()


# ---------------------------------------------------------------- verification

def round_time(round_number):
    return QUICKNET_GENESIS + (round_number - 1) * QUICKNET_PERIOD


def check_randomness(t, params):
    redraw = t.get('redraw')
    if redraw is not None:
        if not isinstance(redraw, dict) or not isinstance(redraw.get('replacedDrawId'), str) or not redraw['replacedDrawId'] or not isinstance(redraw.get('reason'), str) or utf16_length(strip_ws(redraw['reason'])) < 4:
            raise Difference('a redraw must name the draw it replaces and a reason')
        if instant_ms(redraw.get('requestedAt')) is None:
            raise Difference('the redraw has no valid requestedAt time')
    fixed = redraw['randomness'] if redraw is not None else params['randomness']
    proof = t['randomness']
    if redraw is not None and fixed.get('source') == 'drand-quicknet':
        if not is_int(fixed.get('round')) or not round_time(fixed['round']) * 1000 > instant_ms(redraw['requestedAt']):
            raise Difference("the redraw's drand round was not in the future when the redraw was requested")
    if proof.get('source') != fixed.get('source'):
        raise Difference(f"randomness source {proof.get('source')} is not the published {fixed.get('source')}")
    if proof['source'] == 'drand-quicknet':
        if proof.get('round') != fixed.get('round') or not is_int(proof.get('round')) or proof.get('chainHash') != fixed.get('chainHash') or fixed.get('chainHash') != QUICKNET_CHAIN:
            raise Difference('drand chain or round differs from the published one')
        signature = proof.get('signature')
        if not isinstance(signature, str) or not re.fullmatch(r'[0-9a-f]{96}', signature):
            raise Difference('drand signature invalid (MALFORMED_SIGNATURE)')  # lower case only: refused, never normalised
        verify_bls = bls_verifier()
        if verify_bls is None:
            print(f"BLS 签名未验证: drand round {proof['round']} — the vendored BLS12-381 code could not be loaded (Python 3.10+ needed); run npm run verify-draw for the signature", file=sys.stderr)
        else:
            failure = verify_bls(proof['round'], bytes.fromhex(signature))
            if failure:
                raise Difference(f'drand signature invalid ({failure})')
        if sha256(bytes.fromhex(signature)) != proof.get('randomness'):
            raise Difference('randomness is not SHA-256 of the signature')
    elif proof['source'] == 'commit-reveal':
        if not isinstance(proof.get('secret'), str) or not re.fullmatch(r'[0-9a-f]{64}', proof['secret']):
            raise Difference('the revealed secret is not 64 lower-case hex characters')
        secret = bytes.fromhex(proof['secret'])
        if sha256(secret) != fixed.get('commitment'):
            raise Difference('revealed secret does not match the published commitment')
        committed = fixed.get('witnesses') or []
        reveals = proof.get('witnessReveals') or []
        if len(reveals) != len(committed):
            raise Difference(f'{len(committed)} witness commitments were published, {len(reveals)} values revealed')
        for i, w in enumerate(committed):
            if not isinstance(reveals[i], str) or sha256(utf8(reveals[i])) != w.get('commitment'):
                raise Difference(f"witness {i + 1} ({w.get('label')}): the revealed value does not match the published commitment")
        entropy = proof.get('witnessEntropy')
        if not isinstance(entropy, str) or sha256(lp('ssgk-commit-reveal'), lp(secret), lp(entropy), *(lp(v) for v in reveals)) != proof.get('randomness'):
            raise Difference("randomness does not follow from the secret and the witnesses' entropy")
    else:
        raise Difference(f"unknown randomness source {proof.get('source')}")
    return raw32('randomness', proof['randomness'])


def verify(t):
    """Raises Difference; returns True when this transcript is a redraw (unanchored alone)."""
    if not isinstance(t, dict) or t.get('format') != FORMAT:
        raise Difference(f"unknown transcript format {t.get('format') if isinstance(t, dict) else None}")
    pj = t.get('parametersJson')
    if not isinstance(pj, str) or sha256(utf8(pj)) != t.get('parametersHash'):
        raise Difference('parametersHash does not match the parameters text')
    params = json.loads(pj)
    if params.get('algorithm') != 'draw-v1':
        raise Difference(f"unsupported algorithm {params.get('algorithm')}")
    if params.get('planId') != t.get('planId'):
        raise Difference('planId differs from the parameters')
    for text, digest, name, what in (('candidates', t.get('candidatePoolHash'), 'candidatePoolHash', 'candidate'), ('inspectors', t.get('inspectorPoolHash'), 'inspectorPoolHash', 'inspector'), ('conflicts', params.get('conflictsHash'), 'conflictsHash', 'conflict')):
        if not isinstance(t.get(text), str) or sha256(utf8(t[text])) != digest:
            raise Difference(f'{name} does not match the {what} snapshot')
    randomness = check_randomness(t, params)

    try:
        seed = sha256(
            lp('ssgk-draw'), lp('draw-v1'), lp(t['planId']),
            lp(raw32('candidatePoolHash', t['candidatePoolHash'])), lp(raw32('inspectorPoolHash', t['inspectorPoolHash'])),
            lp(raw32('parametersHash', t['parametersHash'])), lp(randomness),
        )
        d = Draw(params, parse_candidates(t['candidates']), parse_inspectors(t['inspectors']), parse_conflicts(t['conflicts']), seed)
        result = d.run()
    except (Difference, KeyError, TypeError, ValueError) as err:
        raise Difference(f'the published inputs cannot be drawn: {err}')
    if seed != t.get('seed'):
        raise Difference(f'seed differs: expected {seed}')
    first_difference(result, t.get('result', MISSING), 'result')
    subs = t.get('substitutions', [])
    if not isinstance(subs, list):
        raise Difference('substitutions is not a list')
    for i, sub in enumerate(subs):
        try:
            expected = d.substitute(result, subs[:i], sub)
        except (Difference, KeyError, TypeError, ValueError, AttributeError) as err:
            raise Difference(f'substitutions[{i}] is not possible: {err}')
        first_difference(expected, sub, f'substitutions[{i}]')
    return t.get('redraw') is not None


def verify_link(redrawn, replaced):
    redraw = redrawn['redraw']
    if replaced.get('drawId') != redraw['replacedDrawId']:
        raise Difference(f"the replaced transcript is draw {replaced.get('drawId')}, not {redraw['replacedDrawId']}")
    for key in ('planId', 'parametersHash', 'candidatePoolHash', 'inspectorPoolHash'):
        if replaced.get(key) != redrawn.get(key):
            raise Difference(f'{key} of the replaced draw differs')
    if replaced.get('supersededBy') is None:
        raise Difference('the replaced draw does not record being superseded')
    first_difference(redraw, replaced['supersededBy'], 'supersededBy')
    requested, created = instant_ms(redraw['requestedAt']), instant_ms(replaced.get('createdAt'))
    if created is None or not requested > created:
        raise Difference('the redraw was requested before the draw it replaces')


USAGE = 'usage: python3 tools/verify_draw.py <transcript.json | URL> [replaced-draw transcript.json ...] (--publication <kept record .json | URL> | --feed <https://site>)'


def load(source):
    if re.match(r'https?://', source):
        with urllib.request.urlopen(source, timeout=30) as res:  # noqa: S310 (a citizen's own URL)
            return json.loads(res.read().decode('utf-8'))
    with open(source, encoding='utf-8') as f:
        return json.load(f)


def parse_args(args):
    files, record_source = [], None
    i = 0
    while i < len(args):
        a = args[i]
        if a in ('--publication', '--feed'):
            if i + 1 >= len(args):
                raise ValueError(f'{a} needs a value')
            value = args[i + 1]
            record_source = value if a == '--publication' else value.rstrip('/') + '/public/open-data/publication_records.json'
            i += 2
        elif a.startswith('--'):
            raise ValueError(f'unknown option {a}')
        else:
            files.append(a)
            i += 1
    if not files:
        raise ValueError('no transcript given')
    return files, record_source


def quicknet_round_ms(spec):
    return round_time(spec['round']) * 1000 if spec.get('chainHash') == QUICKNET_CHAIN and is_int(spec.get('round')) else None


def main(args):
    try:
        files, record_source = parse_args(args)
        source = files[0]
        chain = [load(source)]
    except (OSError, ValueError) as err:
        print(f'cannot verify: {err}\n{USAGE}', file=sys.stderr)
        return 2
    first = chain[0]
    try:
        for depth in range(MAX_CHAIN + 2):
            current = chain[depth]
            try:
                is_redraw = verify(current)
            except Difference as err:
                raise Difference(f"in replaced draw {current.get('drawId')}: {err}" if depth else str(err))
            if not is_redraw:
                break
            if depth >= MAX_CHAIN:
                print(f'UNANCHORED: more than {MAX_CHAIN} redraws')
                return 3
            replaced_id = current['redraw']['replacedDrawId']
            nxt = (source.split('/public/draws/')[0] + f'/public/draws/{replaced_id}/transcript') if re.match(r'https?://', source) else (files[depth + 1] if depth + 1 < len(files) else None)
            if nxt is None:
                print(f"UNANCHORED: redraw {current['redraw'].get('id')}: its randomness was announced on draw {replaced_id}; give that draw's transcript too")
                return 3
            chain.append(load(nxt))
            try:
                verify_link(current, chain[depth + 1])
            except Difference as err:
                raise Difference(f'redraw link: {err}')
        verified = chain[:depth + 1]
        if record_source is None:
            print(f"UNANCHORED: the transcript is consistent in itself (seed {first.get('seed')}), but no publication record was given, so it was NOT checked that its inputs and randomness are those published before the draw. Give --publication <record kept at publication> or --feed <site>.")
            return 3
        anchor = anchor_from(load(record_source), first.get('planId'))
        if anchor is None:
            print(f"UNANCHORED: {record_source} holds no publication record of plan {first.get('planId')}")
            return 3
        for t in verified:
            try:
                verify_anchor(t, anchor[0], anchor[1], instant_ms, quicknet_round_ms)
            except Difference as err:
                where = '' if t is first else f"in replaced draw {t.get('drawId')}: "
                raise Difference(f'{where}against the publication record ({record_source}): {err}')
    except AnchorError as err:
        print(f'UNANCHORED: {err}')
        return 3
    except Difference as err:
        print(f'DIFFERENCE: {err}')
        return 1
    except (OSError, ValueError) as err:
        print(f'cannot verify: {err}', file=sys.stderr)
        return 2
    except Exception as err:  # a transcript too malformed to walk (e.g. parametersJson is not JSON)
        print(f'cannot verify: {type(err).__name__}: {err}', file=sys.stderr)
        return 2
    note = ''
    if first.get('redraw'):
        note += f" — a redraw of draw {first['redraw']['replacedDrawId']} ({first['redraw']['reason']}), link and announcement verified"
    if first.get('supersededBy'):
        note += f" — this draw was SUPERSEDED by redraw {first['supersededBy'].get('id')} ({first['supersededBy'].get('reason')})"
    print(f"OK: draw {first.get('drawId')} of plan {first.get('planId')} re-computed exactly (seed {first.get('seed')}) and matches the publication record of {anchor[0]['publishedAt']}{note}")
    spec = first['redraw']['randomness'] if first.get('redraw') else json.loads(first['parametersJson'])['randomness']
    if first['randomness'].get('source') == 'commit-reveal' and spec.get('event'):
        where = f" ({spec['event']['checkUrl']})" if spec['event'].get('checkUrl') else ''
        print(f"CHECK BY HAND: the entropy entered, \"{first['randomness'].get('witnessEntropy')}\", must be the official result of {spec['event']['name']}{where}.")
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
