#!/bin/sh
# catalina.sh start|stop: the operator's (simulated) Tomcat running a distribution-zip ACS, as Tomcat's own
# script does it. CATALINA_BASE is this script's parent directory; bin/setenv.sh is read (operators set
# CATALINA_PID there); output is appended to $CATALINA_OUT (logs/catalina.out). The JVM's working directory is
# the caller's, so relative paths in alfresco-global.properties (dir.root=./alf_data) and alfresco.log land
# where catalina.sh was started from. `stop` asks Tomcat to shut down and returns before the JVM has exited.
# As Tomcat's script: start refuses while the pid file names a live process (and clears a stale one); stop
# without a live process fails ("Stop aborted."); there is no `status`.
CATALINA_BASE=$(cd "$(dirname "$0")/.." && pwd)
CATALINA_HOME=$CATALINA_BASE
[ -r "$CATALINA_BASE/bin/setenv.sh" ] && . "$CATALINA_BASE/bin/setenv.sh"
CATALINA_OUT=${CATALINA_OUT:-$CATALINA_BASE/logs/catalina.out}
SHUTDOWN="$CATALINA_BASE/temp/catalina.shutdown"
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
# The simulated node is not Alfresco: a small JVM whose start is what matters. The client compiler and the serial
# collector make a start and stop about a fifth cheaper in CPU (2 cores shared by the nodes of a test and the tests
# themselves); $JAVA_OPTS comes after, so it can override either.
SIM_JVM_FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

case "$1" in
start)
    if [ -n "$CATALINA_PID" ] && [ -f "$CATALINA_PID" ]; then
        pid=$(cat "$CATALINA_PID" 2>/dev/null)
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            echo "Tomcat appears to still be running with PID $pid. Start aborted."
            exit 1
        fi
        echo "Removing/clearing stale PID file."
        rm -f "$CATALINA_PID"
    fi
    echo "Using CATALINA_BASE:   $CATALINA_BASE"
    echo "Using CATALINA_HOME:   $CATALINA_HOME"
    echo "Using JRE_HOME:        ${JAVA_HOME:-$(command -v "$JAVA")}"
    [ -n "$CATALINA_PID" ] && echo "Using CATALINA_PID:    $CATALINA_PID"
    mkdir -p "$CATALINA_BASE/logs" "$CATALINA_BASE/temp" "$CATALINA_BASE/work"
    rm -f "$SHUTDOWN"
    nohup "$JAVA" $SIM_JVM_FLAGS $JAVA_OPTS $CATALINA_OPTS -jar "$CATALINA_BASE/lib/acs-sim.jar" node run --home "$(pwd)" \
        --catalina-base "$CATALINA_BASE" >> "$CATALINA_OUT" 2>&1 < /dev/null &
    [ -n "$CATALINA_PID" ] && echo $! > "$CATALINA_PID"
    echo "Tomcat started."
    exit 0
    ;;
stop)
    if [ -n "$CATALINA_PID" ]; then
        if [ ! -f "$CATALINA_PID" ]; then
            echo "\$CATALINA_PID was set but the specified file does not exist. Is Tomcat running? Stop aborted."
            exit 1
        fi
        pid=$(cat "$CATALINA_PID" 2>/dev/null)
        if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "PID file found but either no matching process was found or the current user does not have permission to stop the process. Stop aborted."
            exit 1
        fi
    fi
    touch "$SHUTDOWN"
    exit 0
    ;;
*)
    echo "Usage: catalina.sh ( commands ... )"
    echo "commands:"
    echo "  start             Start Catalina in a separate window"
    echo "  stop              Stop Catalina, waiting up to 5 seconds for the process to end"
    exit 1
    ;;
esac
