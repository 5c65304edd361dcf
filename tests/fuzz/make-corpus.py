#!/usr/bin/env python3
# make-corpus.py: derives the seed corpus in corpus/<target>/ from the LDIF
# samples in the tree (data/samples/*.ldif, tests/**/*.ldif).
#
# Run from anywhere; it rewrites the generated seeds (named gen-*) and leaves
# the hand-made reproducers (named repro-*) alone. Seeds stay below the
# targets' -max_len (tests/fuzz/meson.build).
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

import base64
import glob
import hashlib
import os
import re
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
MAX_LDIF = 8192

# What app/extopo-schema.c keeps, plus the lines every record needs.
SCHEMA = os.path.join(TOP, 'app', 'extopo-schema.c')
KEEP = {'dn', 'changetype'}
with open(SCHEMA) as schema:
    KEEP |= {name.lower() for name in re.findall(r'^\s+"(\w+)",', schema.read(), re.M)}

DN_ATTRIBUTES = {'msexchhomeroutinggroup', 'msexchroutingmasterdn', 'msexchdestinationrgdn',
                 'msexchsourcebridgeheadserversdn', 'msexchtargetbridgeheadserversdn',
                 'msexchserversite', 'homemta', 'msexchroutinggroupmembersbl'}


def records(path):
    """Yields each record as a list of unfolded lines, comments dropped."""
    with open(path, encoding='utf-8', errors='surrogateescape') as ldif:
        text = ldif.read()
    lines = []
    for raw in text.split('\n'):
        if raw.startswith('#'):
            continue
        if raw.startswith(' ') and lines:
            lines[-1] += raw[1:]
        elif raw.strip() == '':
            if lines:
                yield lines
            lines = []
        else:
            lines.append(raw)
    if lines:
        yield lines


def split_line(line):
    name, _, value = line.partition(':')
    if value.startswith(':'):
        try:
            value = base64.b64decode(value[1:].strip()).decode('utf-8')
        except (ValueError, UnicodeDecodeError):
            value = None
    else:
        value = value.strip()
    return name.split(';')[0].lower(), value


def filtered(record):
    return [line for line in record if split_line(line)[0] in KEEP]


def fold(line):
    out = [line[:76]]
    line = line[76:]
    while line:
        out.append(' ' + line[:75])
        line = line[75:]
    return '\n'.join(out)


def render(recs):
    return 'version: 1\n\n' + '\n\n'.join('\n'.join(fold(l) for l in r) for r in recs) + '\n'


def write(target, name, data):
    folder = os.path.join(HERE, 'corpus', target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8', errors='surrogateescape')
    with open(os.path.join(folder, 'gen-' + name), 'wb') as seed:
        seed.write(data)


def chunks(recs):
    """Pieces below MAX_LDIF: the containers each time, then as many of the
    servers and connectors as fit."""
    def is_container(r):
        classes = {split_line(l)[1] for l in r if split_line(l)[0] == 'objectclass'}
        return bool(classes & {'msExchOrganizationContainer', 'msExchAdminGroup',
                               'msExchRoutingGroup'})
    containers = [r for r in recs if is_container(r)]
    rest = [r for r in recs if not is_container(r)]
    if len(render(recs)) <= MAX_LDIF:
        yield recs
        return
    piece = list(containers)
    for r in rest:
        if len(render(piece + [r])) > MAX_LDIF and len(piece) > len(containers):
            yield piece
            piece = list(containers)
        piece.append(r)
    if len(piece) > len(containers):
        yield piece


def main():
    for folder in ('ldif-export', 'snapshot', 'dn', 'version'):
        for old in glob.glob(os.path.join(HERE, 'corpus', folder, 'gen-*')):
            os.remove(old)

    sources = sorted(glob.glob(os.path.join(TOP, 'data', 'samples', '*.ldif')) +
                     glob.glob(os.path.join(TOP, 'tests', '**', '*.ldif'), recursive=True))
    dns = set()
    versions = set()
    for path in sources:
        if os.path.relpath(path, TOP).startswith(os.path.join('tests', 'fuzz')):
            continue
        base = os.path.splitext(os.path.basename(path))[0]
        with open(path, 'rb') as raw:
            whole = raw.read()
        recs = list(records(path))
        # Small files as they are: their odd lines are the point (tests/cli).
        if len(whole) <= MAX_LDIF:
            write('ldif-export', base + '.ldif', whole)
            write('snapshot', base + '.ldif', whole)
        for i, piece in enumerate(chunks([filtered(r) for r in recs])):
            write('ldif-export', '%s-%d.ldif' % (base, i), render(piece))
            write('snapshot', '%s-%d.ldif' % (base, i), render(piece))
        for r in recs:
            serial = number = None
            for line in r:
                name, value = split_line(line)
                if value is None:
                    continue
                if name == 'dn' or name in DN_ATTRIBUTES:
                    dns.add(value)
                elif name == 'serialnumber':
                    serial = value
                elif name == 'versionnumber':
                    number = value
            if serial is not None or number is not None:
                versions.add((serial or '', number or ''))

    dns = sorted(dns)
    for i, dn in enumerate(dns):
        # Every DN alone; pairs of neighbours (often parent and child).
        write('dn', hashlib.sha1(dn.encode()).hexdigest()[:12], dn)
        if i + 1 < len(dns):
            pair = dn + '\n' + dns[i + 1]
            write('dn', hashlib.sha1(pair.encode()).hexdigest()[:12], pair)

    for serial, number in sorted(versions):
        try:
            packed = struct.pack('<I', int(number) & 0xffffffff)
        except ValueError:
            packed = b'\0\0\0\0'
        text = serial + ('\n' + number if number else '')
        seed = packed + text.encode('utf-8', errors='surrogateescape')
        write('version', hashlib.sha1(seed).hexdigest()[:12], seed)


if __name__ == '__main__':
    main()
