#!/bin/sh
# Applies the AMPs in amps/ to alfresco.war and those in amps_share/ to share.war with the Module
# Management Tool, like Alfresco's apply_amps.sh. Interactive (it waits for Enter twice): automation
# calls java -jar bin/alfresco-mmt.jar directly instead.
ALF_HOME=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
MMT="$ALF_HOME/bin/alfresco-mmt.jar"
echo "This script will apply all the AMPs in amps and amps_share to the alfresco.war and share.war files in tomcat/webapps"
echo "Press control-c to stop this script . . ."
read -r RESP
"$JAVA" -jar "$MMT" install "$ALF_HOME/amps" "$ALF_HOME/tomcat/webapps/alfresco.war" -directory "$@" || exit 1
"$JAVA" -jar "$MMT" list "$ALF_HOME/tomcat/webapps/alfresco.war"
if [ -n "$(ls "$ALF_HOME/amps_share" 2>/dev/null)" ]; then
    "$JAVA" -jar "$MMT" install "$ALF_HOME/amps_share" "$ALF_HOME/tomcat/webapps/share.war" -directory "$@" || exit 1
fi
echo "About to clean out tomcat/webapps/alfresco directory and temporary files..."
echo "Press control-c to stop this script . . ."
read -r RESP
rm -rf "$ALF_HOME/tomcat/webapps/alfresco" "$ALF_HOME/tomcat/webapps/share" \
    "$ALF_HOME"/tomcat/work/* "$ALF_HOME"/tomcat/temp/*
