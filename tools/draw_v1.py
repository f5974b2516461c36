"""
draw-v1 as docs/draw-algorithm.md specifies it: the frozen texts, the quotas, the targets and the
teams (and substitutions). Python 3 standard library only; used by verify_draw.py.
"""
import hashlib
import re
import struct
import unicodedata

STRATA = ['A', 'B', 'C', 'D']
HEX64 = re.compile(r'^[0-9a-f]{64}$')
# "White space" of the spec: exactly ECMAScript's \s (WhiteSpace + LineTerminator).
WHITE_SPACE = frozenset(
    [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680] + list(range(0x2000, 0x200B)) + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF]
)
TWO_256 = 1 << 256


class Difference(Exception):
    pass


def sha256(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p)
    return h.hexdigest()


def utf8(s):
    return s.encode('utf-8')


def lp(b):
    if isinstance(b, str):
        b = utf8(b)
    return struct.pack('>I', len(b)) + b


def raw32(name, hex_string):
    if not isinstance(hex_string, str) or not HEX64.fullmatch(hex_string):
        raise Difference(f'{name} is not 64 lower-case hex characters')
    return bytes.fromhex(hex_string)


# ---------------------------------------------------------------- the frozen texts

def text_lines(text, name):
    if not isinstance(text, str):
        raise Difference(f'{name} is not a text')
    if text == '':
        return []
    if not text.endswith('\n'):
        raise Difference(f'the {name} text does not end with LF')
    return text[:-1].split('\n')


def fields(line, count, name):
    f = line.split('\t')
    if len(f) != count:
        raise Difference(f'a line of the {name} text does not have {count} fields')
    return f


def as_list(field):
    return field.split(',') if field else []


def parse_candidates(text):
    out = []
    for line in text_lines(text, 'candidates'):
        uscc, stratum, excluded, unit, last = fields(line, 5, 'candidates')
        if stratum not in STRATA:
            raise Difference(f'unknown stratum {stratum}')
        out.append({'uscc': uscc, 'stratum': stratum, 'excluded': excluded != '', 'unit': unit, 'last': as_list(last)})
    return out


def parse_inspectors(text):
    out = []
    for line in text_lines(text, 'inspectors'):
        cert, eligible, domains, unit, tasks, department = fields(line, 6, 'inspectors')
        if not re.fullmatch(r'[0-9]+', tasks):
            raise Difference('existing tasks is not a number')
        out.append({'cert': cert, 'eligible': eligible == '1', 'domains': as_list(domains), 'unit': unit, 'tasks': int(tasks), 'department': department})
    return out


def parse_conflicts(text):
    out = []
    for line in text_lines(text, 'conflicts'):
        cert, uscc, valid_from, valid_until = fields(line, 4, 'conflicts')
        out.append({'cert': cert, 'uscc': uscc, 'from': valid_from, 'until': valid_until})
    return out


# ---------------------------------------------------------------- the algorithm

def quotas(eligible, sampling):
    k = {}
    ratio = []
    for s in STRATA:
        rule = sampling.get(s) if isinstance(sampling, dict) else None
        n = eligible[s]
        if isinstance(rule, dict) and set(rule) == {'count'} and is_int(rule['count']):
            k[s] = min(rule['count'], n)
        elif isinstance(rule, dict) and set(rule) == {'ratioBasisPoints'} and is_int(rule['ratioBasisPoints']):
            num = n * rule['ratioBasisPoints']
            k[s] = num // 10000
            ratio.append((s, num, rule['ratioBasisPoints']))
        else:
            raise Difference(f'sampling rule of stratum {s} is neither a count nor a ratio')
    total = (sum(num for _, num, _ in ratio) + 5000) // 10000
    missing = total - sum(k[s] for s, _, _ in ratio)
    for s, num, _ in sorted(ratio, key=lambda r: (-(r[1] % 10000), STRATA.index(r[0]))):
        if missing <= 0:
            break
        if num % 10000 == 0:
            continue
        k[s] += 1
        missing -= 1
    for s, _, b in ratio:
        if b > 0 and eligible[s] > 0 and k[s] == 0:
            k[s] = 1
        k[s] = min(k[s], eligible[s])
    return k


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def normalise_unit(unit):
    return ''.join(c for c in unicodedata.normalize('NFKC', unit) if ord(c) not in WHITE_SPACE)


def skip_reasons(inspector, entity, conflicts, date, rules):
    reasons = []
    if rules['declaredConflict'] and any(
        c['cert'] == inspector['cert'] and c['uscc'] == entity['uscc'] and c['from'] <= date and (c['until'] == '' or date <= c['until']) for c in conflicts
    ):
        reasons.append('DECLARED_CONFLICT')
    unit = normalise_unit(inspector['unit'])
    if rules['sameSupervisingUnit'] and unit != '' and unit == normalise_unit(entity['unit']):
        reasons.append('SAME_SUPERVISING_UNIT')
    if rules['lastInspector'] and inspector['cert'] in entity['last']:
        reasons.append('LAST_INSPECTOR')
    return reasons


class Draw:
    def __init__(self, params, candidates, inspectors, conflicts, seed):
        self.seed = bytes.fromhex(seed)
        self.params = params
        self.candidates = candidates
        self.inspectors = inspectors
        self.conflicts = conflicts
        self.date = params['windowStart']
        self.rules = params['recusalRules']
        if not isinstance(self.rules, dict) or any(not isinstance(self.rules.get(r), bool) for r in ('declaredConflict', 'sameSupervisingUnit', 'lastInspector')):
            raise Difference('recusalRules are not three booleans')
        self.departments = [params['departmentId']] + list(params['jointDepartmentIds'])
        if len(set(self.departments)) != len(self.departments):
            raise Difference('the departments are not distinct')
        if not is_int(params['teamSize']) or params['teamSize'] < 2:
            raise Difference('teamSize is not an integer of at least 2')
        self.pools = {}  # (uscc, department) -> the pool that team was drawn from

    def ticket(self, uscc):
        return sha256(self.seed, lp('target'), lp(uscc))

    def run(self):
        counts = {s: [0, 0] for s in STRATA}
        tickets = {s: [] for s in STRATA}
        for c in self.candidates:
            counts[c['stratum']][0] += 1
            if c['excluded']:
                counts[c['stratum']][1] += 1
            else:
                tickets[c['stratum']].append((self.ticket(c['uscc']), utf8(c['uscc']), c))
        eligible = {s: counts[s][0] - counts[s][1] for s in STRATA}
        k = quotas(eligible, self.params['sampling'])
        picked = []
        for s in STRATA:
            picked += sorted(tickets[s], key=lambda t: (t[0], t[1]))[: k[s]]
        picked.sort(key=lambda t: (t[0], t[1]))
        selections = [{'uscc': c['uscc'], 'stratum': c['stratum'], 'ticket': t} for t, _, c in picked]

        cap = self.params['taskCapPerInspector']
        load = {i['cert']: i['tasks'] for i in self.inspectors}
        at_cap = lambda i: cap is not None and load[i['cert']] >= cap  # noqa: E731
        domain = self.params['domain']
        qualified = sorted((i for i in self.inspectors if i['eligible'] and domain in i['domains'] and not at_cap(i)), key=lambda i: utf8(i['cert']))
        available = {d: [i for i in qualified if i['department'] == d] for d in self.departments}
        teams = []
        for _, _, entity in picked:
            entity_teams = []
            for d in self.departments:
                pool = available[d]
                self.pools[(entity['uscc'], d)] = (pool, entity)
                members, skips = self.continue_team(d, entity, pool, set(), 0, self.params['teamSize'])
                entity_teams.append({'uscc': entity['uscc'], 'department': d, 'poolSize': len(pool), 'members': members, 'skips': skips, 'filled': len(members) == self.params['teamSize']})
            if all(t['filled'] for t in entity_teams):
                for t in entity_teams:
                    for m in t['members']:
                        load[m['certificateNumber']] += 1
                available = {d: [i for i in pool if not at_cap(i)] for d, pool in available.items()}
            teams += entity_teams
        strata = [
            {'stratum': s, 'candidates': counts[s][0], 'excluded': counts[s][1], 'eligible': eligible[s], 'quota': k[s], 'selected': sum(1 for x in selections if x['stratum'] == s)}
            for s in STRATA
        ]
        return {'algorithm': 'draw-v1', 'seed': self.seed.hex(), 'strata': strata, 'selections': selections, 'teams': teams}

    def continue_team(self, department, entity, pool, seen, start, wanted):
        members, skips = [], []
        m = len(pool)
        if m == 0:
            return members, skips
        limit = (TWO_256 // m) * m
        head = self.seed + lp('team') + lp(department) + lp(entity['uscc'])
        conflicts = [c for c in self.conflicts if c['uscc'] == entity['uscc']]
        n = start
        while len(members) < wanted and len(seen) < m:
            v = int(sha256(head, struct.pack('>I', n)), 16)
            draw, n = n, n + 1
            if v >= limit:
                continue
            i = v % m
            if i in seen:
                continue
            seen.add(i)
            inspector = pool[i]
            reasons = skip_reasons(inspector, entity, conflicts, self.date, self.rules)
            if reasons:
                skips.append({'certificateNumber': inspector['cert'], 'draw': draw, 'reasons': reasons})
            else:
                members.append({'certificateNumber': inspector['cert'], 'draw': draw})
        return members, skips

    def substitute(self, result, earlier_all, sub):
        uscc, department, leaving = sub.get('uscc'), sub.get('department'), sub.get('leaving')
        team = next((t for t in result['teams'] if t['uscc'] == uscc and t['department'] == department), None)
        if team is None or not team['filled']:
            raise Difference(f'no staffed team of {department} for {uscc}')
        earlier = [s for s in earlier_all if s['uscc'] == uscc and s['department'] == department]
        current = [m['certificateNumber'] for m in team['members']]
        for s in earlier:
            current = [c for c in current if c != s['leaving']]
            if s['joining'] is not None:
                current.append(s['joining'])
        if leaving not in current:
            raise Difference(f'{leaving} is not on the team of {uscc}')
        pool, entity = self.pools[(uscc, department)]
        drawn = team['members'] + team['skips']
        for s in earlier:
            drawn = drawn + s['skips'] + ([{'certificateNumber': s['joining'], 'draw': s['draw']}] if s['joining'] is not None else [])
        index = {i['cert']: n for n, i in enumerate(pool)}
        seen = {index[d['certificateNumber']] for d in drawn}
        start = max(d['draw'] for d in drawn) + 1
        members, skips = self.continue_team(department, entity, pool, seen, start, 1)
        joined = members[0] if members else None
        return {
            'uscc': uscc, 'department': department, 'leaving': leaving,
            'joining': joined['certificateNumber'] if joined else None, 'draw': joined['draw'] if joined else None,
            'skips': skips, 'reason': sub.get('reason'), 'at': sub.get('at'),
        }
