#!/bin/sh
# Starts the httptester stand-in (standin.py) in DIR: a test CA, server certificates, a hosts file and
# three gunicorn servers on loopback, each in the background with its pid in DIR/*.pid (the gunicorn
# master: stopping it stops its worker).
#   httptester.sh DIR ADDR_MAIN ADDR_FAIL   (e.g. 127.0.0.71 127.0.0.72; binds ports 80 and 443)
# ADDR_MAIN serves ansible.http.tests and sni1.ansible.http.tests over HTTP and HTTPS (a certificate
# for both names, signed by the CA); ADDR_FAIL serves fail.ansible.http.tests over HTTPS with a
# certificate for another name (wrong.host.badssl.com). TLS 1.2 only, as the get_url target's cipher
# tasks expect a server that offers no TLS 1.3 (where a client's cipher list does not apply).
set -eu
dir=$1 main=$2 fail=$3
here=$(cd "$(dirname "$0")" && pwd)
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=drover test CA' \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
  -keyout ca.key -out cacert.pem 2>/dev/null
server() { # name SANs
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n' "$2" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA cacert.pem -CAkey ca.key -CAcreateserial -days 2 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
}
server ansible.http.tests DNS:ansible.http.tests,DNS:sni1.ansible.http.tests
server wrong.host.badssl.com DNS:wrong.host.badssl.com
server client DNS:client
# For the JDK's jdk.net.hosts.file, which then is the only source of names: localhost too.
printf '127.0.0.1 localhost\n%s ansible.http.tests sni1.ansible.http.tests\n%s fail.ansible.http.tests\n' "$main" "$fail" > hosts
export HTTPTESTER_DIR="$dir"
start() { # name gunicorn-args...
  name=$1; shift
  /usr/bin/python3 /usr/bin/gunicorn --chdir "$here" --workers 1 --threads 4 \
    --error-logfile "$dir/$name.log" "$@" standin:app > "$dir/$name.out" 2>&1 &
  echo $! > "$dir/$name.pid"
}
tls="--certfile $dir/ansible.http.tests.pem --keyfile $dir/ansible.http.tests.key --ssl-version 5"
start http --bind "$main:80"
start https $tls --bind "$main:443"
start fail --certfile "$dir/wrong.host.badssl.com.pem" --keyfile "$dir/wrong.host.badssl.com.key" --ssl-version 5 --bind "$fail:443"
