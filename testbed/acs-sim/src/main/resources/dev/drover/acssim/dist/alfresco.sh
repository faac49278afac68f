#!/bin/sh
# alfresco.sh start|stop|status: controls the (simulated) Alfresco Content Services node installed in this
# directory, like the installer's script. Uses $JAVA_HOME/bin/java if JAVA_HOME is set, else java on the
# PATH; $JAVA_OPTS is passed to the JVM. ALFRESCO_STOP_TIMEOUT (seconds, default 60) bounds `stop`.
ALF_HOME=$(cd "$(dirname "$0")" && pwd)
PIDFILE="$ALF_HOME/tomcat/temp/catalina.pid"
SHUTDOWN="$ALF_HOME/tomcat/temp/catalina.shutdown"
CATALINA_OUT="$ALF_HOME/tomcat/logs/catalina.out"
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

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
    mkdir -p "$ALF_HOME/tomcat/logs" "$ALF_HOME/tomcat/temp" "$ALF_HOME/tomcat/work"
    rm -f "$SHUTDOWN"
    cd "$ALF_HOME" || exit 1
    echo "Using CATALINA_BASE:   $ALF_HOME/tomcat"
    echo "Using JRE_HOME:        ${JAVA_HOME:-$(command -v "$JAVA")}"
    nohup "$JAVA" $JAVA_OPTS -jar "$ALF_HOME/tomcat/lib/acs-sim.jar" node run --home "$ALF_HOME" \
        >> "$CATALINA_OUT" 2>&1 < /dev/null &
    echo $! > "$PIDFILE"
    echo "Tomcat started."
    exit 0
    ;;
stop)
    if ! running; then
        echo "Alfresco is not running."
        rm -f "$PIDFILE"
        exit 0
    fi
    touch "$SHUTDOWN"
    waited=0
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$waited" -ge "${ALFRESCO_STOP_TIMEOUT:-60}" ]; then
            echo "Tomcat did not stop in time; killing it (pid $pid)."
            kill -9 "$pid" 2>/dev/null
            break
        fi
        sleep 1
        waited=$((waited + 1))
    done
    rm -f "$PIDFILE" "$SHUTDOWN"
    echo "Tomcat stopped."
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
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
