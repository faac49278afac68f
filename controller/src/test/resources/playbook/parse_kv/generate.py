#!/usr/bin/python3
"""Regenerates cases.json from Ansible's own parse_kv, the reference KeyValueArgs is ported from.

Run with the system Python that has ansible-core (2.14.18 when these were recorded):
    /usr/bin/python3 generate.py > cases.json
Each case: the argument string, check_raw (true for command/shell), and either the resulting
options or "error" if Ansible refuses the string.
"""
import json
import ansible
from ansible.parsing.splitter import parse_kv

CASES = [
    ("src=a dest=b", False),
    ('src=a dest="b c"', False),
    ("msg=\"hello world\" other='single quoted'", False),
    ("x=a=b", False),
    ("url=http://h/p?a=1&b=2", False),
    ('line="foo \\"bar\\" baz"', False),
    ("msg=\"{{ foo | default('a b') }}\"", False),
    ("msg={{ a }} and {{ b }}", False),
    ("msg={% if x %}yes please{% endif %}", False),
    ("a=1\nb=2", False),
    ("a= b", False),
    ("=x", False),
    ("a\\=b", False),
    ("a\\=b=c", False),
    ("k=\"v\" extra words", False),
    ("line='  leading'", False),
    ("a=\\u00e9\\x41\\N{BULLET}", False),
    ("a='quoted \"inner\"'", False),
    ("x=\"a\\\\\"", False),
    ("a=b \\ c=d", False),
    ("a=1\tb=2", False),
    ("a=1  b=2", False),
    ("msg=\"two  spaces\"", False),
    ("chdir=/tmp creates=/x ls -l | grep y=z", True),
    ("echo a=b", True),
    ("uname -a", True),
    ("echo \"a  b\"", True),
    ("removes=/x executable=/bin/bash echo hi", True),
    ("echo {{ x }} > /tmp/out", True),
    ("ls\n-l", True),
    ("a=\"unterminated", False),
    ("msg={{ foo", False),
    ("echo 'unterminated", True),
    ("  leading=spaces", False),
    ("a=1 b='x y' c=\"{{ z }}\" d=", False),
]

out = {"ansible": ansible.__version__, "cases": []}
for args, check_raw in CASES:
    try:
        result = parse_kv(args, check_raw=check_raw)
    except Exception as e:  # Ansible raises AnsibleParserError (or IndexError inside split_args)
        result = "error"
    out["cases"].append({"args": args, "check_raw": check_raw, "expected": result})
print(json.dumps(out, indent=2, ensure_ascii=False))
