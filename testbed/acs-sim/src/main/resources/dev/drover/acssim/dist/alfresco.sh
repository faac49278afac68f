#!/bin/sh
# alfresco.sh start|stop|status [tomcat]: controls the (simulated) Alfresco Content Services node installed in
# this directory, like the installer's script. Uses $JAVA_HOME/bin/java if JAVA_HOME is set, else java on the
# PATH; $JAVA_OPTS is passed to the JVM. `stop` asks Tomcat to shut down and returns at once, as Tomcat's
# shutdown.sh does: the JVM goes on stopping its webapps and exits later (wait for the pid to go). Without the
# `tomcat` argument, start and stop also start and stop an installer-bundled PostgreSQL
# (postgresql/scripts/ctl.sh), as the installer's script does.
ALF_HOME=$(cd "$(dirname "$0")" && pwd)
PIDFILE="$ALF_HOME/tomcat/temp/catalina.pid"
SHUTDOWN="$ALF_HOME/tomcat/temp/catalina.shutdown"
CATALINA_OUT="$ALF_HOME/tomcat/logs/catalina.out"
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
# The simulated node is not Alfresco: a small JVM whose start is what matters. The client compiler and the serial
# collector make a start and stop about a fifth cheaper in CPU (2 cores shared by the nodes of a test and the tests
# themselves); $JAVA_OPTS comes after, so it can override either.
SIM_JVM_FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

running() {
    [ -f "$PIDFILE" ] || return 1
    pid=$(cat "$PIDFILE" 2>/dev/null)
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

case "$1" in
start)
    if running; then
        echo "Alfresco is already running (pid $pid)."
        exit 1
    fi
    if ! command -v "$JAVA" >/dev/null 2>&1; then
        echo "Cannot start Alfresco: no Java at '$JAVA'. Set JAVA_HOME or put java on the PATH." >&2
        exit 1
    fi
    if [ "$2" != tomcat ] && [ -x "$ALF_HOME/postgresql/scripts/ctl.sh" ]; then
        "$ALF_HOME/postgresql/scripts/ctl.sh" start
    fi
    mkdir -p "$ALF_HOME/tomcat/logs" "$ALF_HOME/tomcat/temp" "$ALF_HOME/tomcat/work"
    rm -f "$SHUTDOWN"
    cd "$ALF_HOME" || exit 1
    echo "Using CATALINA_BASE:   $ALF_HOME/tomcat"
    echo "Using JRE_HOME:        ${JAVA_HOME:-$(command -v "$JAVA")}"
    nohup "$JAVA" $SIM_JVM_FLAGS $JAVA_OPTS -jar "$ALF_HOME/tomcat/lib/acs-sim.jar" node run --home "$ALF_HOME" \
        >> "$CATALINA_OUT" 2>&1 < /dev/null &
    echo $! > "$PIDFILE"
    echo "Tomcat started."
    exit 0
    ;;
stop)
    if ! running; then
        echo "Alfresco is not running."
    else
        touch "$SHUTDOWN"
        echo "Tomcat stopped."
    fi
    if [ "$2" != tomcat ] && [ -x "$ALF_HOME/postgresql/scripts/ctl.sh" ]; then
        "$ALF_HOME/postgresql/scripts/ctl.sh" stop
    fi
    exit 0
    ;;
status)
    if running; then
        echo "Alfresco is running (pid $pid)."
        exit 0
    fi
    echo "Alfresco is not running."
    exit 3
    ;;
*)
    echo "usage: $0 start|stop|status [tomcat]" >&2
    exit 2
    ;;
esac
