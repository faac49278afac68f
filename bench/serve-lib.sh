# Sourced by bench/serve.sh and bench/serve-live-cost.sh: drover from this checkout's jar, a median
# helper, and the playbook both measure ($work/inv.yml: 3 local hosts; $work/pb.yml: serial: 1,
# 20 tasks, 60 results). Needs $work and $jar set.
drover() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" "$@"; }
median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print("%.3f" % statistics.median(v))'; }

cat > "$work/inv.yml" <<'YML'
all:
  hosts:
    node1: {ansible_connection: local}
    node2: {ansible_connection: local}
    node3: {ansible_connection: local}
YML
{
  echo "- name: rolling"
  echo "  hosts: all"
  echo "  serial: 1"
  echo "  gather_facts: false"
  echo "  tasks:"
  for i in $(seq 1 20); do
    echo "    - name: step $i"
    echo "      command: echo step $i on {{ inventory_hostname }}"
  done
} > "$work/pb.yml"
