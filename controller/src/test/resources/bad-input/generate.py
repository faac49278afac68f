#!/usr/bin/env python3
"""Writes cases.txt, the bad-input corpus run by BadInputCorpusTest.

Each case: '=== kind: name', then 'args:' (the drover command line; default 'run -i hosts.ini
site.yml'), 'exit:' (the documented exit code, default 4), 'where:' (a regex the message must
match: the file:line:column, the option or '-e' it names), then '--- FILE' blocks with the files.
Edit the lists below and run it again: python3 generate.py > cases.txt
"""

# HOSTCACHE: the test's canary, a directory an agent start on the host would create.
HOSTS = "a ansible_connection=local drover_agent_cache=HOSTCACHE\n"

def case(kind, name, files, args="run -i hosts.ini site.yml", exit=4, where=None):
    files = dict(files)
    files.setdefault("hosts.ini", HOSTS)
    out = ["=== %s: %s" % (kind, name), "args: " + args, "exit: %d" % exit]
    if where:
        out.append("where: " + where)
    for f, text in files.items():
        out.append("--- " + f)
        out.append(text.rstrip("\n"))
    return "\n".join(out)

cases = []

# Broken tasks, each placed in four ways: play tasks, pre_tasks, a block, an include_tasks file.
TASKS = {
    "unknown module": "- no_such_module: {x: 1}",
    "two modules": "- shell: echo\n  command: echo",
    "no module": "- name: nothing\n  register: r",
    "unknown keyword": "- shell: echo\n  registr: r",
    "bad loop keyword": "- shell: echo\n  with_nosuch: [1]",
    "loop and with_items": "- shell: echo {{ item }}\n  loop: [1]\n  with_items: [2]",
    "unclosed expression": "- debug: {msg: '{{ x '}",
    "unclosed block tag": "- debug: {msg: '{% if x %}y'}",
    "unknown filter": "- debug: {msg: '{{ x | no_such_filter }}'}",
    "unknown test": "- debug: {msg: '{{ x is no_such_test }}'}",
    "when syntax": "- debug: {msg: hi}\n  when: x ==",
    "when unknown filter": "- debug: {msg: hi}\n  when: x | nosuchfilter",
    "bad register name": "- shell: echo\n  register: 1bad",
    "register not a string": "- shell: echo\n  register: [a]",
    "notify unknown handler": "- shell: echo\n  notify: nobody",
    "bad become value": "- shell: echo\n  become: maybe",
    "bad ignore_errors": "- shell: echo\n  ignore_errors: perhaps",
    "tags a mapping": "- shell: echo\n  tags: {a: 1}",
    "vars a list": "- shell: echo\n  vars: [1, 2]",
    "bad variable name in vars": "- debug: {msg: hi}\n  vars: {'1x': 2}",
    "args not a mapping": "- copy: 42",
    "include missing file": "- include_tasks: no-such-file.yml",
    "import missing file": "- import_tasks: no-such-file.yml",
    "set_fact bad name": "- set_fact: {'bad name': 1}",
    "until without retries type": "- shell: echo\n  register: r\n  until: r.rc ==\n  retries: 2",
    "bad delegate_to type": "- shell: echo\n  delegate_to: [a, b]",
    "loop_control not mapping": "- debug: {msg: hi}\n  loop: [1]\n  loop_control: 3",
    "async negative": "- shell: sleep 1\n  async: -5\n  poll: 0",
    "block empty": "- block:",
    "rescue without block": "- rescue:\n    - debug: {msg: hi}",
    "block not a list": "- block: 3",
    "task a string": "- just a string",
    "task a list": "- [1, 2]",
    "changed_when syntax": "- shell: echo\n  changed_when: 'rc =='",
    "failed_when unknown test": "- shell: echo\n  failed_when: rc is frobnicated",
    "environment a list": "- shell: echo\n  environment: [1]",
    "throttle text": "- shell: echo\n  throttle: lots",
    "retries text": "- shell: echo\n  retries: many\n  until: true",
    "delay negative": "- shell: echo\n  retries: 2\n  until: true\n  delay: -1",
    "no_log text": "- shell: echo\n  no_log: sometimes",
    "module args unbalanced quote": "- shell: echo 'unterminated",
    "command no args": "- command:",
    "debug msg and var": "- debug: {msg: hi, var: x}",
    "duplicate key": "- shell: echo\n  shell: echo two",
    "tab indentation": "- shell: echo\n\tregister: r",
    "raw tag in args": "- debug: {msg: '{% raw %}'}",
    "with_items template error": "- debug: {msg: hi}\n  with_items: '{{ [1, 2 }}'",
    "loop renders to a number": "- debug: {msg: hi}\n  loop: '{{ 5 }}'",
    "loop renders to a string": "- debug: {msg: hi}\n  loop: '{{ \"abc\" | upper }}'",
    "loop renders to a mapping": "- debug: {msg: hi}\n  loop: '{{ {\"a\": 1} }}'",
    "with_dict renders to a list": "- debug: {msg: hi}\n  with_dict: '{{ [1, 2] }}'",
    "with_sequence malformed": "- debug: {msg: hi}\n  with_sequence: start=1 end=five",
}

def place(how, task):
    body = "\n".join("    " + l for l in task.split("\n"))
    if how == "tasks":
        return {"site.yml": "- hosts: all\n  gather_facts: false\n  tasks:\n" + body + "\n"}
    if how == "pre_tasks":
        return {"site.yml": "- hosts: all\n  gather_facts: false\n  pre_tasks:\n" + body + "\n"}
    if how == "block":
        inner = "\n".join("        " + l for l in task.split("\n"))
        return {"site.yml": "- hosts: all\n  gather_facts: false\n  tasks:\n    - block:\n" + inner + "\n"}
    if how == "imported":
        return {"site.yml": "- hosts: all\n  gather_facts: false\n  tasks:\n    - import_tasks: more.yml\n",
                "more.yml": task + "\n"}
    raise ValueError(how)

for name, task in TASKS.items():
    for how in ("tasks", "pre_tasks", "block", "imported"):
        where = r"more\.yml:\d+:\d+" if how == "imported" else r"site\.yml:\d+:\d+"
        cases.append(case("playbook", "%s (%s)" % (name, how), place(how, task), where=where))

PLAYS = {
    "empty file": "",
    "a mapping, not a list": "hosts: all\ntasks: []\n",
    "a scalar": "42\n",
    "play without hosts": "- tasks: [{debug: {msg: hi}}]\n",
    "hosts a mapping": "- hosts: {a: 1}\n  tasks: []\n",
    "unknown play keyword": "- hosts: all\n  taks: []\n",
    "tasks a mapping": "- hosts: all\n  tasks: {debug: {msg: hi}}\n",
    "serial text": "- hosts: all\n  serial: many\n  tasks: []\n",
    "serial negative": "- hosts: all\n  serial: -1\n  tasks: []\n",
    "max_fail_percentage text": "- hosts: all\n  max_fail_percentage: lots\n  tasks: []\n",
    "strategy unknown": "- hosts: all\n  strategy: warp\n  tasks: []\n",
    "order unknown": "- hosts: all\n  order: sideways\n  tasks: []\n",
    "gather_facts text": "- hosts: all\n  gather_facts: perhaps\n  tasks: []\n",
    "vars_files missing": "- hosts: all\n  vars_files: [nope.yml]\n  tasks: []\n",
    "vars_files a mapping": "- hosts: all\n  vars_files: {a: 1}\n  tasks: []\n",
    "import_playbook missing": "- import_playbook: nope.yml\n",
    "import_playbook self": "- import_playbook: site.yml\n",
    "roles missing": "- hosts: all\n  roles: [no_such_role]\n",
    "handlers a mapping": "- hosts: all\n  handlers: {a: 1}\n  tasks: []\n",
    "unclosed flow": "- hosts: all\n  tasks: [\n",
    "unclosed quote": "- hosts: 'all\n  tasks: []\n",
    "bad indentation": "- hosts: all\n tasks: []\n   - debug: {}\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n",
    "undefined alias": "- hosts: *nope\n  tasks: []\n",
    "deep nesting": "- hosts: all\n  vars: {a: " + "[" * 5000 + "]" * 5000 + "}\n  tasks: []\n",
    "nul byte": "- hosts: all\x00\n  tasks: []\n",
    "any_errors_fatal text": "- hosts: all\n  any_errors_fatal: kinda\n  tasks: []\n",
    "vault tag without password": "- hosts: all\n  vars:\n    x: !vault |\n      $ANSIBLE_VAULT;1.1;AES256\n      6162\n  tasks: []\n",
    "unknown tag": "- hosts: all\n  vars: {x: !frob 1}\n  tasks: []\n",
    "tasks a string": "- hosts: all\n  tasks: hello\n",
    "hosts empty": "- hosts: ''\n  tasks: []\n",
    "play a list": "- [1, 2]\n",
}
for name, text in PLAYS.items():
    cases.append(case("playbook", name, {"site.yml": text}, where=r"site\.yml(:\d+:\d+)?|nope\.yml|no_such_role"))

INVENTORIES = {
    "ini unclosed quote": ("hosts.ini", "a ansible_connection=local x='oops\n"),
    "ini bad section": ("hosts.ini", "[web\na ansible_connection=local\n"),
    "ini unknown section kind": ("hosts.ini", "[web:frob]\na\n"),
    "ini bad range": ("hosts.ini", "node[3:1] ansible_connection=local\n"),
    "ini range letters": ("hosts.ini", "node[a:9] ansible_connection=local\n"),
    "ini vars of undefined group": ("hosts.ini", "a ansible_connection=local\n[ghost:vars]\nx=1\n"),
    "ini child cycle": ("hosts.ini", "[a:children]\nb\n[b:children]\na\n"),
    "ini missing equals": ("hosts.ini", "a ansible_connection=local junk\n"),
    "ini self child": ("hosts.ini", "[g:children]\ng\n"),
    "ini all as child": ("hosts.ini", "[g:children]\nall\n"),
    "yaml syntax": ("hosts.yml", "all:\n  hosts: [\n"),
    "yaml hosts a list": ("hosts.yml", "all:\n  hosts: [a, b]\n"),
    "yaml children a list": ("hosts.yml", "all:\n  children: [web]\n"),
    "yaml host vars a string": ("hosts.yml", "all:\n  hosts:\n    a: hello\n"),
    "yaml alias bomb": ("hosts.yml", "x: &a [y, y, y, y, y, y, y, y, y]\nz: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nw: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nv: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nu: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nt: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ns: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nall: {hosts: {a: {ansible_connection: local}}}\n"),
    "yaml plugin": ("hosts.yml", "plugin: aws_ec2\n"),
    "yaml a list": ("hosts.yml", "- a\n- b\n"),
    "yaml a scalar": ("hosts.yml", "just text\n"),
    "yaml unknown key": ("hosts.yml", "all:\n  hostz: {a: {}}\n"),
    "yaml vars a list": ("hosts.yml", "all:\n  vars: [1]\n  hosts: {a: {ansible_connection: local}}\n"),
    "yaml child cycle": ("hosts.yml", "all:\n  children:\n    a: {children: {b: {children: {a: {}}}}}\n"),
    "yaml tab": ("hosts.yml", "all:\n\thosts: {a: {}}\n"),
}
# Connection variables a host cannot use: exit 2 for that host (docs/exit-codes.md), before any connection.
for name, line in {"bad port": "a ansible_port=http", "port too large": "a ansible_port=70000",
                   "unsupported connection": "a ansible_connection=winrm",
                   "become method unknown": "a ansible_connection=local ansible_become=true ansible_become_method=teleport"}.items():
    pb = "- hosts: all\n  gather_facts: false\n  tasks: [{command: 'true'}]\n"
    for verb in ("run -i hosts.ini site.yml", "exec -i hosts.ini all -- true"):
        if "become" in name and verb.startswith("exec"):
            continue  # exec does not read ansible_become from the inventory yet (a gap of its own)
        cases.append(case("inventory", "ini %s (%s)" % (name, verb.split()[0]), {"site.yml": pb, "hosts.ini": line + "\n"},
                          args=verb, exit=2, where=r"ansible_port|ansible_connection|teleport|become"))

for name, (f, text) in INVENTORIES.items():
    files = {"site.yml": "- hosts: all\n  gather_facts: false\n  tasks: [{debug: {msg: hi}}]\n", "hosts.ini": "", f: text}
    if f != "hosts.ini":
        del files["hosts.ini"]
    where = f.replace(".", r"\.") + r"(:\d+)?|host a|port"
    cases.append(case("inventory", name, files, args="run -i %s site.yml" % f, where=where))
    cases.append(case("inventory", name + " (exec)", {f: text} if f != "hosts.ini" else {"hosts.ini": text},
                      args="exec -i %s all -- true" % f, where=where))

GOOD = {"site.yml": "- hosts: all\n  gather_facts: false\n  tasks: [{debug: {msg: hi}}]\n"}
FLAGS = [
    ("forks zero", "run -i hosts.ini site.yml -f 0", "-f/--forks"),
    ("forks negative", "run -i hosts.ini site.yml -f -1", "-f/--forks"),
    ("forks text", "run -i hosts.ini site.yml -f many", "-f|--forks"),
    ("timeout negative", "run -i hosts.ini site.yml -T -5", "-T/--timeout"),
    ("timeout text", "run -i hosts.ini site.yml -T soon", "-T|--timeout"),
    ("color maybe", "run -i hosts.ini site.yml --color maybe", "--color"),
    ("limit empty", "run -i hosts.ini site.yml --limit ''", "--limit"),
    ("limit matches nothing", "run -i hosts.ini site.yml --limit nosuchhost", "nosuchhost"),
    ("unknown option", "run -i hosts.ini site.yml --frobnicate", "--frobnicate"),
    ("missing playbook", "run -i hosts.ini", "PLAYBOOK|playbook"),
    ("playbook missing file", "run -i hosts.ini nope.yml", r"nope\.yml"),
    ("playbook a directory", "run -i hosts.ini .", r"director|\."),
    ("inventory missing", "run -i nope.ini site.yml", r"nope\.ini"),
    ("log-file a directory", "run -i hosts.ini site.yml --log-file /", "--log-file"),
    ("junit-xml a directory", "run -i hosts.ini site.yml --junit-xml /", "--junit-xml"),
    ("become-method doas", "run -i hosts.ini site.yml -b --become-method doas", "--become-method|doas"),
    ("resume unknown run", "run --resume 19990101-000000-dead", "19990101-000000-dead"),
    ("output unknown", "run -i hosts.ini site.yml --output yaml", "--output"),
    ("tags empty value", "run -i hosts.ini site.yml --tags", "--tags"),
    ("exec forks zero", "exec -i hosts.ini all -f 0 -- true", "-f/--forks"),
    ("exec color maybe", "exec -i hosts.ini all --color maybe -- true", "--color"),
    ("exec no command", "exec -i hosts.ini all", "command"),
    ("exec words with other module", "exec -i hosts.ini all -m copy -- x", "-a"),
    ("exec both -a and words", "exec -i hosts.ini all -a 'echo' -- true", "-a"),
    ("exec pattern matches nothing", "exec -i hosts.ini nosuch -- true", "nosuch"),
    ("exec timeout negative", "exec -i hosts.ini all -T -5 -- true", "-T/--timeout"),
    ("unknown verb", "frobnicate", "frobnicate"),
    ("check missing file", "check nope.yml", r"nope\.yml"),
    ("serve-port text", "run -i hosts.ini site.yml --serve-port http", "--serve-port"),
    ("state-dir a file", "run -i hosts.ini site.yml --state-dir site.yml", r"site\.yml|state"),
]
for name, args, where in FLAGS:
    cases.append(case("cli", name, GOOD, args=args, where=where))

EXTRA = [
    ("no equals", "-e justaword", "-e"),
    ("unclosed json", "-e '{\"a\": 1'", "-e"),
    ("json a list", "-e '[1, 2]'", "-e"),
    ("unbalanced quote", "-e \"a='x\"", "-e"),
    ("missing file", "-e @nope.yml", r"nope\.yml"),
    ("file a directory", "-e @.", "-e|director"),
    ("yaml alias bomb inline", "-e '{a: &a [1,1,1,1,1,1,1,1,1], b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b], d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d], f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]}'", "-e"),
    ("empty value", "-e ''", None),
    ("exec no equals", "-e justaword", "-e"),
    ("exec missing file", "-e @nope.yml", r"nope\.yml"),
    ("exec bad ansible_port", "-e ansible_connection=ssh -e ansible_port=http", "ansible_port"),
    ("exec port out of range", "-e ansible_connection=ssh -e ansible_port=99999", "ansible_port"),
    ("exec unsupported connection", "-e ansible_connection=winrm", "ansible_connection"),
]
for name, e, where in EXTRA:
    if where is None:
        continue
    verb = ("exec -i hosts.ini all %s -- true" % e) if name.startswith("exec") or "ansible_" in e else \
        ("run -i hosts.ini site.yml %s" % e)
    exit_code = 2 if "ansible_" in e else 4
    cases.append(case("extra-vars", name, GOOD, args=verb, where=where, exit=exit_code))

VARS = {
    "syntax error": "a: [\n",
    "a list": "- 1\n- 2\n",
    "a scalar": "hello\n",
    "binary": "\x00\x01\x02\xff\xfe binary\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
    "duplicate key": "a: 1\na: 2\n",
    "tab": "a:\n\tb: 1\n",
    "undefined alias": "a: *nope\n",
    "vault without password": "$ANSIBLE_VAULT;1.1;AES256\n6162636465\n",
}
for name, text in VARS.items():
    pb = "- hosts: all\n  gather_facts: false\n  vars_files: [vars.yml]\n  tasks: [{debug: {msg: hi}}]\n"
    cases.append(case("vars-file", name + " (vars_files)", {"site.yml": pb, "vars.yml": text}, where=r"vars\.yml"))
    cases.append(case("vars-file", name + " (-e @)", dict(GOOD, **{"vars.yml": text}),
                      args="run -i hosts.ini site.yml -e @vars.yml", where=r"vars\.yml"))
    pb2 = "- hosts: all\n  gather_facts: false\n  tasks:\n    - include_vars: vars.yml\n"
    cases.append(case("vars-file", name + " (include_vars)", {"site.yml": pb2, "vars.yml": text},
                      where=r"vars\.yml", exit=2))

# include_tasks files, read before any host by check and run alike.
INCLUDES = {
    "self-including file": ({"a.yml": "- debug: {msg: a}\n- include_tasks: a.yml\n"}, r"a\.yml:2:3"),
    "two-file cycle": ({"a.yml": "- include_tasks: b.yml\n", "b.yml": "- include_tasks: a.yml\n"}, r"a\.yml:1:3"),
    "cycle through a block": ({"a.yml": "- block:\n    - include_tasks: a.yml\n"}, r"a\.yml:2:7"),
    "unknown module in included file": ({"a.yml": "- no_such_module: {x: 1}\n"}, r"a\.yml:1:3"),
    "unknown filter in included file": ({"a.yml": "- debug: {msg: '{{ x | nope }}'}\n"}, r"a\.yml:1:3"),
    "bad YAML in included file": ({"a.yml": "- debug: {msg: [\n"}, r"a\.yml:\d+:\d+"),
    "loop a number in included file": ({"a.yml": "- debug: {msg: hi}\n  loop: '{{ 3 }}'\n"}, r"a\.yml:1:3"),
}
for name, (files, where) in INCLUDES.items():
    pb = "- hosts: all\n  gather_facts: false\n  tasks:\n    - include_tasks: a.yml\n"
    for verb in ("run -i hosts.ini site.yml", "check site.yml"):
        cases.append(case("include", "%s (%s)" % (name, verb.split()[0]), dict(files, **{"site.yml": pb}),
                          args=verb, where=where))

# check reads vars_files as run does.
for name, text in VARS.items():
    pb = "- hosts: all\n  gather_facts: false\n  vars_files: [vars.yml]\n  tasks: [{debug: {msg: hi}}]\n"
    cases.append(case("vars-file", name + " (vars_files, check)", {"site.yml": pb, "vars.yml": text},
                      args="check site.yml", where=r"vars\.yml"))

# check with the inventory and -e run would get: variables nothing defines for the play's hosts,
# templated hosts, vars_files and include names resolved with play vars and -e.
HEAD = "- hosts: all\n  gather_facts: false\n  tasks:\n"
HOSTS_VARS = "a ansible_connection=local drover_agent_cache=HOSTCACHE release=7\n"
CHECKED = {
    "undefined variable in arguments": ({"site.yml": HEAD + "    - debug: {msg: '{{ nowhere }}'}\n"}, "", r"site\.yml:4:7"),
    "typo of an inventory variable": ({"site.yml": HEAD + "    - debug: {msg: '{{ releese }}'}\n"}, "", r"site\.yml:4:7"),
    "undefined variable in when": ({"site.yml": HEAD + "    - debug: {msg: hi}\n      when: nowhere | bool\n"}, "",
                                   r"site\.yml:4:7"),
    "undefined variable in loop": ({"site.yml": HEAD + "    - debug: {msg: hi}\n      loop: '{{ nowhere }}'\n"}, "",
                                   r"site\.yml:4:7"),
    "undefined variable in included file": ({"site.yml": HEAD + "    - include_tasks: a.yml\n",
                                             "a.yml": "- debug: {msg: '{{ nowhere }}'}\n"}, "", r"a\.yml:1:3"),
    "undefined variable in role": ({"site.yml": "- hosts: all\n  gather_facts: false\n  roles: [r]\n",
                                    "roles/r/tasks/main.yml": "- debug: {msg: '{{ nowhere }}'}\n"}, "",
                                   r"roles/r/tasks/main\.yml:1:3"),
    "templated hosts undefined": ({"site.yml": "- hosts: '{{ target }}'\n  gather_facts: false\n  tasks: []\n"}, "",
                                  r"site\.yml:1:3"),
    "templated vars_files not found": ({"site.yml": "- hosts: all\n  vars_files: ['{{ stage }}.yml']\n  tasks: []\n"},
                                       " -e stage=prd", r"site\.yml:1:3"),
    "templated vars_files undefined": ({"site.yml": "- hosts: all\n  vars_files: ['{{ stage }}.yml']\n  tasks: []\n"},
                                       "", r"site\.yml:1:3"),
    "first-found vars_files none exists": ({"site.yml": "- hosts: all\n  vars_files: [[a.yml, '{{ stage }}.yml']]\n"
                                            "  tasks: []\n"}, " -e stage=prd", r"site\.yml:1:3"),
    "templated include_tasks not found": ({"site.yml": HEAD + "    - include_tasks: '{{ stage }}.yml'\n"}, " -e stage=prd",
                                          r"site\.yml:4:7"),
}
for name, (files, extra, where) in CHECKED.items():
    files = dict(files, **{"hosts.ini": HOSTS_VARS})
    cases.append(case("check-vars", name, files, args="check -i hosts.ini%s site.yml" % extra, where=where))

# PlaybookChecker's per-task checks reach include_tasks files, for check and run alike.
for name, text, where in [("command without command in included file", "- command:\n", r"a\.yml:1:3"),
                          ("bad register name in included file", "- debug: {msg: a}\n  register: 1bad\n", r"a\.yml:1:3"),
                          ("unknown notify in included file", "- debug: {msg: a}\n  notify: nothing\n", r"a\.yml:1:3")]:
    pb = "- hosts: all\n  gather_facts: false\n  tasks:\n    - include_tasks: a.yml\n"
    for verb in ("run -i hosts.ini site.yml", "check site.yml"):
        cases.append(case("include", "%s (%s)" % (name, verb.split()[0]), {"site.yml": pb, "a.yml": text},
                          args=verb, where=where))
# The first-found form of vars_files at run time.
cases.append(case("vars-file", "first-found vars_files none exists (run)",
                  {"site.yml": "- hosts: all\n  gather_facts: false\n  vars_files: [[a.yml, b.yml]]\n  tasks: []\n"},
                  where=r"site\.yml:1:3"))

print("\n".join(cases))
