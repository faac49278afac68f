#!/usr/bin/env bash
# testbed/acs-lab.sh up|down|status - the local ACS testbed cluster, for trying the upgrade
# playbooks by hand on real sshd (inventory-examples/acs-lab.yml):
#   - the OpenSSH lab (testbed/lab/lab.sh): three sshd on 127.0.0.11-13, port 2222;
#   - a private PostgreSQL on 127.0.0.1:55432 (database alfresco, user alfresco, password alfresco);
#   - the simulated ACS 5.1.0 (testbed/acs-sim) installed on each node under
#     /var/tmp/drover-acs-lab/<node>, sharing one repository (/var/tmp/drover-acs-lab/shared/alf_data),
#     seeded with a production repository and running; the 5.2.7 distribution in .../dist.
# Then, from the repository root:
#   ./drover run -i inventory-examples/acs-lab.yml playbooks/acs-cluster-upgrade.yml
# down stops the nodes, PostgreSQL and the lab, and deletes /var/tmp/drover-acs-lab.
# Needs sshd and PostgreSQL's server programs (Debian: openssh-server postgresql); as root, the
# lab's login user is `drover` and PostgreSQL runs as `postgres`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly BASE=/var/tmp/drover-acs-lab PG_PORT=55432 LAB=.drover/lab
readonly JAR=$PWD/testbed/acs-sim/target/acs-sim.jar

die() { printf 'acs-lab.sh: %s\n' "$*" >&2; exit 1; }
on() { local node=$1; shift; ssh -F "$LAB/ssh_config" -o BatchMode=yes "$node" "$@"; }
pg_bin() { local b; b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1); [[ -n $b ]] || die "PostgreSQL is not installed (apt-get install postgresql)"; echo "$b"; }
as_pg() { if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi; }

up() {
  [[ -f $JAR ]] || mvn -q -B -ntp package -DskipTests -pl testbed/acs-sim -am
  testbed/lab/lab.sh up >/dev/null
  local user; user=$(on node1 whoami)
  mkdir -p "$BASE"
  ((EUID == 0)) && chown "$user" "$BASE"
  local bin; bin=$(pg_bin)
  if ! as_pg "$bin/pg_ctl" -D "$BASE/pg" status >/dev/null 2>&1; then
    mkdir -p "$BASE/pg"; ((EUID == 0)) && chown postgres "$BASE/pg"
    if [[ ! -f $BASE/pg/PG_VERSION ]]; then
      echo postgres > "$BASE/pg.pw"; ((EUID == 0)) && chown postgres "$BASE/pg.pw"
      as_pg "$bin/initdb" -D "$BASE/pg" -A scram-sha-256 -U postgres --pwfile="$BASE/pg.pw" >/dev/null
      rm -f "$BASE/pg.pw"
    fi
    as_pg "$bin/pg_ctl" -D "$BASE/pg" -l "$BASE/pg/server.log" -w \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $BASE/pg" start >/dev/null
    PGPASSWORD=postgres psql -X -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres \
      -c "CREATE ROLE alfresco LOGIN CREATEDB PASSWORD 'alfresco'" -c "CREATE DATABASE alfresco OWNER alfresco"
  fi
  on node1 "mkdir -p $BASE/dist && cd $BASE/dist && for v in 5.1.0 5.2.7; do [ -f alfresco-content-services-\$v.zip ] || java -jar $JAR dist --version \$v --out . >/dev/null; done"
  local i node home port=18080
  for i in 1 2 3; do
    node=node$i home=$BASE/$node/alfresco-content-services-5.1.0
    on "$node" "test -d $home" && continue
    on "$node" "mkdir -p $BASE/$node && cd $BASE/$node && jar xf $BASE/dist/alfresco-content-services-5.1.0.zip \
      && chmod 755 $home/alfresco.sh $home/bin/*.sh && cat >> $home/tomcat/shared/classes/alfresco-global.properties" <<PROPS

# testbed/acs-lab.sh
dir.root=$BASE/shared/alf_data
db.driver=org.postgresql.Driver
db.url=jdbc:postgresql://127.0.0.1:$PG_PORT/alfresco
db.username=alfresco
db.password=alfresco
alfresco.host=127.0.0.1$i
alfresco.port=$port
alfresco.cluster.enabled=true
alfresco.hazelcast.port=5701
sim.startup.delay.ms=1500
sim.upgrade.delay.ms=4000
PROPS
    # ACS answers on Tomcat's connector (server.xml), not on alfresco.port.
    on "$node" "sed -i 's|<Connector port=\"8080\" protocol=\"HTTP/1.1\"|<Connector address=\"127.0.0.1$i\" port=\"$port\" protocol=\"HTTP/1.1\"|' $home/tomcat/conf/server.xml"
  done
  for i in 1 2 3; do
    node=node$i home=$BASE/$node/alfresco-content-services-5.1.0
    on "$node" "$home/alfresco.sh status >/dev/null || $home/alfresco.sh start >/dev/null; for t in \$(seq 600); do grep -q 'started (Enterprise)' $home/alfresco.log 2>/dev/null && break; sleep 0.1; done"
    if ((i == 1)); then
      on node1 "java -jar $JAR fingerprint --home $home | grep -q '\"alf_node\":0' && java -jar $JAR seed --home $home --nodes 200 >/dev/null || true"
    fi
  done
  echo "ACS testbed up: 3 nodes running 5.1.0 on 127.0.0.11-13:$port, PostgreSQL on 127.0.0.1:$PG_PORT, files in $BASE"
  echo "next: ./drover run -i inventory-examples/acs-lab.yml playbooks/acs-cluster-upgrade.yml"
}

down() {
  if [[ -d $BASE ]]; then
    if [[ -f $LAB/ssh_config ]] && testbed/lab/lab.sh status >/dev/null 2>&1; then
      for i in 1 2 3; do
        on node$i "for h in $BASE/node$i/alfresco-content-services-*; do [ -x \$h/alfresco.sh ] && \$h/alfresco.sh stop >/dev/null 2>&1; done; true" || true
      done
    fi
    as_pg "$(pg_bin)/pg_ctl" -D "$BASE/pg" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$BASE"
  fi
  testbed/lab/lab.sh down >/dev/null || true
  echo "ACS testbed down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) for i in 1 2 3; do printf 'node%d: ' "$i"; on node$i "for h in $BASE/node$i/alfresco-content-services-*; do \$h/alfresco.sh status >/dev/null 2>&1 && basename \$h; done" || echo '?'; done ;;
  *) echo "usage: testbed/acs-lab.sh up|down|status" >&2; exit 2 ;;
esac
