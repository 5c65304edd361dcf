#!/usr/bin/env python3
# lineup-parameters.py: aligns the parameters of C function definitions the
# GTK way, which uncrustify cannot: one parameter per line, the names in one
# column at the longest type + 1 + the most stars, each parameter's stars
# hanging just before its name.
#
#   build-aux/lineup-parameters.py < file.c > formatted.c
#
# Only definitions are touched (a name at column 0, then " (", the list ending
# in ")" with "{" on the next line); a list this script cannot read is left as
# it is.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys

HEAD = re.compile(r'^([a-z_][a-z0-9_]*) \((.*)$')
PARAM = re.compile(r'^(?P<type>\S.*?[A-Za-z0-9_])\s*(?P<stars>\**)'
                   r'(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\[\])?)(?P<end>[,)].*)$')


def line_up(lines):
    out = []
    i = 0
    while i < len(lines):
        head = HEAD.match(lines[i])
        if head is None or lines[i].rstrip().endswith(';'):
            out.append(lines[i])
            i += 1
            continue
        end = i
        while not lines[end].rstrip().endswith(')') and end + 1 < len(lines) and end - i < 40:
            end += 1
        is_definition = end + 1 < len(lines) and lines[end + 1] == '{'
        indent = ' ' * (len(head.group(1)) + 2)
        texts = [head.group(2)] + [line[len(indent):] for line in lines[i + 1:end + 1]]
        indented = all(line.startswith(indent) and not line[len(indent)].isspace()
                       for line in lines[i + 1:end + 1])
        params = [PARAM.match(text) for text in texts]
        # A function pointer parameter ("int (*get) (void)") is left as written.
        has_function_pointer = any('(' in text.rstrip().rstrip(')') for text in texts)
        if (not is_definition or end == i or not indented or None in params
                or has_function_pointer):
            out.extend(lines[i:end + 1])
            i = end + 1
            continue
        type_width = max(len(p.group('type')) for p in params)
        star_width = max(len(p.group('stars')) for p in params)
        for k, p in enumerate(params):
            text = (p.group('type').ljust(type_width + 1 + star_width - len(p.group('stars')))
                    + p.group('stars') + p.group('name') + p.group('end'))
            out.append((head.group(1) + ' (' if k == 0 else indent) + text)
        i = end + 1
    return out


if __name__ == '__main__':
    sys.stdout.write('\n'.join(line_up(sys.stdin.read().split('\n'))))
