#!/usr/bin/python3
"""Regenerates expected.json: Ansible's ModuleArgsParser on each task of tasks.yml.

    /usr/bin/python3 generate.py > expected.json     (recorded with ansible-core 2.14.18)
"""
import json
import os
import ansible
from ansible.parsing.dataloader import DataLoader
from ansible.parsing.mod_args import ModuleArgsParser
from ansible.utils.sentinel import Sentinel

here = os.path.dirname(os.path.abspath(__file__))
tasks = DataLoader().load_from_file(os.path.join(here, "tasks.yml"))
out = {"ansible": ansible.__version__, "tasks": []}
for ds in tasks:
    action, args, delegate_to = ModuleArgsParser(ds).parse()
    out["tasks"].append({
        "action": action,
        "args": args,
        "delegate_to": None if delegate_to is Sentinel else delegate_to,
    })
print(json.dumps(out, indent=2, ensure_ascii=False))
